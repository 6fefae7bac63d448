#pragma once
// TempDir: a fresh directory under the system temp dir for one test, removed (recursively) on
// destruction. The one temporary-directory helper of the unit and integration tests.

#include <string>

namespace tars::test {

class TempDir {
 public:
  // Throws std::runtime_error when the directory cannot be made.
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // path()/name.
  std::string file(const std::string& name) const { return path_ + "/" + name; }
  // Writes (replaces) path()/name with `content`; returns the full path.
  std::string write(const std::string& name, const std::string& content) const;

 private:
  std::string path_;
};

}  // namespace tars::test
