#include "core/config/yaml_source.h"

#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace tars::config {
namespace {

struct Walk {
  const Schema& schema;
  const std::string& file;
  Config& config;
  Provenance& provenance;

  std::string origin(const YAML::Node& node) const {
    return "in " + file + " line " + std::to_string(node.Mark().line + 1);
  }

  static const char* shapeName(const YAML::Node& node) {
    if (node.IsSequence())
      return "a list";
    if (node.IsMap())
      return "a map";
    return "a value";
  }

  StatusOr<std::vector<std::string>> scalars(const std::string& path, const YAML::Node& seq,
                                             const std::string& where) const {
    std::vector<std::string> items;
    for (const YAML::Node& item : seq) {
      if (!item.IsScalar())
        return keyError(path, std::string("list entries must be values, got ") + shapeName(item),
                        where);
      items.push_back(item.Scalar());
    }
    return items;
  }

  StatusOr<RawRecord> record(const std::string& path, const YAML::Node& map) const {
    RawRecord out;
    out.origin = origin(map);
    if (!map.IsMap())
      return keyError(path, std::string("expected a map, got ") + shapeName(map), out.origin);
    for (auto it = map.begin(); it != map.end(); ++it) {
      if (!it->first.IsScalar())
        return keyError(path, "has a key that is not a string", out.origin);
      const std::string field_path = path + "." + it->first.Scalar();
      if (it->second.IsNull())
        continue;
      if (!it->second.IsScalar()) {
        return keyError(field_path,
                        std::string("expected a single value, got ") + shapeName(it->second),
                        origin(it->first));
      }
      out.fields.emplace_back(it->first.Scalar(), it->second.Scalar());
    }
    return out;
  }

  StatusOr<RawValue> raw(const KeySpec& spec, const YAML::Node& value,
                         const std::string& where) const {
    RawValue out;
    out.shape = spec.shape;
    out.origin = where;
    if (spec.shape == Shape::kScalar) {
      if (!value.IsScalar()) {
        return keyError(spec.path, std::string("expected a single value, got ") + shapeName(value),
                        where);
      }
      out.scalar = value.Scalar();
      return out;
    }
    if (spec.shape == Shape::kList) {
      if (value.IsScalar()) {
        out.list = splitList(value.Scalar());
        return out;
      }
      if (!value.IsSequence())
        return keyError(spec.path, std::string("expected a list, got ") + shapeName(value), where);
      TARS_ASSIGN_OR_RETURN(out.list, scalars(spec.path, value, where));
      return out;
    }
    if (!value.IsSequence())
      return keyError(spec.path, std::string("expected a list, got ") + shapeName(value), where);
    for (std::size_t i = 0; i < value.size(); ++i) {
      TARS_ASSIGN_OR_RETURN(RawRecord rec,
                            record(spec.path + "[" + std::to_string(i) + "]", value[i]));
      out.records.push_back(std::move(rec));
    }
    return out;
  }

  Status map(const YAML::Node& node, const std::string& prefix) {
    std::set<std::string> seen;
    for (auto it = node.begin(); it != node.end(); ++it) {
      const YAML::Node key = it->first;  // copies: yaml-cpp's iterator proxy is a temporary
      const YAML::Node value = it->second;
      const std::string where = origin(key);
      if (!key.IsScalar()) {
        return invalidArgument("config: a key under '" + (prefix.empty() ? "." : prefix) +
                               "' is not a string (" + where + ")");
      }
      const std::string& name = key.Scalar();
      const std::string path = prefix.empty() ? name : prefix + "." + name;
      if (name.find('.') != std::string::npos) {
        return invalidArgument("config: key '" + path +
                               "' contains a dot; write it nested (a: {b: ...}) (" + where + ")");
      }
      if (!seen.insert(name).second)
        return invalidArgument("config: key '" + path + "' is given twice (" + where + ")");
      if (const KeySpec* spec = schema.find(path)) {
        if (value.IsNull())
          continue;  // `key:` with no value keeps the default (rendered charts produce these)
        TARS_ASSIGN_OR_RETURN(RawValue raw_value, raw(*spec, value, where));
        TARS_RETURN_IF_ERROR(applyValue(*spec, raw_value, config, provenance));
      } else if (schema.isSection(path)) {
        if (value.IsNull())
          continue;
        if (!value.IsMap()) {
          return keyError(
              path, std::string("is a section and needs a map, got ") + shapeName(value), where);
        }
        TARS_RETURN_IF_ERROR(map(value, path));
      } else {
        return invalidArgument("config: unknown key '" + path + "' (" + where + ")");
      }
    }
    return Status::ok();
  }
};

}  // namespace

Status applyYamlText(const Schema& schema, std::string_view text, const std::string& file_label,
                     Config& config, Provenance& provenance) {
  try {
    YAML::Node root = YAML::Load(std::string(text));
    if (root.IsNull())
      return Status::ok();  // an empty file: defaults only
    if (!root.IsMap())
      return invalidArgument("config: " + file_label + ": the top level must be a map of keys");
    Walk walk{schema, file_label, config, provenance};
    return walk.map(root, "");
  } catch (const YAML::ParserException& e) {
    return invalidArgument("config: " + file_label + ": YAML parse error at line " +
                           std::to_string(e.mark.line + 1) + ", column " +
                           std::to_string(e.mark.column + 1) + ": " + e.msg);
  } catch (const YAML::Exception& e) {
    return invalidArgument("config: " + file_label + ": YAML error: " + e.msg);
  }
}

Status applyYamlFile(const Schema& schema, const std::string& path, Config& config,
                     Provenance& provenance) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    return invalidArgument("config: cannot read config file '" + path + "': it is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return invalidArgument("config: cannot read config file '" + path +
                           "': " + std::strerror(errno));
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad())
    return invalidArgument("config: cannot read config file '" + path + "'");
  return applyYamlText(schema, text.str(), path, config, provenance);
}

}  // namespace tars::config
