#include "redis/client.h"

#include <openssl/evp.h>
#include <sys/time.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <utility>

namespace tars::redis {
namespace {

timeval toTimeval(int ms) {
  timeval tv{};
  tv.tv_sec = ms / 1000;
  tv.tv_usec = static_cast<suseconds_t>((ms % 1000) * 1000);
  return tv;
}

Reply copyReply(const redisReply* r) {
  Reply out;
  switch (r->type) {
    case REDIS_REPLY_INTEGER:
      out.type = Reply::Type::kInteger;
      out.integer = r->integer;
      break;
    case REDIS_REPLY_STRING:
      out.type = Reply::Type::kString;
      out.str.assign(r->str, r->len);
      break;
    case REDIS_REPLY_STATUS:
      out.type = Reply::Type::kStatus;
      out.str.assign(r->str, r->len);
      break;
    case REDIS_REPLY_ERROR:
      out.type = Reply::Type::kError;
      out.str.assign(r->str, r->len);
      break;
    case REDIS_REPLY_ARRAY:
      out.type = Reply::Type::kArray;
      out.elements.reserve(r->elements);
      for (size_t i = 0; i < r->elements; ++i) {
        out.elements.push_back(copyReply(r->element[i]));
      }
      break;
    default:
      out.type = Reply::Type::kNil;
      break;
  }
  return out;
}

bool isTimeout(const redisContext* c, int saved_errno) {
  if (saved_errno == EAGAIN || saved_errno == EWOULDBLOCK || saved_errno == ETIMEDOUT ||
      saved_errno == EINPROGRESS) {
    return true;
  }
  // hiredis writes strerror() of the errno it saw; the errno may have moved on since.
  return std::strstr(c->errstr, "timed out") != nullptr ||
         std::strstr(c->errstr, "temporarily unavailable") != nullptr;
}

// The first word of an error reply ("NOSCRIPT", "WRONGTYPE", "ERR"): safe to show, unlike the rest
// of some replies, which can quote arguments.
std::string errorCode(std::string_view error) {
  return std::string(error.substr(0, std::min(error.find(' '), std::size_t{32})));
}

}  // namespace

Script Script::FromSource(std::string_view source) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  Script script{source, {}};
  if (EVP_Digest(source.data(), source.size(), digest, &len, EVP_sha1(), nullptr) != 1) {
    return script;  // empty sha1: EVALSHA fails with NOSCRIPT and the script is loaded instead
  }
  static constexpr char kHex[] = "0123456789abcdef";
  script.sha1.reserve(2 * len);
  for (unsigned int i = 0; i < len; ++i) {
    script.sha1.push_back(kHex[digest[i] >> 4]);
    script.sha1.push_back(kHex[digest[i] & 0xF]);
  }
  return script;
}

StatusOr<std::unique_ptr<Client>> Client::Create(const RedisOptions& options) {
  if (options.host.empty()) {
    return invalidArgument("redis.url: the host is empty");
  }
  if (options.port < 1 || options.port > 65535) {
    return invalidArgument("redis.url: the port must be 1..65535");
  }
  if (options.connect_timeout_ms < 1 || options.command_timeout_ms < 1) {
    return invalidArgument("redis.connect_timeout_ms and redis.command_timeout_ms must be >= 1");
  }
  if (options.pool_size < 1) {
    return invalidArgument("redis.pool_size must be at least 1");
  }
  if (options.db < 0) {
    return invalidArgument("redis.url: the database index must be >= 0");
  }
  return std::unique_ptr<Client>(new Client(options));
}

Client::Client(const RedisOptions& options)
    : options_(options),
      endpoint_(
          (options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host) +
          ":" + std::to_string(options.port)) {
  idle_.reserve(static_cast<std::size_t>(options.pool_size));
}

Client::~Client() = default;

StatusOr<Client::ContextPtr> Client::acquire() {
  {
    std::unique_lock<std::mutex> lock(mutex_);
    // Waiting for a slot is I/O, measured on the real clock like the socket timeouts.
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.command_timeout_ms);
    while (idle_.empty() && open_ >= options_.pool_size) {
      if (slot_free_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() &&
          open_ >= options_.pool_size) {
        return Status(StatusCode::kDeadlineExceeded,
                      "redis " + endpoint_ + ": no pooled connection became free in time");
      }
    }
    if (!idle_.empty()) {
      ContextPtr context = std::move(idle_.back());
      idle_.pop_back();
      return context;
    }
    ++open_;
  }
  StatusOr<ContextPtr> context = connect();
  if (!context.isOk()) {
    std::lock_guard<std::mutex> lock(mutex_);
    --open_;
    slot_free_.notify_one();
  }
  return context;
}

void Client::release(ContextPtr context, bool reusable) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (reusable) {
      idle_.push_back(std::move(context));
    } else {
      --open_;
    }
  }
  slot_free_.notify_one();
  // A discarded context is freed here, outside the lock.
}

