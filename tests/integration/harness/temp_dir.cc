#include "harness/temp_dir.h"

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <system_error>

namespace tars::test {

TempDir::TempDir() {
  std::string templ = (std::filesystem::temp_directory_path() / "tars-test-XXXXXX").string();
  if (::mkdtemp(templ.data()) == nullptr)
    throw std::runtime_error("mkdtemp failed");
  path_ = templ;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string TempDir::write(const std::string& name, const std::string& content) const {
  std::string full = file(name);
  std::ofstream(full, std::ios::binary | std::ios::trunc) << content;
  return full;
}

}  // namespace tars::test
