#include "tls/context_provider.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/ssl/context.hpp>
#include <thread>

#include "tls_test_util.h"

namespace tars::tls {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class ContextProviderTest : public ::testing::Test {
 protected:
  ContextProviderTest() : ca_(test::makeCa("Provider CA")), first_(test::makeServer(ca_, "first")) {
    paths_ = test::writePem(dir_, "server", first_);
  }

  std::unique_ptr<TlsContextProvider> create(config::TlsConfig tls) {
    StatusOr<std::unique_ptr<TlsContextProvider>> p =
        TlsContextProvider::Create(std::move(tls), log_.logger());
    EXPECT_TRUE(p.isOk()) << p.status().toString();
    return p.isOk() ? std::move(p).value() : nullptr;
  }

  test::TempDir dir_;
  test::CapturedLog log_;
  test::Pem ca_;
  test::Pem first_;
  test::PemPaths paths_;
};

TEST_F(ContextProviderTest, StartUpRefusesBadFilesAndBadSanConfig) {
  config::TlsConfig tls = test::serverConfig({paths_.cert, dir_.file("missing.key")});
  StatusOr<std::unique_ptr<TlsContextProvider>> p = TlsContextProvider::Create(tls, log_.logger());
  ASSERT_FALSE(p.isOk());
  EXPECT_THAT(p.status().message(), HasSubstr("tls.server_key"));

  tls = test::serverConfig(paths_);
  tls.verify_client_san = true;
  p = TlsContextProvider::Create(tls, log_.logger());
  ASSERT_FALSE(p.isOk());
  EXPECT_THAT(p.status().message(), HasSubstr("tls.allowed_client_sans"));
}

TEST_F(ContextProviderTest, ReloadSwapsToTheNewCertificate) {
  auto provider = create(test::serverConfig(paths_));
  ASSERT_NE(provider, nullptr);
  SslContextPtr before = provider->current();
  EXPECT_EQ(provider->currentCertificate().subject_cn, "first");

  test::writePem(dir_, "server", test::makeServer(ca_, "second"));
  ASSERT_TRUE(provider->reload().isOk());
  EXPECT_NE(provider->current(), before);
  EXPECT_EQ(provider->currentCertificate().subject_cn, "second");
  EXPECT_EQ(provider->stats().generation, 2u);
  EXPECT_EQ(provider->stats().reloads_ok, 1u);
  EXPECT_THAT(log_.text(), HasSubstr("tls certificate reloaded"));
  EXPECT_THAT(log_.text(), HasSubstr("CN=second"));
  // A connection that took the old context keeps a valid one.
  EXPECT_NE(before->native_handle(), nullptr);
}

TEST_F(ContextProviderTest, BadReplacementKeepsTheOldContextAndSaysWhy) {
  auto provider = create(test::serverConfig(paths_));
  ASSERT_NE(provider, nullptr);
  SslContextPtr before = provider->current();

  // A new certificate with the old key: the pair does not match.
  test::Pem second = test::makeServer(ca_, "second");
  dir_.write("server.crt", second.cert);
  Status st = provider->reload();
  ASSERT_FALSE(st.isOk());
  EXPECT_THAT(st.message(), HasSubstr("tls.server_key"));
  EXPECT_EQ(provider->current(), before);
  EXPECT_EQ(provider->currentCertificate().subject_cn, "first");

  dir_.write("server.key", "half a key");
  EXPECT_FALSE(provider->reload().isOk());
  EXPECT_EQ(provider->current(), before);
  EXPECT_EQ(provider->stats().reloads_failed, 2u);
  EXPECT_EQ(provider->stats().generation, 1u);
  const std::string log = log_.text();
  EXPECT_THAT(log, HasSubstr("tls reload refused"));
  EXPECT_THAT(log, Not(HasSubstr("PRIVATE KEY")));
  EXPECT_THAT(log, Not(HasSubstr(first_.key.substr(40, 30))));

  dir_.write("server.key", second.key);  // the pair is complete now
  ASSERT_TRUE(provider->reload().isOk());
  EXPECT_EQ(provider->currentCertificate().subject_cn, "second");
}

TEST_F(ContextProviderTest, WatchedFilesIncludeTheCaBundleOnlyWhenUsed) {
  config::TlsConfig tls = test::serverConfig(paths_);
  tls.client_ca_bundle = dir_.write("ca.crt", ca_.cert);
  auto provider = create(tls);
  EXPECT_EQ(provider->watchedFiles(), (std::vector<std::string>{paths_.cert, paths_.key}));
  tls.client_cert_validation = config::ClientCertValidation::kOptional;
  provider = create(tls);
  EXPECT_EQ(provider->watchedFiles(),
            (std::vector<std::string>{paths_.cert, paths_.key, dir_.file("ca.crt")}));
}

TEST_F(ContextProviderTest, CurrentIsSafeDuringReloads) {
  auto provider = create(test::serverConfig(paths_));
  std::atomic<bool> stop{false};
  std::atomic<int> nulls{0};
  std::thread reader([&] {
    while (!stop)
      if (provider->current() == nullptr)
        ++nulls;
  });
  for (int i = 0; i < 20; ++i)
    ASSERT_TRUE(provider->reload().isOk());
  stop = true;
  reader.join();
  EXPECT_EQ(nulls.load(), 0);
  EXPECT_EQ(provider->stats().generation, 21u);
}

}  // namespace
}  // namespace tars::tls
