#include "identity/keyring/master_secret.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <openssl/crypto.h>

#include "core/base64url.h"
#include "crypto/random.h"

namespace tars::identity {
namespace {

constexpr std::size_t kGeneratedBytes = 32;
constexpr std::size_t kMaxFileBytes = 4096;

// Closes a descriptor on scope exit.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) {
      ::close(fd_);
    }
  }
  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }

 private:
  int fd_;
};

// Wipes a buffer that held the secret when it goes out of scope.
struct Wiper {
  std::string& buffer;
  ~Wiper() { OPENSSL_cleanse(buffer.data(), buffer.size()); }
};

std::string joinPath(const std::string& dir, std::string_view name) {
  if (dir.empty()) {
    return std::string(name);
  }
  return dir.back() == '/' ? dir + std::string(name) : dir + "/" + std::string(name);
}

std::string errnoText(int err) {
  return std::strerror(err);
}

// Reads an existing secret file. nullopt (no Status) when it does not exist.
StatusOr<std::optional<crypto::SecretBytes>> readSecretFile(const std::string& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (!fd.valid()) {
    const int err = errno;
    if (err == ENOENT) {
      return std::optional<crypto::SecretBytes>();
    }
    if (err == ELOOP) {
      return failedPrecondition(path + " is a symbolic link; refusing to read the secret from it");
    }
    return unavailable("cannot open " + path + ": " + errnoText(err));
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) {
    return unavailable("cannot stat " + path + ": " + errnoText(errno));
  }
  if (!S_ISREG(st.st_mode)) {
    return failedPrecondition(path + " is not a regular file");
  }
  // Checked on the open descriptor, so a chmod between check and read cannot slip past.
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    return failedPrecondition(path + " is accessible by group or others; run chmod 600 " + path);
  }
  if (static_cast<std::size_t>(st.st_size) > kMaxFileBytes) {
    return failedPrecondition(path + " is larger than 4 KiB; it does not look like a secret");
  }
  std::string content(kMaxFileBytes + 1, '\0');
  Wiper wiper{content};
  std::size_t got = 0;
  while (got < content.size()) {
    const ssize_t n = ::read(fd.get(), content.data() + got, content.size() - got);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return unavailable("cannot read " + path + ": " + errnoText(errno));
    }
    if (n == 0) {
      break;
    }
    got += static_cast<std::size_t>(n);
  }
  if (got > kMaxFileBytes) {
    return failedPrecondition(path + " is larger than 4 KiB; it does not look like a secret");
  }
  std::string_view secret(content.data(), got);
  // One trailing line end, as an editor or `echo` leaves it, is not part of the secret.
  if (secret.ends_with("\r\n")) {
    secret.remove_suffix(2);
  } else if (secret.ends_with('\n')) {
    secret.remove_suffix(1);
  }
  if (secret.empty()) {
    return failedPrecondition(path + " is empty; delete it to have a new secret generated");
  }
  return std::optional<crypto::SecretBytes>(crypto::SecretBytes(secret));
}

Status writeAll(int fd, std::string_view data, const std::string& path) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return unavailable("cannot write " + path + ": " + errnoText(errno));
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return Status::ok();
}

// Makes the completed `tmp` appear as `path` unless `path` already exists. True when ours won,
// false when another creator's file was there first.
StatusOr<bool> publishNoReplace(const std::string& tmp, const std::string& path) {
  if (::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE) == 0) {
    return true;
  }
  int err = errno;
  if (err == EINVAL || err == ENOSYS) {
    // The file system cannot rename without replacing; link() never replaces either.
    if (::link(tmp.c_str(), path.c_str()) == 0) {
      ::unlink(tmp.c_str());
      return true;
    }
    err = errno;
  }
  ::unlink(tmp.c_str());
  if (err == EEXIST) {
    return false;
  }
  return unavailable("cannot create " + path + ": " + errnoText(err));
}

// Creates `path` with a fresh secret unless another process beats us to it.
Status createSecretFile(const std::string& dir, const std::string& path) {
  TARS_ASSIGN_OR_RETURN(std::string random, crypto::randomBytes(kGeneratedBytes));
  std::string content = base64UrlEncode(random) + "\n";
  OPENSSL_cleanse(random.data(), random.size());
  Wiper wiper{content};

  // O_EXCL on a unique name: this process alone writes it, and a stale temp file from a crash is
  // never reused.
  TARS_ASSIGN_OR_RETURN(std::string suffix, crypto::randomBytes(6));
  const std::string tmp =
      path + ".tmp." + std::to_string(::getpid()) + "." + base64UrlEncode(suffix);
  Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (!fd.valid()) {
    return unavailable("cannot create " + tmp + ": " + errnoText(errno));
  }
  Status written = writeAll(fd.get(), content, tmp);
  // The umask can only narrow 0600, but say it explicitly; then make the content durable before
  // the name appears.
  if (written.isOk() && (::fchmod(fd.get(), 0600) != 0 || ::fsync(fd.get()) != 0)) {
    written = unavailable("cannot write " + tmp + ": " + errnoText(errno));
  }
  if (!written.isOk()) {
    ::unlink(tmp.c_str());
    return written;
  }
  TARS_ASSIGN_OR_RETURN(bool won, publishNoReplace(tmp, path));
  if (won) {
    // Persist the new directory entry too (best effort: the file itself is already synced).
    Fd dir_fd(::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir_fd.valid()) {
      (void)::fsync(dir_fd.get());
    }
  }
  return Status::ok();
}

}  // namespace

StatusOr<crypto::SecretBytes> resolveMasterSecret(const std::optional<std::string>& configured,
                                                  const std::string& data_dir, bool development) {
  if (configured) {
    if (configured->empty()) {
      return failedPrecondition("auth.jwt.secret is set but empty");
    }
    return crypto::SecretBytes(std::string_view(*configured));
  }
  if (!development) {
    return failedPrecondition(
        "auth.jwt.secret is required in production (set TARS_JWT_SECRET to at least 32 random "
        "bytes)");
  }
  const std::string path = joinPath(data_dir, kDevelopmentSecretFile);
  TARS_ASSIGN_OR_RETURN(std::optional<crypto::SecretBytes> existing, readSecretFile(path));
  if (existing) {
    return std::move(*existing);
  }
  TARS_RETURN_IF_ERROR(createSecretFile(data_dir, path));
  // Read back whatever won (ours or a concurrent creator's): everyone returns the file's content.
  TARS_ASSIGN_OR_RETURN(existing, readSecretFile(path));
  if (!existing) {
    return unavailable(path + " disappeared right after it was created");
  }
  return std::move(*existing);
}

}  // namespace tars::identity
