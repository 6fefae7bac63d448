#include "redis/subscriber.h"

#include <hiredis/hiredis.h>
#include <poll.h>
#include <sys/time.h>

#include <algorithm>
#include <cerrno>
#include <exception>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace tars::redis {
namespace {

// The handshake (AUTH, SUBSCRIBE) gets at least this long per reply: redis.command_timeout_ms is
// tuned for the rate limiter's hot path (25 ms) and a subscription is set up rarely.
constexpr std::chrono::milliseconds kMinHandshakeTimeout{250};

timeval toTimeval(std::chrono::milliseconds ms) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(ms.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((ms.count() % 1000) * 1000);
  return tv;
}

struct ReplyDeleter {
  void operator()(redisReply* r) const { freeReplyObject(r); }
};
using ReplyPtr = std::unique_ptr<redisReply, ReplyDeleter>;

bool isString(const redisReply* r, std::string_view value) {
  return r != nullptr && (r->type == REDIS_REPLY_STRING || r->type == REDIS_REPLY_STATUS) &&
         std::string_view(r->str, r->len) == value;
}

// Waiting on sockets is I/O, timed on the real clock like the socket timeouts themselves
// (STYLE.md rule 7 covers logic, not transport deadlines).
std::chrono::steady_clock::time_point ioNow() {
  return std::chrono::steady_clock::now();
}

}  // namespace

// The hiredis context of one session.
class Subscriber::Connection {
 public:
  explicit Connection(redisContext* c) : c_(c) {}
  ~Connection() {
    if (c_ != nullptr)
      redisFree(c_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  redisContext* get() const { return c_; }
  std::string error(std::string_view what) const {
    return std::string(what) + ": " + (c_->errstr[0] != '\0' ? c_->errstr : "I/O error");
  }

 private:
  redisContext* c_;
};

StatusOr<std::unique_ptr<Subscriber>> Subscriber::Create(SubscriberOptions options, Logger& logger,
                                                         MessageCallback on_message,
                                                         ConnectedCallback on_connected) {
  const RedisOptions& r = options.redis;
  if (r.host.empty())
    return invalidArgument("redis.url: the host is empty");
  if (r.port < 1 || r.port > 65535)
    return invalidArgument("redis.url: the port must be 1..65535");
  if (r.connect_timeout_ms < 1 || r.command_timeout_ms < 1)
    return invalidArgument("redis.connect_timeout_ms and redis.command_timeout_ms must be >= 1");
  if (options.channel.empty())
    return invalidArgument("redis subscriber: the channel is empty");
  if (options.initial_backoff.count() < 1 || options.max_backoff < options.initial_backoff)
    return invalidArgument("redis subscriber: need 1 ms <= initial_backoff <= max_backoff");
  if (options.read_timeout.count() < 1 || options.ping_interval.count() < 1)
    return invalidArgument("redis subscriber: read_timeout and ping_interval must be >= 1 ms");
  if (!on_message)
    return invalidArgument("redis subscriber: a message callback is required");
  return std::unique_ptr<Subscriber>(
      new Subscriber(std::move(options), logger, std::move(on_message), std::move(on_connected)));
}

Subscriber::Subscriber(SubscriberOptions options, Logger& logger, MessageCallback on_message,
                       ConnectedCallback on_connected)
    : options_(std::move(options)),
      endpoint_((options_.redis.host.find(':') != std::string::npos
                     ? "[" + options_.redis.host + "]"
                     : options_.redis.host) +
                ":" + std::to_string(options_.redis.port)),
      logger_(logger),
      on_message_(std::move(on_message)),
      on_connected_(std::move(on_connected)) {}

Subscriber::~Subscriber() {
  stop();
}

void Subscriber::start() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (started_)
    return;
  started_ = true;
  if (stopping())
    return;
  thread_ = std::thread([this] { run(); });
}

void Subscriber::stop() {
  std::thread thread;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_.store(true, std::memory_order_release);
    started_ = true;  // a later start() must not revive it
    thread = std::move(thread_);
  }
  wake_.notify_all();
  if (thread.joinable())
    thread.join();
}

bool Subscriber::sleepUnlessStopped(std::chrono::milliseconds delay) {
  std::unique_lock<std::mutex> lock(mutex_);
  wake_.wait_for(lock, delay, [this] { return stopping(); });
  return !stopping();
}

void Subscriber::run() {
  std::minstd_rand rng(std::random_device{}());
  std::chrono::milliseconds backoff = options_.initial_backoff;
  bool reported_down = false;
  while (!stopping()) {
    const std::uint64_t before = subscriptions();
    Status ended = session();
    const bool was_subscribed = subscriptions() != before;
    connected_.store(false, std::memory_order_release);
    if (stopping())
      break;
    if (was_subscribed) {
      backoff = options_.initial_backoff;
      reported_down = false;
    }
    // Once per outage at warn; the retries of the same outage only at debug.
    logger_.log(
        reported_down ? LogLevel::kDebug : LogLevel::kWarn, "redis subscription down; retrying",
        {{"endpoint", endpoint_}, {"channel", options_.channel}, {"error", ended.message()}});
    reported_down = true;
    // Equal jitter: between half the backoff and all of it.
    const auto half = backoff / 2;
    std::uniform_int_distribution<std::int64_t> jitter(0, half.count());
    if (!sleepUnlessStopped(half + std::chrono::milliseconds(jitter(rng))))
      break;
    backoff = std::min(backoff * 2, options_.max_backoff);
  }
}

