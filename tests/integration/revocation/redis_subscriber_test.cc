// redis::Subscriber and Client::publish against a real redis-server: delivery in order, the
// connected callback after every (re)subscribe, reconnection after a crash, detection of a hung
// Redis by PING, and stop() latency in every state (subscribed, backing off, mid-handshake).

#include "redis/subscriber.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/logger.h"
#include "redis/client.h"
#include "redis_server.h"

namespace tars::redis {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using std::chrono::steady_clock;
using test::RedisServer;

bool waitFor(const std::function<bool()>& pred, milliseconds timeout = seconds(10)) {
  const auto deadline = steady_clock::now() + timeout;
  while (steady_clock::now() < deadline) {
    if (pred())
      return true;
    std::this_thread::sleep_for(milliseconds(10));
  }
  return pred();
}

class SubscriberTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = RedisServer::Start();
    ASSERT_TRUE(server.isOk()) << server.status().toString();
    redis_ = std::move(server).value();
  }

  RedisOptions redisOptions(int port) const {
    RedisOptions r;
    r.port = port;
    r.command_timeout_ms = 1000;
    return r;
  }

  SubscriberOptions options(int port) const {
    SubscriberOptions o;
    o.redis = redisOptions(port);
    o.channel = "test:channel";
    o.max_backoff = milliseconds(300);
    return o;
  }

  std::unique_ptr<Subscriber> subscriber(SubscriberOptions o) {
    auto s = Subscriber::Create(
        std::move(o), logger_,
        [this](std::string_view m) {
          std::lock_guard<std::mutex> lock(mutex_);
          messages_.emplace_back(m);
        },
        [this] { connects_.fetch_add(1); });
    EXPECT_TRUE(s.isOk()) << s.status().toString();
    return std::move(s).value();
  }

  std::unique_ptr<Client> publisher() {
    return std::move(Client::Create(redisOptions(redis_->port()))).value();
  }

  std::vector<std::string> messages() {
    std::lock_guard<std::mutex> lock(mutex_);
    return messages_;
  }

  // How long stop() takes.
  static milliseconds timeStop(Subscriber& s) {
    const auto start = steady_clock::now();
    s.stop();
    return std::chrono::duration_cast<milliseconds>(steady_clock::now() - start);
  }

  Logger logger_{LogLevel::kError, LogFormat::kText};
  std::unique_ptr<RedisServer> redis_;
  std::mutex mutex_;
  std::vector<std::string> messages_;  // GUARDED_BY(mutex_)
  std::atomic<int> connects_{0};
};

TEST_F(SubscriberTest, CreateValidatesWithoutIo) {
  SubscriberOptions o = options(1);  // nothing listens on port 1: Create must not connect
  auto noop = [](std::string_view) {};
  EXPECT_TRUE(Subscriber::Create(o, logger_, noop).isOk());
  EXPECT_FALSE(Subscriber::Create(o, logger_, nullptr).isOk());
  SubscriberOptions bad = o;
  bad.channel.clear();
  EXPECT_EQ(Subscriber::Create(bad, logger_, noop).status().code(), StatusCode::kInvalidArgument);
  bad = o;
  bad.redis.port = 0;
  EXPECT_FALSE(Subscriber::Create(bad, logger_, noop).isOk());
  bad = o;
  bad.max_backoff = milliseconds(10);
  bad.initial_backoff = milliseconds(20);
  EXPECT_FALSE(Subscriber::Create(bad, logger_, noop).isOk());
  bad = o;
  bad.read_timeout = milliseconds(0);
  EXPECT_FALSE(Subscriber::Create(bad, logger_, noop).isOk());
}

TEST_F(SubscriberTest, DeliversEveryMessageInOrderAndPublishCountsReceivers) {
  auto s = subscriber(options(redis_->port()));
  auto pub = publisher();
  auto none = pub->publish("test:channel", "before");
  ASSERT_TRUE(none.isOk()) << none.status().toString();
  EXPECT_EQ(*none, 0);  // nobody listens yet

  s->start();
  ASSERT_TRUE(waitFor([&] { return s->connected(); }));
  EXPECT_EQ(connects_.load(), 1);
  EXPECT_EQ(s->subscriptions(), 1u);
  std::vector<std::string> sent;
  for (int i = 0; i < 200; ++i) {
    sent.push_back("m" + std::to_string(i));
    auto n = pub->publish("test:channel", sent.back());
    ASSERT_TRUE(n.isOk());
    EXPECT_EQ(*n, 1);
  }
  ASSERT_TRUE(pub->publish("test:other", "not ours").isOk());
  const std::string binary("a\0b\xff", 4);
  ASSERT_TRUE(pub->publish("test:channel", binary).isOk());
  sent.push_back(binary);
  ASSERT_TRUE(waitFor([&] { return messages().size() >= sent.size(); }));
  EXPECT_EQ(messages(), sent);
}

