#include "redis_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <hiredis/hiredis.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <thread>

namespace tars::test {
namespace {

bool isExecutable(const std::string& path) {
  return !path.empty() && ::access(path.c_str(), X_OK) == 0;
}

std::string findRedisServer() {
  if (const char* explicit_path = std::getenv("TARSTEST_REDIS_SERVER")) {
    return isExecutable(explicit_path) ? explicit_path : "";
  }
  std::string dirs = std::getenv("PATH") ? std::getenv("PATH") : "";
  dirs += ":/usr/bin:/usr/sbin:/usr/local/bin";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    std::size_t end = dirs.find(':', start);
    if (end == std::string::npos) {
      end = dirs.size();
    }
    const std::string dir = dirs.substr(start, end - start);
    if (!dir.empty() && isExecutable(dir + "/redis-server")) {
      return dir + "/redis-server";
    }
    start = end + 1;
  }
  return "";
}

}  // namespace

int freeLoopbackPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) {
    return 0;
  }
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  ::close(fd);
  return port;
}

StatusOr<std::unique_ptr<RedisServer>> RedisServer::Start(std::vector<std::string> extra_args) {
  const std::string binary = findRedisServer();
  if (binary.empty()) {
    return failedPrecondition(
        "redis-server is not installed (or TARSTEST_REDIS_SERVER is wrong); the rate-limit "
        "integration tests need a real Redis: run scripts/install-deps.sh");
  }
  Status last = internalError("no free port");
  for (int attempt = 0; attempt < 5; ++attempt) {
    const int port = freeLoopbackPort();
    if (port == 0) {
      continue;
    }
    std::unique_ptr<RedisServer> server(new RedisServer(binary, extra_args, port));
    last = server->spawn();
    if (last.isOk()) {
      return server;
    }
  }
  return last;
}

RedisServer::~RedisServer() {
  stop();
}

Status RedisServer::spawn() {
  std::vector<std::string> args = {
      binary_,        "--port", std::to_string(port_), "--bind", "127.0.0.1",  "--save", "",
      "--appendonly", "no",     "--daemonize",         "no",     "--loglevel", "warning"};
  args.insert(args.end(), extra_args_.begin(), extra_args_.end());
  std::vector<char*> argv;
  for (std::string& a : args) {
    argv.push_back(a.data());
  }
  argv.push_back(nullptr);

  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    return internalError("fork failed");
  }
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) {
      ::_exit(1);
    }
    int devnull = ::open("/dev/null", O_RDWR);
    if (devnull >= 0) {
      ::dup2(devnull, STDIN_FILENO);
      ::dup2(devnull, STDOUT_FILENO);
    }
    ::chdir("/tmp");
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  pid_ = pid;
  paused_ = false;
  Status ready = waitForPing(std::chrono::seconds(10));
  if (!ready.isOk()) {
    kill();
  }
  return ready;
}

Status RedisServer::waitForPing(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return internalError("redis-server exited at start (port " + std::to_string(port_) +
                           " taken?)");
    }
    redisContext* c = redisConnectWithTimeout("127.0.0.1", port_, timeval{0, 200000});
    if (c != nullptr && c->err == 0) {
      auto* reply = static_cast<redisReply*>(redisCommand(c, "PING"));
      const bool pong = reply != nullptr && reply->type == REDIS_REPLY_STATUS &&
                        std::string(reply->str, reply->len) == "PONG";
      const bool auth_needed = reply != nullptr && reply->type == REDIS_REPLY_ERROR &&
                               std::string(reply->str, reply->len).starts_with("NOAUTH");
      if (reply != nullptr) {
        freeReplyObject(reply);
      }
      redisFree(c);
      if (pong || auth_needed) {
        return Status::ok();
      }
    } else if (c != nullptr) {
      redisFree(c);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return Status(StatusCode::kDeadlineExceeded, "redis-server did not answer PING in time");
}

void RedisServer::reap(std::chrono::milliseconds timeout) {
  if (pid_ <= 0) {
    return;
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
      pid_ = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

void RedisServer::kill() {
  if (pid_ <= 0) {
    return;
  }
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
  pid_ = -1;
  paused_ = false;
}

void RedisServer::stop() {
  if (pid_ <= 0) {
    return;
  }
  if (paused_) {
    resume();
  }
  ::kill(pid_, SIGTERM);
  reap(std::chrono::seconds(5));
}

Status RedisServer::restart() {
  if (pid_ > 0) {
    stop();
  }
  // The port may linger briefly after a kill; retry until redis-server binds it.
  Status last;
  for (int attempt = 0; attempt < 20; ++attempt) {
    last = spawn();
    if (last.isOk()) {
      return last;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return last;
}

void RedisServer::pause() {
  if (pid_ > 0 && !paused_) {
    ::kill(pid_, SIGSTOP);
    paused_ = true;
  }
}

void RedisServer::resume() {
  if (pid_ > 0 && paused_) {
    ::kill(pid_, SIGCONT);
    paused_ = false;
  }
}

}  // namespace tars::test
