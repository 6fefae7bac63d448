// openapi/openapi.yaml and `tars routes` describe the same routes (issue #2 item 15): every route
// is documented with its group, access and rate class, and nothing is documented that does not
// exist.

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <boost/json/parse.hpp>
#include <cstdlib>
#include <map>
#include <set>

#include "harness/tars_process.h"

namespace tars::test {
namespace {

struct Op {
  std::string group, access, rate_class;
  bool operator==(const Op&) const = default;
};

std::string upper(std::string s) {
  for (auto& c : s)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// "GET /health" → x-tars-* of the operation.
std::map<std::string, Op> documented() {
  const char* src = std::getenv("TARSTEST_SOURCE_DIR");
  EXPECT_NE(src, nullptr);
  YAML::Node doc = YAML::LoadFile(std::string(src) + "/openapi/openapi.yaml");
  std::map<std::string, Op> out;
  static const std::set<std::string> kMethods{"get",     "put",  "post", "delete",
                                              "options", "head", "patch"};
  for (const auto& path : doc["paths"]) {
    for (const auto& op : path.second) {
      auto method = op.first.as<std::string>();
      if (!kMethods.count(method))
        continue;
      const auto& o = op.second;
      EXPECT_TRUE(o["responses"]) << method << " " << path.first.as<std::string>();
      EXPECT_TRUE(o["operationId"]) << method << " " << path.first.as<std::string>();
      out[upper(method) + " " + path.first.as<std::string>()] = {
          o["x-tars-group"].as<std::string>(""), o["x-tars-access"].as<std::string>(""),
          o["x-tars-rate-class"].as<std::string>("")};
    }
  }
  return out;
}

std::map<std::string, Op> served() {
  auto r = runTars({"routes", "--services", "all"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, Op> out;
  const boost::json::value parsed = boost::json::parse(r.out);
  for (const auto& v : parsed.as_array()) {
    const auto& o = v.as_object();
    out[std::string(o.at("method").as_string()) + " " + std::string(o.at("path").as_string())] = {
        std::string(o.at("group").as_string()), std::string(o.at("access").as_string()),
        std::string(o.at("rate_class").as_string())};
  }
  return out;
}

TEST(OpenApiContractTest, EveryRouteIsDocumentedAndNothingElse) {
  auto doc = documented();
  auto routes = served();
  ASSERT_FALSE(routes.empty());
  for (const auto& [key, op] : routes) {
    auto it = doc.find(key);
    if (it == doc.end()) {
      ADD_FAILURE() << "route not in openapi.yaml: " << key;
      continue;
    }
    EXPECT_EQ(it->second.group, op.group) << key << " x-tars-group";
    EXPECT_EQ(it->second.access, op.access) << key << " x-tars-access";
    EXPECT_EQ(it->second.rate_class, op.rate_class) << key << " x-tars-rate-class";
  }
  for (const auto& [key, op] : doc) {
    EXPECT_TRUE(routes.count(key)) << "openapi.yaml documents a route that does not exist: " << key;
  }
}

}  // namespace
}  // namespace tars::test
