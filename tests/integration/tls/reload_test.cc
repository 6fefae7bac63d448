// Certificate reload without restart (issue #5, item 4 and 9): files replaced while a client
// keeps connecting; new handshakes see the new certificate, no request fails, a bad replacement
// keeps the old certificate in service.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <mutex>
#include <thread>

#include "tls/certificate_watcher.h"
#include "tls/client_context.h"
#include "tls_client.h"
#include "tls_fixture.h"

namespace tars::tls::test {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using ::testing::HasSubstr;

constexpr milliseconds kPoll{50};

std::string serialOf(const Pem& pem) {
  return inspectCertificate(pem.cert).identity.serial_hex;
}

// A client that fetches in a loop on its own thread, remembering every outcome.
class BusyClient {
 public:
  BusyClient(SslContextPtr context, std::uint16_t port)
      : context_(std::move(context)), port_(port), thread_([this] { run(); }) {}
  ~BusyClient() { stop(); }

  void stop() {
    stop_ = true;
    if (thread_.joinable())
      thread_.join();
  }
  std::vector<FetchResult> results() {
    std::lock_guard lock(mu_);
    return results_;
  }
  // Waits until `n` more fetches finished after this call (false at the timeout).
  bool waitFor(std::size_t n, milliseconds timeout = std::chrono::seconds(20)) {
    std::size_t target = results().size() + n;
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (results().size() < target) {
      if (std::chrono::steady_clock::now() > deadline)
        return false;
      std::this_thread::sleep_for(milliseconds(5));
    }
    return true;
  }
  // Waits until a fetch was served with `serial`.
  bool waitForSerial(const std::string& serial, milliseconds timeout = std::chrono::seconds(20)) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      for (const FetchResult& r : results())
        if (r.server_serial == serial)
          return true;
      std::this_thread::sleep_for(milliseconds(10));
    }
    return false;
  }

 private:
  void run() {
    while (!stop_) {
      FetchResult r = fetchOnce(context_, port_, "localhost");
      std::lock_guard lock(mu_);
      results_.push_back(std::move(r));
    }
  }

  SslContextPtr context_;
  std::uint16_t port_;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::vector<FetchResult> results_;
  std::thread thread_;
};

class ReloadTest : public TlsFixture {
 protected:
  ReloadTest() : first_(makeServer(ca_, "first")), second_(makeServer(ca_, "second")) {
    fs::create_directory(dir_.file("live"));
  }

  SslContextPtr pinnedClient() {
    ClientTlsOptions o;
    o.ca_bundle = ca_path_;
    StatusOr<SslContextPtr> ctx = buildClientContext(o);
    EXPECT_TRUE(ctx.isOk());
    return *ctx;
  }

  // Publishes `content` at `path` the way `mv` and most tools do: write elsewhere, rename.
  void replaceAtomically(const std::string& path, const std::string& content) {
    std::string tmp = dir_.write("staging", content);
    fs::rename(tmp, path);
  }

  void serveLive(config::TlsConfig tls) {
    serve(tls);
    watcher_ = watchCertificateFiles(*provider_, kPoll);
  }

  void TearDown() override { watcher_.reset(); }

  // Every fetch succeeded; the serials go from `old_serial` to `new_serial` and never back.
  void expectCleanSwitch(const std::vector<FetchResult>& results, const std::string& old_serial,
                         const std::string& new_serial) {
    bool switched = false;
    for (const FetchResult& r : results) {
      ASSERT_TRUE(r.ok) << r.error;
      EXPECT_EQ(r.status, 200);
      if (r.server_serial == new_serial)
        switched = true;
      else
        EXPECT_FALSE(switched) << "an old certificate was served after the new one";
      EXPECT_TRUE(r.server_serial == old_serial || r.server_serial == new_serial);
    }
    EXPECT_TRUE(switched);
  }

  Pem first_;
  Pem second_;
  std::unique_ptr<FileWatcher> watcher_;
};

TEST_F(ReloadTest, AtomicallyReplacedFilesAreServedWithoutAFailedRequest) {
  PemPaths live{dir_.write("live/tls.crt", first_.cert), dir_.write("live/tls.key", first_.key)};
  serveLive(serverConfig(live));
  BusyClient client(pinnedClient(), server_->port());
  ASSERT_TRUE(client.waitFor(20));

  replaceAtomically(live.cert, second_.cert);  // cert and key land one after the other
  replaceAtomically(live.key, second_.key);
  ASSERT_TRUE(client.waitForSerial(serialOf(second_)));
  ASSERT_TRUE(client.waitFor(20));
  client.stop();

  expectCleanSwitch(client.results(), serialOf(first_), serialOf(second_));
  EXPECT_GE(provider_->stats().reloads_ok, 1u);
  EXPECT_THAT(log_.text(), HasSubstr("tls certificate reloaded"));
}

