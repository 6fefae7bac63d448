// Costs of one rate-limit decision (issue #4 item 10): the memory token bucket (target
// ≥ 5 000 000/s on one core) and the Redis scripts over loopback (target ≥ 20 000/s from one
// process). The Redis benchmarks use TARS_BENCH_REDIS_PORT when set, else start their own
// redis-server on a free loopback port (stopped at exit); without one they report an error.

#include <arpa/inet.h>
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "ratelimit/memory_token_bucket.h"
#include "ratelimit/redis/redis_limiter.h"
#include "redis/client.h"

namespace tars::ratelimit {
namespace {

// The production clock: its two reads per decision are part of the cost.
SystemClock& benchClock() {
  static SystemClock clock;
  return clock;
}

std::vector<std::string> makeKeys(int n) {
  std::vector<std::string> keys;
  keys.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    keys.push_back("ip:198.51." + std::to_string(i / 250) + "." + std::to_string(i % 250));
  }
  return keys;
}

// One hot key: lookup, refill, take, LRU touch.
void BM_MemoryDecideOneKey(benchmark::State& state) {
  auto limiter = std::move(MemoryTokenBucket::Create({}, benchClock(), nullptr)).value();
  const RateClass c{ClassId::kDefault, 1'000'000, 1, Algorithm::kSlidingWindow};
  for (auto _ : state) {
    benchmark::DoNotOptimize(limiter->decide("user:0f8e2c1a-bench", c));
  }
  state.counters["decisions/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_MemoryDecideOneKey);

// 10 000 client addresses in turn (cache-unfriendly), all resident.
void BM_MemoryDecideManyKeys(benchmark::State& state) {
  auto limiter = std::move(MemoryTokenBucket::Create({}, benchClock(), nullptr)).value();
  const RateClass c{ClassId::kPublic, 30, 60, Algorithm::kSlidingWindow};
  const std::vector<std::string> keys = makeKeys(10000);
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(limiter->decide(keys[i], c));
    i = i + 1 == keys.size() ? 0 : i + 1;
  }
  state.counters["decisions/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_MemoryDecideManyKeys);

// A flood of new keys against a full cap: every decision inserts and evicts.
void BM_MemoryDecideFlood(benchmark::State& state) {
  auto limiter =
      std::move(MemoryTokenBucket::Create(MemoryOptions{10000, 32}, benchClock(), nullptr)).value();
  const RateClass c{ClassId::kPublic, 30, 60, Algorithm::kSlidingWindow};
  const std::vector<std::string> keys = makeKeys(50000);
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(limiter->decide(keys[i], c));
    i = i + 1 == keys.size() ? 0 : i + 1;
  }
  state.counters["decisions/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_MemoryDecideFlood);

// Several threads on distinct keys (spread over shards).
void BM_MemoryDecideThreads(benchmark::State& state) {
  static MemoryTokenBucket* limiter =
      MemoryTokenBucket::Create({}, benchClock(), nullptr).value().release();
  const RateClass c{ClassId::kDefault, 1'000'000, 1, Algorithm::kSlidingWindow};
  const std::string key = "user:thread-" + std::to_string(state.thread_index());
  for (auto _ : state) {
    benchmark::DoNotOptimize(limiter->decide(key, c));
  }
  state.counters["decisions/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_MemoryDecideThreads)->Threads(2);

// A redis-server owned by the benchmark process, stopped at exit.
class BenchRedis {
 public:
  BenchRedis() {
    if (const char* port = std::getenv("TARS_BENCH_REDIS_PORT")) {
      port_ = std::atoi(port);
      return;
    }
    port_ = freePort();
    const std::string port_text = std::to_string(port_);
    pid_ = ::fork();
    if (pid_ == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      int devnull = ::open("/dev/null", O_RDWR);
      ::dup2(devnull, STDOUT_FILENO);
      ::execlp("redis-server", "redis-server", "--port", port_text.c_str(), "--bind", "127.0.0.1",
               "--save", "", "--appendonly", "no", "--loglevel", "warning",
               static_cast<char*>(nullptr));
      ::_exit(127);
    }
    RedisOptions options;
    options.port = port_;
    auto client = std::move(::tars::redis::Client::Create(options)).value();
    for (int i = 0; i < 200 && !client->ping().isOk(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    ready_ = client->ping().isOk();
  }
  ~BenchRedis() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  int port() const { return port_; }
  bool ready() const { return ready_ || pid_ < 0; }

 private:
  static int freePort() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof(addr);
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
  }

  int port_ = 0;
  pid_t pid_ = -1;
  bool ready_ = false;
};

// One limiter (pool of 8, the default) shared by the benchmark's threads.
redis::RedisLimiter* benchRedisLimiter() {
  static BenchRedis server;
  static redis::RedisLimiter* limiter = [] {
    if (!server.ready()) {
      return static_cast<redis::RedisLimiter*>(nullptr);
    }
    RedisOptions options;
    options.port = server.port();
    options.command_timeout_ms = 1000;  // a loaded machine must not turn into errors
    return redis::RedisLimiter::Create(std::move(::tars::redis::Client::Create(options)).value(),
                                       {}, nullptr)
        .value()
        .release();
  }();
  return limiter;
}

void redisDecide(benchmark::State& state, Algorithm algorithm) {
  redis::RedisLimiter* limiter = benchRedisLimiter();
  if (limiter == nullptr) {
    state.SkipWithError("no redis-server (run scripts/install-deps.sh)");
    return;
  }
  // Mostly allowed, as in production: a large limit over a short window keeps each set small.
  const RateClass c{ClassId::kInternal, 1'000'000, 1, algorithm};
  const std::vector<std::string> keys = makeKeys(1000);
  std::size_t i = static_cast<std::size_t>(state.thread_index()) * 97;
  int64_t errors = 0;
  for (auto _ : state) {
    StatusOr<Decision> d = limiter->decide(keys[i % keys.size()], c);
    errors += d.isOk() ? 0 : 1;
    ++i;
  }
  if (errors > 0) {
    state.SkipWithError("Redis errors during the benchmark");
  }
  state.counters["decisions/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void BM_RedisDecideSlidingWindow(benchmark::State& state) {
  redisDecide(state, Algorithm::kSlidingWindow);
}
BENCHMARK(BM_RedisDecideSlidingWindow)->Threads(1)->Threads(4)->Threads(8)->UseRealTime();

void BM_RedisDecideGcra(benchmark::State& state) {
  redisDecide(state, Algorithm::kGcra);
}
BENCHMARK(BM_RedisDecideGcra)->Threads(1)->Threads(4)->Threads(8)->UseRealTime();

}  // namespace
}  // namespace tars::ratelimit