TEST_F(SubscriberTest, ReconnectsAfterACrashAndCallsOnConnectedEachTime) {
  auto s = subscriber(options(redis_->port()));
  s->start();
  ASSERT_TRUE(waitFor([&] { return s->connected(); }));
  redis_->kill();
  ASSERT_TRUE(waitFor([&] { return !s->connected(); }));
  std::this_thread::sleep_for(milliseconds(600));  // several failed attempts, capped backoff
  EXPECT_EQ(connects_.load(), 1);

  ASSERT_TRUE(redis_->restart().isOk());
  ASSERT_TRUE(waitFor([&] { return s->connected(); }, seconds(5)));
  EXPECT_EQ(connects_.load(), 2);
  EXPECT_EQ(s->subscriptions(), 2u);
  auto pub = publisher();
  ASSERT_TRUE(waitFor([&] {
    auto n = pub->publish("test:channel", "back");
    return n.isOk() && *n == 1;
  }));
  ASSERT_TRUE(waitFor([&] { return !messages().empty(); }));
  EXPECT_EQ(messages().back(), "back");
}

TEST_F(SubscriberTest, AHungRedisIsNoticedByPing) {
  SubscriberOptions o = options(redis_->port());
  o.ping_interval = milliseconds(200);
  auto s = subscriber(o);
  s->start();
  ASSERT_TRUE(waitFor([&] { return s->connected(); }));
  // Quiet but alive: the PINGs are answered and the subscription stays.
  std::this_thread::sleep_for(milliseconds(700));
  EXPECT_TRUE(s->connected());
  EXPECT_EQ(s->subscriptions(), 1u);

  redis_->pause();  // accepts, never answers
  EXPECT_TRUE(waitFor([&] { return !s->connected(); }, seconds(3)));
  redis_->resume();
  EXPECT_TRUE(waitFor([&] { return s->connected() && s->subscriptions() >= 2; }, seconds(5)));
}

TEST_F(SubscriberTest, StopIsPromptWhileSubscribed) {
  auto s = subscriber(options(redis_->port()));
  s->start();
  ASSERT_TRUE(waitFor([&] { return s->connected(); }));
  EXPECT_LT(timeStop(*s), milliseconds(1000));
  EXPECT_FALSE(s->connected());
  s->start();  // no revival after stop()
  std::this_thread::sleep_for(milliseconds(200));
  EXPECT_EQ(s->subscriptions(), 1u);
}

TEST_F(SubscriberTest, StopIsPromptWhileBackingOff) {
  SubscriberOptions o = options(test::freeLoopbackPort());  // nothing listens there
  o.initial_backoff = milliseconds(5000);
  o.max_backoff = milliseconds(5000);
  auto s = subscriber(o);
  s->start();
  std::this_thread::sleep_for(milliseconds(300));  // inside a 2.5–5 s backoff wait
  EXPECT_FALSE(s->connected());
  EXPECT_LT(timeStop(*s), milliseconds(1000));
}

TEST_F(SubscriberTest, StopIsPromptAgainstAHungRedis) {
  redis_->pause();  // the TCP handshake completes, SUBSCRIBE is never answered
  auto s = subscriber(options(redis_->port()));
  s->start();
  std::this_thread::sleep_for(milliseconds(100));
  EXPECT_LT(timeStop(*s), milliseconds(1000));
  redis_->resume();
}

TEST_F(SubscriberTest, DestructionStops) {
  auto s = subscriber(options(redis_->port()));
  s->start();
  ASSERT_TRUE(waitFor([&] { return s->connected(); }));
  const auto start = steady_clock::now();
  s.reset();
  EXPECT_LT(steady_clock::now() - start, milliseconds(1000));
}

}  // namespace
}  // namespace tars::redis