TEST_F(ReloadTest, FilesRewrittenInPlaceArePickedUp) {
  PemPaths live{dir_.write("live/tls.crt", first_.cert), dir_.write("live/tls.key", first_.key)};
  serveLive(serverConfig(live));
  BusyClient client(pinnedClient(), server_->port());
  ASSERT_TRUE(client.waitFor(10));

  dir_.write("live/tls.crt", second_.cert);  // truncate + write, same inode
  std::this_thread::sleep_for(kPoll * 3);    // a slow writer: the key follows later
  dir_.write("live/tls.key", second_.key);
  ASSERT_TRUE(client.waitForSerial(serialOf(second_)));
  ASSERT_TRUE(client.waitFor(10));
  client.stop();
  // A reload may have been refused while the pair was mismatched: the old pair stayed in service.
  expectCleanSwitch(client.results(), serialOf(first_), serialOf(second_));
}

// The kubelet's Secret volume: tls.crt -> ..data/tls.crt, ..data -> ..<timestamp>/ swapped by a
// rename of a new symlink (cert-manager renewals arrive this way).
TEST_F(ReloadTest, KubernetesSecretSymlinkSwapIsPickedUp) {
  const std::string vol = dir_.file("live");
  fs::create_directory(vol + "/..v1");
  dir_.write("live/..v1/tls.crt", first_.cert);
  dir_.write("live/..v1/tls.key", first_.key);
  fs::create_directory_symlink("..v1", vol + "/..data");
  fs::create_symlink("..data/tls.crt", vol + "/tls.crt");
  fs::create_symlink("..data/tls.key", vol + "/tls.key");
  serveLive(serverConfig({vol + "/tls.crt", vol + "/tls.key"}));
  BusyClient client(pinnedClient(), server_->port());
  ASSERT_TRUE(client.waitFor(10));

  fs::create_directory(vol + "/..v2");
  dir_.write("live/..v2/tls.crt", second_.cert);
  dir_.write("live/..v2/tls.key", second_.key);
  fs::create_directory_symlink("..v2", vol + "/..data_tmp");
  fs::rename(vol + "/..data_tmp", vol + "/..data");
  fs::remove_all(vol + "/..v1");
  ASSERT_TRUE(client.waitForSerial(serialOf(second_)));
  ASSERT_TRUE(client.waitFor(10));
  client.stop();
  expectCleanSwitch(client.results(), serialOf(first_), serialOf(second_));
}

TEST_F(ReloadTest, ABadReplacementKeepsTheCurrentCertificate) {
  PemPaths live{dir_.write("live/tls.crt", first_.cert), dir_.write("live/tls.key", first_.key)};
  serveLive(serverConfig(live));
  BusyClient client(pinnedClient(), server_->port());
  ASSERT_TRUE(client.waitFor(10));

  replaceAtomically(live.cert, "-----BEGIN CERTIFICATE-----\ntruncated");
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (provider_->stats().reloads_failed == 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(milliseconds(10));
  ASSERT_EQ(provider_->stats().reloads_failed, 1u);
  ASSERT_TRUE(client.waitFor(20));
  for (const FetchResult& r : client.results()) {
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.server_serial, serialOf(first_));
  }
  const std::string log = log_.text();
  EXPECT_THAT(log, HasSubstr("tls reload refused"));
  EXPECT_THAT(log, HasSubstr("tls.server_cert"));

  // Fixing the files brings the new pair in.
  replaceAtomically(live.key, second_.key);
  replaceAtomically(live.cert, second_.cert);
  ASSERT_TRUE(client.waitForSerial(serialOf(second_)));
  client.stop();
  for (const FetchResult& r : client.results())
    ASSERT_TRUE(r.ok) << r.error;
}

// A replaced client CA bundle changes who gets in, for new handshakes and for resumptions: a
// session from the old context cannot skip verification under the new one.
TEST_F(ReloadTest, ANewClientCaBundleAppliesToNewAndResumedHandshakes) {
  config::TlsConfig tls = mtlsConfig(config::ClientCertValidation::kRequired);
  tls.client_ca_bundle = dir_.write("live/client-ca.crt", client_ca_.cert);
  serveLive(tls);
  std::vector<std::string> old_client = clientCertArgs(makeClient(client_ca_, "a.local"), "old");
  const std::string session = dir_.file("old.session");
  std::vector<std::string> with_out = old_client;
  with_out.insert(with_out.end(), {"-tls1_2", "-sess_out", session});
  EXPECT_TRUE(gotHttp(sClient(with_out), 200));

  Pem next_ca = makeCa("Next Client CA");
  replaceAtomically(*tls.client_ca_bundle, next_ca.cert);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (provider_->stats().reloads_ok == 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(milliseconds(10));
  ASSERT_EQ(provider_->stats().reloads_ok, 1u);

  std::size_t before = recorded();
  std::vector<std::string> resume = old_client;
  resume.insert(resume.end(), {"-tls1_2", "-sess_in", session});
  EXPECT_FALSE(gotHttp(sClient(resume), 200));
  HandshakeRecord rec = waitNext(before);
  EXPECT_FALSE(rec.resumed);
  EXPECT_FALSE(rec.ok);
  EXPECT_TRUE(gotHttp(sClient(clientCertArgs(makeClient(next_ca, "b.local"), "next")), 200));
}

}  // namespace
}  // namespace tars::tls::test
