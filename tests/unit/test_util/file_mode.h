#pragma once
// The permission bits of a file, for tests of the modes we promise (0600 keys, 0700 dirs).

#include <sys/stat.h>

#include <string>

namespace tars::test {

// The mode's permission bits (07777), or a value no test expects (~0u) when `path` is missing.
inline mode_t modeOf(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    return static_cast<mode_t>(~0u);
  return st.st_mode & 07777;
}

}  // namespace tars::test
