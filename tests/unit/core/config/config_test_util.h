#pragma once
// Helpers shared by the config tests: a temporary directory and one-line loads.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include "core/config/loader.h"

namespace tars::config::testing {

using Env = std::map<std::string, std::string>;

// A fresh directory under the system temp dir, removed with the fixture.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "tars-config-XXXXXX").string();
    char* made = mkdtemp(tmpl.data());
    EXPECT_NE(made, nullptr);
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // Writes `text` to <dir>/<name> and returns its path.
  std::string write(const std::string& name, const std::string& text) const {
    std::filesystem::path file = path_ / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file) << text;
    return file.string();
  }

 private:
  std::filesystem::path path_;
};

// 32 bytes: the shortest secret production accepts.
inline const std::string kGoodSecret = "0123456789abcdef0123456789abcdef";

// A syntactically valid API key (tars_<12 base32>_<43 base64url>).
inline const std::string kGoodApiKey =
    "tars_abcdefgh2345_" + std::string("AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE");

// The smallest environment production accepts.
inline Env productionEnv() {
  return {{"TARS_ENV", "production"},
          {"TARS_JWT_SECRET", kGoodSecret},
          {"TARS_BEHIND_TLS_PROXY", "true"}};
}

inline StatusOr<std::shared_ptr<const Config>> loadEnv(const Env& env) {
  LoadOptions options;
  options.environment = env;
  return loadConfig(options);
}

// Loads `yaml` written to a temp file, plus `env`.
inline StatusOr<std::shared_ptr<const Config>> loadYaml(const std::string& yaml,
                                                        const Env& env = {}) {
  TempDir dir;
  LoadOptions options;
  options.config_file = dir.write("tars.yaml", yaml);
  options.environment = env;
  return loadConfig(options);
}

// The error message of a load that must fail ("" and a test failure when it succeeded).
inline std::string errorOf(const StatusOr<std::shared_ptr<const Config>>& result) {
  EXPECT_FALSE(result.isOk()) << "the load succeeded";
  if (result.isOk())
    return "";
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument) << result.status().toString();
  return result.status().message();
}

}  // namespace tars::config::testing
