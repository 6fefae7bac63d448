#include "harness/tars_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>

namespace tars::test {
namespace {

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<char*> cstrings(std::vector<std::string>& v) {
  std::vector<char*> out;
  for (auto& s : v)
    out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// fork + exec with stdout/stderr redirected to files and a minimal environment.
pid_t spawn(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
            const std::string& out_path, const std::string& err_path) {
  std::vector<std::string> argv{tarsBinary()};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<std::string> envv{"PATH=/usr/local/bin:/usr/bin:/bin"};
  for (const auto& [k, v] : env)
    envv.push_back(k + "=" + v);
  auto a = cstrings(argv);
  auto e = cstrings(envv);
  pid_t pid = ::fork();
  if (pid == 0) {
    int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int devnull = ::open("/dev/null", O_RDONLY);
    ::dup2(devnull, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    ::execve(a[0], a.data(), e.data());
    ::_exit(127);
  }
  return pid;
}

std::optional<int> waitFor(pid_t pid, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    int status = 0;
    pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) {
      if (WIFEXITED(status))
        return WEXITSTATUS(status);
      if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
      return -1;
    }
    if (std::chrono::steady_clock::now() > deadline)
      return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace

std::string tarsBinary() {
  const char* b = std::getenv("TARSTEST_BINARY");
  return b != nullptr ? b : "";
}

RunResult runTars(const std::vector<std::string>& args,
                  const std::map<std::string, std::string>& env, std::chrono::seconds timeout) {
  TempDir tmp;
  auto out = tmp.path() + "/out", err = tmp.path() + "/err";
  pid_t pid = spawn(args, env, out, err);
  RunResult r;
  auto code = waitFor(pid, timeout);
  if (!code) {
    ::kill(pid, SIGKILL);
    waitFor(pid, std::chrono::seconds(5));
  }
  r.exit_code = code.value_or(-1);
  r.out = readFile(out);
  r.err = readFile(err);
  return r;
}

TarsProcess::TarsProcess(std::vector<std::string> extra_args,
                         std::map<std::string, std::string> env) {
  std::vector<std::string> args{"serve", "--port", "0", "--data-dir", data_dir_.path() + "/data"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  log_path_ = data_dir_.path() + "/tars.log";
  // Every test talks from 127.0.0.1, so the §4.1 limits (auth 10/min) would refuse suites that
  // are not about rate limiting; they get limits they never reach. A test that sets a class's
  // limit itself keeps its value (the rate-limit suites set every class they exercise).
  for (std::string_view name :
       {"AUTH", "LOGIN_USER", "PUBLIC", "DEFAULT", "INTERNAL", "SENSITIVE", "STATIC"})
    env.try_emplace("TARS_RATELIMIT_CLASSES_" + std::string(name) + "_LIMIT", "1000000");
  pid_ = spawn(args, env, data_dir_.path() + "/stdout", log_path_);
  // The serving line carries the bound ports: "ports":"41234" or "ports":"41234,41235".
  static constexpr std::string_view kPorts = R"("ports":")";
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    auto text = readFile(log_path_);
    if (auto at = text.find(kPorts); at != std::string::npos) {
      auto begin = at + kPorts.size();
      std::stringstream ss(text.substr(begin, text.find('"', begin) - begin));
      std::string p;
      while (std::getline(ss, p, ','))
        ports_.push_back(static_cast<std::uint16_t>(std::stoi(p)));
      port_ = ports_.empty() ? 0 : ports_[0];
      return;
    }
    if (auto code = waitFor(pid_, std::chrono::milliseconds(0))) {
      exit_code_ = code;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

TarsProcess::~TarsProcess() {
  if (pid_ > 0 && !exit_code_) {
    ::kill(pid_, SIGKILL);
    waitFor(pid_, std::chrono::seconds(5));
  }
}

void TarsProcess::signal(int sig) {
  if (pid_ > 0 && !exit_code_)
    ::kill(pid_, sig);
}

int TarsProcess::waitExit(std::chrono::seconds timeout) {
  if (exit_code_)
    return *exit_code_;
  auto code = waitFor(pid_, timeout);
  if (code) {
    exit_code_ = code;
    return *code;
  }
  reportHang();
  return -1;
}

void TarsProcess::reportHang() const {
  // A process that did not exit in time is a bug to find, often only on a loaded CI machine:
  // print where every thread stands (gdb, when installed) and the tail of its log.
  std::cerr << "tars (pid " << pid_ << ") did not exit in time; its log ends with:\n";
  const std::string text = log();
  std::cerr << text.substr(text.size() > 4000 ? text.size() - 4000 : 0) << "\n";
  if (::access("/usr/bin/gdb", X_OK) == 0) {
    const std::string cmd = "/usr/bin/gdb -batch -nx -p " + std::to_string(pid_) +
                            " -ex 'thread apply all bt' </dev/null 2>&1 | head -300 >&2";
    (void)std::system(cmd.c_str());
  }
}

std::string TarsProcess::log() const {
  return readFile(log_path_);
}

}  // namespace tars::test
