#pragma once
// The YAML file source: walks the document against the schema and applies every key.
//
// Rules: the top level is a map; a map key is a section or a key of the schema, anything else
// is "config: unknown key '<dotted.path>'"; keys are written nested, never dotted; a key given
// twice in one map is an error; a null value (`key:` or `key: ~`) leaves the key unset. Lists
// are YAML sequences or comma-separated strings.
//
// No exception escapes: yaml-cpp's throws become kInvalidArgument.

#include <string>
#include <string_view>

#include "core/config/config.h"
#include "core/config/provenance.h"
#include "core/config/schema.h"
#include "core/status.h"

namespace tars::config {

// Applies the YAML document `text`; `file_label` names it in messages ("in <file_label> line N").
Status applyYamlText(const Schema& schema, std::string_view text, const std::string& file_label,
                     Config& config, Provenance& provenance);

// Reads the file at `path` and applies it; a missing or unreadable file is an error.
Status applyYamlFile(const Schema& schema, const std::string& path, Config& config,
                     Provenance& provenance);

}  // namespace tars::config
