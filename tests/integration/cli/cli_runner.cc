#include "cli_runner.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <optional>
#include <sstream>
#include <thread>

namespace tars::test {
namespace {

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::optional<int> waitFor(pid_t pid, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      if (WIFEXITED(status))
        return WEXITSTATUS(status);
      return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1;
    }
    if (std::chrono::steady_clock::now() > deadline)
      return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace

RunResult runTarsWithInput(const std::vector<std::string>& args,
                           const std::map<std::string, std::string>& env, const std::string& input,
                           std::chrono::seconds timeout) {
  TempDir tmp;
  // The input goes through a file: a pipe could fill before the child reads it.
  const std::string in_path = tmp.write("in", input);
  const std::string out_path = tmp.path() + "/out", err_path = tmp.path() + "/err";
  std::vector<std::string> argv{tarsBinary()};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<std::string> envv{"PATH=/usr/local/bin:/usr/bin:/bin"};
  for (const auto& [k, v] : env)
    envv.push_back(k + "=" + v);
  std::vector<char*> a, e;
  for (auto& s : argv)
    a.push_back(s.data());
  a.push_back(nullptr);
  for (auto& s : envv)
    e.push_back(s.data());
  e.push_back(nullptr);

  const pid_t pid = ::fork();
  if (pid == 0) {
    const int in = ::open(in_path.c_str(), O_RDONLY);
    const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    ::execve(a[0], a.data(), e.data());
    ::_exit(127);
  }
  RunResult r;
  std::optional<int> code = waitFor(pid, timeout);
  if (!code) {
    ::kill(pid, SIGKILL);
    waitFor(pid, std::chrono::seconds(5));
  }
  r.exit_code = code.value_or(-1);
  r.out = readFile(out_path);
  r.err = readFile(err_path);
  return r;
}

}  // namespace tars::test
