#include "pg_harness.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace tars::test {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr const char* kInstallHint =
    "PostgreSQL server binaries (initdb, pg_ctl) not found; run scripts/install-deps.sh "
    "(Debian package `postgresql`)";

bool isExecutable(const std::string& path) {
  return ::access(path.c_str(), X_OK) == 0 && fs::is_regular_file(path);
}

std::string findInPath(const std::string& name, const std::string& path_env) {
  std::stringstream ss(path_env);
  std::string dir;
  while (std::getline(ss, dir, ':')) {
    if (dir.empty())
      continue;
    std::string candidate = dir + "/" + name;
    if (isExecutable(candidate))
      return candidate;
  }
  return {};
}

std::string findRunuser() {
  for (const char* p : {"/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser"})
    if (isExecutable(p))
      return p;
  return {};
}

std::string shellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'')
      out += "'\\''";
    else
      out.push_back(c);
  }
  return out + "'";
}

std::vector<char*> toArgv(std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (std::string& a : args)
    argv.push_back(a.data());
  argv.push_back(nullptr);
  return argv;
}

// Runs argv[0] with stdout+stderr appended to `log_path`; the exit code, or -1 on timeout or
// failure to start.
int runCommand(std::vector<std::string> args, const std::string& log_path, const std::string& cwd,
               std::chrono::seconds timeout) {
  std::vector<char*> argv = toArgv(args);
  pid_t pid = ::fork();
  if (pid < 0)
    return -1;
  if (pid == 0) {
    int log = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    int devnull = ::open("/dev/null", O_RDONLY);
    if (log >= 0) {
      ::dup2(log, 1);
      ::dup2(log, 2);
    }
    if (devnull >= 0)
      ::dup2(devnull, 0);
    if (::chdir(cwd.c_str()) != 0 && ::chdir("/") != 0)
      ::_exit(126);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  const auto deadline = Clock::now() + timeout;
  while (true) {
    int status = 0;
    pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid)
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (r < 0 && errno != EINTR)
      return -1;
    if (Clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

int freeLoopbackPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

std::string tail(const std::string& path, std::size_t max_bytes = 2000) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  return s.size() > max_bytes ? s.substr(s.size() - max_bytes) : s;
}

int versionOf(const fs::path& dir) {
  return std::atoi(dir.filename().string().c_str());
}

}  // namespace

StatusOr<PgBinaries> findPgBinaries(const std::vector<std::string>& lib_roots,
                                    const std::string& path_env) {
  for (const std::string& root : lib_roots) {
    std::error_code ec;
    std::vector<fs::path> versions;
    for (const auto& entry : fs::directory_iterator(root, ec))
      if (entry.is_directory(ec))
        versions.push_back(entry.path());
    std::sort(versions.begin(), versions.end(),
              [](const fs::path& a, const fs::path& b) { return versionOf(a) > versionOf(b); });
    for (const fs::path& v : versions) {
      PgBinaries bins{(v / "bin" / "initdb").string(), (v / "bin" / "pg_ctl").string()};
      if (isExecutable(bins.initdb) && isExecutable(bins.pg_ctl))
        return bins;
    }
  }
  PgBinaries bins{findInPath("initdb", path_env), findInPath("pg_ctl", path_env)};
  if (!bins.initdb.empty() && !bins.pg_ctl.empty())
    return bins;
  return failedPrecondition(kInstallHint);
}

StatusOr<std::unique_ptr<PgHarness>> PgHarness::Start() {
  const char* path = std::getenv("PATH");
  TARS_ASSIGN_OR_RETURN(PgBinaries bins,
                        findPgBinaries({"/usr/lib/postgresql"}, path ? path : "/usr/bin:/bin"));
  std::unique_ptr<PgHarness> h(new PgHarness());
  Status last;
  for (int attempt = 0; attempt < 3; ++attempt) {
    last = h->startOnce(bins);
    if (last.isOk())
      return h;
    h->stop();
  }
  return last;
}

Status PgHarness::startOnce(const PgBinaries& bins) {
  const auto started = Clock::now();
  char tmpl[] = "/tmp/tars-pg-XXXXXX";
  if (::mkdtemp(tmpl) == nullptr)
    return unavailable(std::string("mkdtemp failed: ") + std::strerror(errno));
  dir_ = tmpl;
  pg_ctl_ = bins.pg_ctl;
  port_ = freeLoopbackPort();
  if (port_ == 0)
    return unavailable("no free loopback port");

  // PostgreSQL refuses to run as root: hand the dir to the `postgres` user and run as it.
  std::vector<std::string> prefix;
  as_postgres_user_ = ::geteuid() == 0;
  if (as_postgres_user_) {
    const passwd* pw = ::getpwnam("postgres");
    if (pw == nullptr) {
      return failedPrecondition(
          "running as root, but there is no `postgres` system user to run PostgreSQL as; run "
          "scripts/install-deps.sh (the Debian postgresql package creates it)");
    }
    if (::chown(dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0)
      return unavailable(std::string("chown of the PostgreSQL temp dir failed: ") +
                         std::strerror(errno));
    std::string runuser = findRunuser();
    if (!runuser.empty())
      prefix = {runuser, "-u", "postgres", "--"};
  }
  auto asServerUser = [&](std::vector<std::string> args) {
    if (!as_postgres_user_)
      return args;
    if (!prefix.empty()) {
      args.insert(args.begin(), prefix.begin(), prefix.end());
      return args;
    }
    std::string cmd;
    for (const std::string& a : args)
      cmd += (cmd.empty() ? "" : " ") + shellQuote(a);
    return std::vector<std::string>{"/bin/su", "postgres", "-s", "/bin/sh", "-c", cmd};
  };

  const std::string data = dir_ + "/data";
  const std::string setup_log = dir_ + "/setup.log";
  const std::string server_log = dir_ + "/server.log";
  int rc = runCommand(asServerUser({bins.initdb, "-D", data, "-A", "trust", "-U", "postgres",
                                    "--no-locale", "-E", "UTF8", "--no-sync"}),
                      setup_log, dir_, std::chrono::seconds(120));
  if (rc != 0)
    return unavailable("initdb failed (exit " + std::to_string(rc) + "): " + tail(setup_log));

  const std::string options = "-k " + dir_ + " -c listen_addresses=127.0.0.1 -p " +
                              std::to_string(port_) +
                              " -c fsync=off -c full_page_writes=off -c synchronous_commit=off";
  rc = runCommand(asServerUser({bins.pg_ctl, "-D", data, "-l", server_log, "-w", "-t", "60", "-o",
                                options, "start"}),
                  setup_log, dir_, std::chrono::seconds(90));
  if (rc != 0) {
    return unavailable("pg_ctl start failed (exit " + std::to_string(rc) + "): " + tail(setup_log) +
                       "\n--- server.log ---\n" + tail(server_log));
  }

  // Watchdog: cleans up if this process dies without stop() (e.g. a crash or SIGKILL). Built
  // before fork so the child only makes system calls.
  std::vector<std::string> stop_args =
      asServerUser({pg_ctl_, "-D", data, "-m", "immediate", "-w", "stop"});
  std::vector<std::string> rm_args = {"/bin/rm", "-rf", dir_};
  std::vector<char*> stop_argv = toArgv(stop_args);
  std::vector<char*> rm_argv = toArgv(rm_args);
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0)
    return unavailable("pipe2 failed");
  pid_t pid = ::fork();
  if (pid == 0) {
    ::setsid();  // out of the terminal's process group: Ctrl-C must not kill the cleaner
    ::close(fds[1]);
    char c = 0;
    ssize_t n;
    do {
      n = ::read(fds[0], &c, 1);
    } while (n < 0 && errno == EINTR);
    if (n == 1 && c == 'q')
      ::_exit(0);
    for (char** argv : {stop_argv.data(), rm_argv.data()}) {
      pid_t child = ::fork();
      if (child == 0) {
        int devnull = ::open("/dev/null", O_RDWR);
        ::dup2(devnull, 0);
        ::dup2(devnull, 1);
        ::dup2(devnull, 2);
        ::execv(argv[0], argv);
        ::_exit(127);
      }
      int status = 0;
      if (child > 0)
        ::waitpid(child, &status, 0);
    }
    ::_exit(0);
  }
  ::close(fds[0]);
  if (pid < 0) {
    ::close(fds[1]);
    return unavailable("fork of the watchdog failed");
  }
  watchdog_pid_ = pid;
  watchdog_fd_ = fds[1];

  const std::string conninfo = "host=127.0.0.1 port=" + std::to_string(port_) +
                               " user=postgres dbname=postgres connect_timeout=5";
  const auto deadline = Clock::now() + std::chrono::seconds(30);
  while (true) {
    admin_ = PQconnectdb(conninfo.c_str());
    if (PQstatus(admin_) == CONNECTION_OK)
      break;
    std::string err = PQerrorMessage(admin_);
    PQfinish(admin_);
    admin_ = nullptr;
    if (Clock::now() > deadline)
      return unavailable("PostgreSQL started but refuses connections: " + err);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  start_duration_ = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
  return Status::ok();
}

void PgHarness::stop() {
  {
    std::lock_guard lock(admin_mu_);
    if (admin_ != nullptr) {
      PQfinish(admin_);
      admin_ = nullptr;
    }
  }
  if (!dir_.empty()) {
    const std::string data = dir_ + "/data";
    if (fs::exists(data + "/postmaster.pid")) {
      std::vector<std::string> args = {pg_ctl_, "-D", data, "-m", "immediate", "-w", "stop"};
      if (as_postgres_user_) {
        std::string runuser = findRunuser();
        if (!runuser.empty()) {
          args.insert(args.begin(), {runuser, "-u", "postgres", "--"});
        } else {
          std::string cmd;
          for (const std::string& a : args)
            cmd += (cmd.empty() ? "" : " ") + shellQuote(a);
          args = {"/bin/su", "postgres", "-s", "/bin/sh", "-c", cmd};
        }
      }
      runCommand(args, "/dev/null", "/", std::chrono::seconds(60));
    }
    std::error_code ec;
    fs::remove_all(dir_, ec);
    dir_.clear();
  }
  if (watchdog_fd_ >= 0) {
    (void)!::write(watchdog_fd_, "q", 1);
    ::close(watchdog_fd_);
    watchdog_fd_ = -1;
  }
  if (watchdog_pid_ > 0) {
    int status = 0;
    ::waitpid(watchdog_pid_, &status, 0);
    watchdog_pid_ = -1;
  }
}

PgHarness::~PgHarness() {
  stop();
}

std::string PgHarness::urlFor(const std::string& dbname) const {
  return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/" + dbname;
}

Status PgHarness::adminExec(const std::string& sql) {
  std::lock_guard lock(admin_mu_);
  if (admin_ == nullptr)
    return unavailable("PostgreSQL harness is stopped");
  PGresult* res = PQexec(admin_, sql.c_str());
  ExecStatusType st = PQresultStatus(res);
  std::string err = PQresultErrorMessage(res);
  PQclear(res);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
    return internalError("harness SQL failed: " + err);
  return Status::ok();
}

StatusOr<std::string> PgHarness::createDatabase(const std::string& name) {
  std::string quoted;
  {
    std::lock_guard lock(admin_mu_);
    if (admin_ == nullptr)
      return unavailable("PostgreSQL harness is stopped");
    char* q = PQescapeIdentifier(admin_, name.c_str(), name.size());
    quoted = q;
    PQfreemem(q);
  }
  TARS_RETURN_IF_ERROR(adminExec("CREATE DATABASE " + quoted));
  return urlFor(name);
}

Status PgHarness::dropDatabase(const std::string& name) {
  std::string quoted;
  {
    std::lock_guard lock(admin_mu_);
    if (admin_ == nullptr)
      return unavailable("PostgreSQL harness is stopped");
    char* q = PQescapeIdentifier(admin_, name.c_str(), name.size());
    quoted = q;
    PQfreemem(q);
  }
  return adminExec("DROP DATABASE IF EXISTS " + quoted + " WITH (FORCE)");
}

StatusOr<PgHarness*> sharedPgHarness() {
  static std::mutex mu;
  static std::unique_ptr<PgHarness> harness;
  static Status failure;
  static bool tried = false;
  std::lock_guard lock(mu);
  if (!tried) {
    tried = true;
    StatusOr<std::unique_ptr<PgHarness>> started = PgHarness::Start();
    if (started.isOk())
      harness = std::move(started).value();
    else
      failure = started.status();
  }
  if (!harness)
    return failure;
  return harness.get();
}

}  // namespace tars::test
