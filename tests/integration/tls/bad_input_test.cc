// Bad input on the TLS port (spec issue #5, "Bad input"): plain HTTP, random bytes, a handshake
// that stalls or stops half way. Each is refused or closed quickly, nothing leaks, and the
// server keeps serving real clients afterwards.

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <optional>
#include <random>

#include "tls_fixture.h"

namespace tars::tls::test {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// A raw loopback TCP client.
class RawSocket {
 public:
  explicit RawSocket(std::uint16_t port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~RawSocket() { close(); }
  RawSocket(const RawSocket&) = delete;
  RawSocket& operator=(const RawSocket&) = delete;

  bool connected() const { return connected_; }
  void send(std::string_view bytes) { (void)::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL); }
  void close() {
    if (fd_ >= 0)
      ::close(fd_);
    fd_ = -1;
  }

  // Reads (and discards: an alert, at most) until the peer closes; the time it took, or nullopt
  // when the connection is still open at `timeout`.
  std::optional<milliseconds> waitClosed(milliseconds timeout) {
    auto start = Clock::now();
    auto deadline = start + timeout;
    char buf[4096];
    while (Clock::now() < deadline) {
      pollfd p{fd_, POLLIN, 0};
      auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
      if (::poll(&p, 1, static_cast<int>(std::max<long>(left.count(), 1))) <= 0)
        continue;
      if (::recv(fd_, buf, sizeof buf, 0) <= 0)
        return std::chrono::duration_cast<milliseconds>(Clock::now() - start);
    }
    return std::nullopt;
  }

 private:
  int fd_;
  bool connected_ = false;
};

class BadInputTest : public TlsFixture {
 protected:
  static constexpr milliseconds kHandshakeTimeout{300};

  void SetUp() override {
    TlsTestServer::Options options;
    options.handshake_timeout = kHandshakeTimeout;
    serve(mtlsConfig(config::ClientCertValidation::kOptional), options);
  }

  // A real client still gets through.
  void expectStillServing() {
    ProcessResult r = sClient({});
    EXPECT_TRUE(gotHttp(r, 200)) << r.err;
  }
};

TEST_F(BadInputTest, PlainHttpOnTheTlsPortIsRefusedAtOnce) {
  std::size_t before = recorded();
  RawSocket s(server_->port());
  ASSERT_TRUE(s.connected());
  s.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
  std::optional<milliseconds> closed = s.waitClosed(std::chrono::seconds(2));
  ASSERT_TRUE(closed.has_value()) << "the server kept the connection open";
  EXPECT_LT(*closed, kHandshakeTimeout);  // refused on the bytes, not by the timeout
  HandshakeRecord rec = waitNext(before);
  EXPECT_FALSE(rec.ok);
  EXPECT_FALSE(rec.error.empty());
  EXPECT_TRUE(server_->waitForNoConnections(std::chrono::seconds(2)));
  expectStillServing();
}

TEST_F(BadInputTest, RandomBytesAreRefused) {
  std::mt19937 rng(42);
  for (int round = 0; round < 5; ++round) {
    std::string junk(4096, '\0');
    for (char& c : junk)
      c = static_cast<char>(rng());
    std::size_t before = recorded();
    RawSocket s(server_->port());
    s.send(junk);
    EXPECT_TRUE(s.waitClosed(std::chrono::seconds(2)).has_value()) << "round " << round;
    EXPECT_FALSE(waitNext(before).ok);
  }
  EXPECT_TRUE(server_->waitForNoConnections(std::chrono::seconds(2)));
  expectStillServing();
}

TEST_F(BadInputTest, AStalledHandshakeIsClosedAtTheTimeout) {
  std::size_t before = recorded();
  RawSocket s(server_->port());
  ASSERT_TRUE(s.connected());
  // Nothing at all is sent.
  std::optional<milliseconds> closed = s.waitClosed(std::chrono::seconds(5));
  ASSERT_TRUE(closed.has_value()) << "the stalled connection was never closed";
  EXPECT_GE(*closed, kHandshakeTimeout - milliseconds(50));
  EXPECT_LT(*closed, std::chrono::seconds(3));
  HandshakeRecord rec = waitNext(before);
  EXPECT_FALSE(rec.ok);
  EXPECT_THAT(rec.error, ::testing::HasSubstr("timeout"));
}

TEST_F(BadInputTest, AClientHelloThatNeverCompletesIsClosedAtTheTimeout) {
  RawSocket s(server_->port());
  // A handshake record header announcing 512 bytes, then only the first few.
  s.send(std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11));
  std::optional<milliseconds> closed = s.waitClosed(std::chrono::seconds(5));
  ASSERT_TRUE(closed.has_value());
  EXPECT_GE(*closed, kHandshakeTimeout - milliseconds(50));
  EXPECT_LT(*closed, std::chrono::seconds(3));
}

TEST_F(BadInputTest, ManyStalledAndAbandonedConnectionsLeaveNothingBehind) {
  std::vector<std::unique_ptr<RawSocket>> idle;
  for (int i = 0; i < 30; ++i)
    idle.push_back(std::make_unique<RawSocket>(server_->port()));
  for (int i = 0; i < 10; ++i) {  // clients that give up half way
    RawSocket s(server_->port());
    s.send(std::string("\x16\x03\x01\x02\x00\x01", 6));
  }
  // A real client is served while the stalled ones wait for their timeout.
  expectStillServing();
  for (auto& s : idle)
    EXPECT_TRUE(s->waitClosed(std::chrono::seconds(5)).has_value());
  EXPECT_TRUE(server_->waitForNoConnections(std::chrono::seconds(5)))
      << server_->openConnections() << " still open";
  expectStillServing();
}

}  // namespace
}  // namespace tars::tls::test