Status Subscriber::session() {
  const RedisOptions& r = options_.redis;
  const std::chrono::milliseconds connect_timeout(r.connect_timeout_ms);
  Connection conn(redisConnectWithTimeout(r.host.c_str(), r.port, toTimeval(connect_timeout)));
  redisContext* c = conn.get();
  if (c == nullptr)
    return unavailable("cannot allocate a connection");
  if (c->err != 0)
    return unavailable(conn.error("connect"));
  const auto handshake_timeout =
      std::max(std::chrono::milliseconds(r.command_timeout_ms), kMinHandshakeTimeout);
  if (redisSetTimeout(c, toTimeval(handshake_timeout)) != REDIS_OK)
    return unavailable("cannot set the socket timeout");
  (void)redisEnableKeepAlive(c);  // best effort: the PING probe below is the real check

  if (!r.password.empty()) {
    std::vector<const char*> argv = {"AUTH"};
    std::vector<std::size_t> lens = {4};
    if (!r.username.empty()) {
      argv.push_back(r.username.data());
      lens.push_back(r.username.size());
    }
    argv.push_back(r.password.data());
    lens.push_back(r.password.size());
    ReplyPtr reply(static_cast<redisReply*>(
        redisCommandArgv(c, static_cast<int>(argv.size()), argv.data(), lens.data())));
    if (!reply)
      return unavailable(conn.error("AUTH"));
    if (reply->type == REDIS_REPLY_ERROR)
      return unavailable("AUTH was refused");  // the reply text is not shown
  }
  // No SELECT: pub/sub channels belong to the server, not to a database.
  {
    const char* argv[] = {"SUBSCRIBE", options_.channel.data()};
    const std::size_t lens[] = {9, options_.channel.size()};
    ReplyPtr reply(static_cast<redisReply*>(redisCommandArgv(c, 2, argv, lens)));
    if (!reply)
      return unavailable(conn.error("SUBSCRIBE"));
    if (reply->type != REDIS_REPLY_ARRAY || reply->elements < 1 ||
        !isString(reply->element[0], "subscribe"))
      return unavailable("SUBSCRIBE was not confirmed");
  }
  subscriptions_.fetch_add(1, std::memory_order_acq_rel);
  connected_.store(true, std::memory_order_release);
  logger_.info("redis subscription active",
               {{"endpoint", endpoint_}, {"channel", options_.channel}});
  notifyConnected();

  auto last_traffic = ioNow();
  bool ping_outstanding = false;
  auto ping_sent = last_traffic;
  while (!stopping()) {
    // Every reply already buffered first: one read can carry several messages.
    for (;;) {
      void* raw = nullptr;
      if (redisGetReplyFromReader(c, &raw) != REDIS_OK)
        return unavailable(conn.error("protocol"));
      if (raw == nullptr)
        break;
      ReplyPtr reply(static_cast<redisReply*>(raw));
      last_traffic = ioNow();
      ping_outstanding = false;  // any reply proves the connection alive
      if (reply->type == REDIS_REPLY_ARRAY && reply->elements >= 3 &&
          isString(reply->element[0], "message") && isString(reply->element[1], options_.channel) &&
          reply->element[2]->type == REDIS_REPLY_STRING) {
        deliver(std::string_view(reply->element[2]->str, reply->element[2]->len));
      }
      // Anything else (the PING answer, subscribe confirmations) needs nothing.
      if (stopping())
        return Status::ok();
    }

    pollfd pfd{c->fd, POLLIN, 0};
    const int ready = ::poll(&pfd, 1, static_cast<int>(options_.read_timeout.count()));
    if (ready < 0) {
      if (errno == EINTR)
        continue;
      return unavailable("poll failed");
    }
    if (ready > 0) {
      // Data, EOF or an error: a read tells which and never blocks here.
      if (redisBufferRead(c) != REDIS_OK)
        return unavailable(conn.error("read"));
      continue;
    }
    const auto now = ioNow();
    if (ping_outstanding) {
      if (now - ping_sent >= options_.ping_interval)
        return unavailable("PING was not answered");
    } else if (now - last_traffic >= options_.ping_interval) {
      if (redisAppendCommand(c, "PING") != REDIS_OK)
        return unavailable(conn.error("PING"));
      int done = 0;
      while (done == 0) {
        if (redisBufferWrite(c, &done) != REDIS_OK)
          return unavailable(conn.error("PING"));
      }
      ping_sent = now;
      ping_outstanding = true;
    }
  }
  return Status::ok();
}

void Subscriber::deliver(std::string_view message) {
  try {
    on_message_(message);
  } catch (const std::exception& e) {
    logger_.error("redis subscriber: the message callback threw",
                  {{"channel", options_.channel}, {"error", e.what()}});
  } catch (...) {
    logger_.error("redis subscriber: the message callback threw", {{"channel", options_.channel}});
  }
}

void Subscriber::notifyConnected() {
  if (!on_connected_)
    return;
  try {
    on_connected_();
  } catch (const std::exception& e) {
    logger_.error("redis subscriber: the connected callback threw",
                  {{"channel", options_.channel}, {"error", e.what()}});
  } catch (...) {
    logger_.error("redis subscriber: the connected callback threw",
                  {{"channel", options_.channel}});
  }
}

}  // namespace tars::redis