StatusOr<Client::ContextPtr> Client::connect() {
  ContextPtr context(redisConnectWithTimeout(options_.host.c_str(), options_.port,
                                             toTimeval(options_.connect_timeout_ms)));
  const int saved_errno = errno;
  if (!context) {
    return Status(StatusCode::kUnavailable,
                  "redis " + endpoint_ + ": cannot allocate a connection");
  }
  if (context->err != 0) {
    return transportError(context.get(), saved_errno, "connect");
  }
  if (redisSetTimeout(context.get(), toTimeval(options_.command_timeout_ms)) != REDIS_OK) {
    return Status(StatusCode::kUnavailable, "redis " + endpoint_ + ": cannot set the timeout");
  }
  if (!options_.password.empty()) {
    std::vector<std::string_view> auth = {"AUTH"};
    if (!options_.username.empty()) {
      auth.push_back(options_.username);
    }
    auth.push_back(options_.password);
    TARS_ASSIGN_OR_RETURN(Reply reply, run(context.get(), auth));
    if (reply.type == Reply::Type::kError) {
      // The reply text is not shown: it is generic, and nothing of the password belongs in logs.
      return Status(StatusCode::kUnavailable, "redis " + endpoint_ + ": AUTH was refused");
    }
  }
  if (options_.db != 0) {
    const std::string db = std::to_string(options_.db);
    const std::string_view select[] = {"SELECT", db};
    TARS_ASSIGN_OR_RETURN(Reply reply, run(context.get(), select));
    if (reply.type == Reply::Type::kError) {
      return Status(StatusCode::kUnavailable,
                    "redis " + endpoint_ + ": SELECT " + db + " was refused");
    }
  }
  return context;
}

Status Client::transportError(const redisContext* context, int saved_errno,
                              std::string_view what) const {
  const std::string detail = "redis " + endpoint_ + ": " + std::string(what) + ": " +
                             (context->errstr[0] != '\0' ? context->errstr : "I/O error");
  if (context->err == REDIS_ERR_IO && isTimeout(context, saved_errno)) {
    return Status(StatusCode::kDeadlineExceeded, detail + " (timeout)");
  }
  return Status(StatusCode::kUnavailable, detail);
}

StatusOr<Reply> Client::run(redisContext* context, std::span<const std::string_view> argv) {
  constexpr std::size_t kInline = 16;
  const char* args_inline[kInline];
  std::size_t lens_inline[kInline];
  std::vector<const char*> args_heap;
  std::vector<std::size_t> lens_heap;
  const char** args = args_inline;
  std::size_t* lens = lens_inline;
  if (argv.size() > kInline) {
    args_heap.resize(argv.size());
    lens_heap.resize(argv.size());
    args = args_heap.data();
    lens = lens_heap.data();
  }
  for (std::size_t i = 0; i < argv.size(); ++i) {
    args[i] = argv[i].data();
    lens[i] = argv[i].size();
  }
  errno = 0;
  auto* raw = static_cast<redisReply*>(
      redisCommandArgv(context, static_cast<int>(argv.size()), args, lens));
  const int saved_errno = errno;
  if (raw == nullptr) {
    return transportError(context, saved_errno, "command");
  }
  Reply reply = copyReply(raw);
  freeReplyObject(raw);
  return reply;
}

StatusOr<Reply> Client::command(std::span<const std::string_view> argv) {
  TARS_ASSIGN_OR_RETURN(ContextPtr context, acquire());
  StatusOr<Reply> reply = run(context.get(), argv);
  release(std::move(context), reply.isOk());
  return reply;
}

StatusOr<Reply> Client::evalScript(const Script& script, std::string_view key,
                                   std::span<const std::string_view> args) {
  std::vector<std::string_view> argv;
  argv.reserve(4 + args.size());
  argv.insert(argv.end(), {"EVALSHA", script.sha1, "1", key});
  argv.insert(argv.end(), args.begin(), args.end());

  TARS_ASSIGN_OR_RETURN(ContextPtr context, acquire());
  StatusOr<Reply> reply = run(context.get(), argv);
  if (reply.isOk() && reply->type == Reply::Type::kError && reply->str.starts_with("NOSCRIPT")) {
    const std::string_view load[] = {"SCRIPT", "LOAD", script.source};
    StatusOr<Reply> loaded = run(context.get(), load);
    if (!loaded.isOk()) {
      release(std::move(context), false);
      return loaded.status();
    }
    if (loaded->type != Reply::Type::kString) {
      release(std::move(context), true);
      return internalError("redis " + endpoint_ + ": SCRIPT LOAD failed (" +
                           errorCode(loaded->str) + ")");
    }
    argv[1] = loaded->str;  // the sha Redis computed; equal to script.sha1
    reply = run(context.get(), argv);
  }
  release(std::move(context), reply.isOk());
  if (reply.isOk() && reply->type == Reply::Type::kError) {
    return internalError("redis " + endpoint_ + ": script failed (" + errorCode(reply->str) + ")");
  }
  return reply;
}

Status Client::loadScript(const Script& script) {
  const std::string_view load[] = {"SCRIPT", "LOAD", script.source};
  TARS_ASSIGN_OR_RETURN(Reply reply, command(load));
  if (reply.type != Reply::Type::kString) {
    return internalError("redis " + endpoint_ + ": SCRIPT LOAD failed (" + errorCode(reply.str) +
                         ")");
  }
  return Status::ok();
}

Status Client::ping() {
  const std::string_view ping[] = {"PING"};
  TARS_ASSIGN_OR_RETURN(Reply reply, command(ping));
  if (reply.type != Reply::Type::kStatus || reply.str != "PONG") {
    return Status(StatusCode::kUnavailable, "redis " + endpoint_ + ": PING was not answered PONG");
  }
  return Status::ok();
}

StatusOr<std::int64_t> Client::publish(std::string_view channel, std::string_view message) {
  const std::string_view publish[] = {"PUBLISH", channel, message};
  TARS_ASSIGN_OR_RETURN(Reply reply, command(publish));
  if (reply.type != Reply::Type::kInteger) {
    return internalError("redis " + endpoint_ + ": PUBLISH failed (" + errorCode(reply.str) + ")");
  }
  return reply.integer;
}

}  // namespace tars::redis
