#include "tls/certgen/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

#include "tls/tls_error.h"

namespace tars::tls {
namespace {

Status ioError(const std::string& what, const std::string& path) {
  return internalError(what + " " + path + ": " + internal::errnoText(errno));
}

Status writeAll(int fd, std::string_view content, const std::string& path) {
  while (!content.empty()) {
    ssize_t n = ::write(fd, content.data(), content.size());
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      return ioError("cannot write", path);
    content.remove_prefix(static_cast<std::size_t>(n));
  }
  return Status::ok();
}

void syncDirectory(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

}  // namespace

Status writeFileAtomically(const std::string& path, std::string_view content, mode_t mode,
                           Overwrite overwrite) {
  std::filesystem::path target(path);
  std::string dir = target.has_parent_path() ? target.parent_path().string() : ".";
  std::string tmp = dir + "/." + target.filename().string() + ".tmp-XXXXXX";
  int fd = ::mkostemp(tmp.data(), O_CLOEXEC);  // created 0600
  if (fd < 0)
    return ioError("cannot create a temporary file in", dir);
  Status st = writeAll(fd, content, tmp);
  if (st.isOk() && ::fchmod(fd, mode) != 0)
    st = ioError("cannot set the mode of", tmp);
  if (st.isOk() && ::fsync(fd) != 0)
    st = ioError("cannot sync", tmp);
  ::close(fd);
  if (st.isOk()) {
    if (overwrite == Overwrite::kRefuse) {
      if (::link(tmp.c_str(), path.c_str()) != 0) {
        st = errno == EEXIST ? alreadyExists(path + " exists") : ioError("cannot create", path);
      }
    } else if (::rename(tmp.c_str(), path.c_str()) != 0) {
      st = ioError("cannot replace", path);
    }
  }
  ::unlink(tmp.c_str());  // after link(), or after a failure; gone already after rename()
  if (st.isOk())
    syncDirectory(dir);
  return st;
}

}  // namespace tars::tls
