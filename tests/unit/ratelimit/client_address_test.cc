#include "ratelimit/client_address.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tars::ratelimit {
namespace {

TrustedProxies trust(const std::vector<std::string>& cidrs) {
  auto proxies = TrustedProxies::Create(cidrs);
  EXPECT_TRUE(proxies.isOk()) << proxies.status().toString();
  return *proxies;
}

TEST(ClientAddressTest, UntrustedPeerSpoofingXffGetsItsOwnAddress) {
  const TrustedProxies proxies = trust({"10.0.0.0/8"});
  EXPECT_EQ(clientAddress("198.51.100.9", "1.2.3.4", proxies), "198.51.100.9");
  EXPECT_EQ(clientAddress("198.51.100.9", "5.6.7.8, 10.0.0.1", proxies), "198.51.100.9");
  // With no trusted proxies at all, the header is never read.
  EXPECT_EQ(clientAddress("10.0.0.1", "1.2.3.4", TrustedProxies()), "10.0.0.1");
}

TEST(ClientAddressTest, TrustedPeerUsesRightMostUntrustedEntry) {
  const TrustedProxies proxies = trust({"10.0.0.0/8", "192.168.1.1"});
  EXPECT_EQ(clientAddress("10.0.0.1", "203.0.113.7", proxies), "203.0.113.7");
  EXPECT_EQ(clientAddress("10.0.0.1", "203.0.113.7, 10.0.0.2", proxies), "203.0.113.7");
  EXPECT_EQ(clientAddress("192.168.1.1", "203.0.113.7,10.9.9.9,192.168.1.1", proxies),
            "203.0.113.7");
  // A client that prepends its own values gains nothing: the right-most untrusted one counts.
  EXPECT_EQ(clientAddress("10.0.0.1", "6.6.6.6, 7.7.7.7, 203.0.113.7, 10.0.0.2", proxies),
            "203.0.113.7");
}

TEST(ClientAddressTest, EveryEntryTrustedGivesTheLeftMost) {
  const TrustedProxies proxies = trust({"10.0.0.0/8"});
  EXPECT_EQ(clientAddress("10.0.0.1", "10.1.1.1, 10.2.2.2", proxies), "10.1.1.1");
}

TEST(ClientAddressTest, MalformedEntryStopsAtTheLastTrustedAddress) {
  const TrustedProxies proxies = trust({"10.0.0.0/8"});
  EXPECT_EQ(clientAddress("10.0.0.1", "203.0.113.7, garbage, 10.0.0.2", proxies), "10.0.0.2");
  EXPECT_EQ(clientAddress("10.0.0.1", "203.0.113.7, unknown", proxies), "10.0.0.1");
  EXPECT_EQ(clientAddress("10.0.0.1", "203.0.113.7,,", proxies), "10.0.0.1");
  EXPECT_EQ(clientAddress("10.0.0.1", "203.0.113.7, 1.2.3.4.5", proxies), "10.0.0.1");
  EXPECT_EQ(clientAddress("10.0.0.1", "[203.0.113.7]", proxies), "10.0.0.1");
  EXPECT_EQ(clientAddress("10.0.0.1", "fe80::1%eth0", proxies), "10.0.0.1");
  EXPECT_EQ(clientAddress("10.0.0.1", "   ", proxies), "10.0.0.1");
  EXPECT_EQ(clientAddress("10.0.0.1", "", proxies), "10.0.0.1");
}

TEST(ClientAddressTest, PortsAndBracketsAreAccepted) {
  const TrustedProxies proxies = trust({"10.0.0.0/8"});
  EXPECT_EQ(clientAddress("10.0.0.1", "198.51.100.1:8080", proxies), "198.51.100.1");
  EXPECT_EQ(clientAddress("10.0.0.1", "[2001:db8::5]:443", proxies), "2001:db8::5");
  EXPECT_EQ(clientAddress("10.0.0.1", "[2001:db8::5]", proxies), "2001:db8::5");
  EXPECT_EQ(clientAddress("10.0.0.1", "198.51.100.1:99999999", proxies), "10.0.0.1");
}

TEST(ClientAddressTest, Ipv6) {
  const TrustedProxies proxies = trust({"2001:db8::/32", "::1"});
  EXPECT_EQ(clientAddress("2001:db8::1", "2001:db9::5", proxies), "2001:db9::5");
  EXPECT_EQ(clientAddress("2001:db8::1", "2001:db9::5, 2001:db8:ffff::1", proxies), "2001:db9::5");
  EXPECT_EQ(clientAddress("::1", "203.0.113.7", proxies), "203.0.113.7");
  EXPECT_EQ(clientAddress("2001:db9::1", "203.0.113.7", proxies), "2001:db9::1");
  EXPECT_EQ(clientAddress("2001:DB8:0:0::1", "", proxies), "2001:db8::1");  // canonical text
}

TEST(ClientAddressTest, Ipv4MappedPeerIsIpv4) {
  const TrustedProxies proxies = trust({"10.0.0.0/8"});
  EXPECT_EQ(clientAddress("::ffff:10.0.0.1", "203.0.113.7", proxies), "203.0.113.7");
  EXPECT_EQ(clientAddress("::ffff:198.51.100.1", "203.0.113.7", proxies), "198.51.100.1");
  const TrustedProxies mapped = trust({"::ffff:10.0.0.0/104"});
  EXPECT_EQ(clientAddress("10.1.2.3", "203.0.113.7", mapped), "203.0.113.7");
}

TEST(ClientAddressTest, AbsurdHeaderValuesAreSafe) {
  const TrustedProxies proxies = trust({"10.0.0.0/8"});
  EXPECT_EQ(clientAddress("10.0.0.1", std::string(1 << 20, ','), proxies), "10.0.0.1");
  EXPECT_EQ(clientAddress("10.0.0.1", std::string(1 << 20, 'a'), proxies), "10.0.0.1");
  EXPECT_EQ(clientAddress("10.0.0.1", std::string("1.2.3.4\0", 8), proxies), "10.0.0.1");
  EXPECT_EQ(clientAddress("10.0.0.1", "\xff\xfe\r\n", proxies), "10.0.0.1");
  // A long chain of trusted hops stops after kMaxForwardedEntries.
  std::string chain = "203.0.113.7";
  for (int i = 0; i < 200; ++i) {
    chain += ", 10.0.0." + std::to_string(i % 250);
  }
  const std::string client = clientAddress("10.0.0.1", chain, proxies);
  EXPECT_NE(client, "203.0.113.7");
  EXPECT_EQ(client.rfind("10.0.0.", 0), 0u);
  // A peer that is not an IP literal is returned as given, the header ignored.
  EXPECT_EQ(clientAddress("", "1.2.3.4", proxies), "");
  EXPECT_EQ(clientAddress("unix:/tmp/s", "1.2.3.4", proxies), "unix:/tmp/s");
}

TEST(CidrTest, Parsing) {
  EXPECT_TRUE(Cidr::parse("10.0.0.0/8"));
  EXPECT_TRUE(Cidr::parse("10.0.0.1"));
  EXPECT_TRUE(Cidr::parse("0.0.0.0/0"));
  EXPECT_TRUE(Cidr::parse("::/0"));
  EXPECT_TRUE(Cidr::parse("2001:db8::/32"));
  EXPECT_TRUE(Cidr::parse("2001:db8::/128"));
  EXPECT_FALSE(Cidr::parse("10.0.0.0/33"));
  EXPECT_FALSE(Cidr::parse("2001:db8::/129"));
  EXPECT_FALSE(Cidr::parse("10.0.0.0/"));
  EXPECT_FALSE(Cidr::parse("/8"));
  EXPECT_FALSE(Cidr::parse("10.0.0.0/-1"));
  EXPECT_FALSE(Cidr::parse("10.0.0.0/8/8"));
  EXPECT_FALSE(Cidr::parse("10.0.0/8"));
  EXPECT_FALSE(Cidr::parse("abc"));
  EXPECT_FALSE(Cidr::parse(""));
  EXPECT_FALSE(Cidr::parse("::ffff:10.0.0.0/95"));
}

TEST(CidrTest, NonByteAlignedPrefixes) {
  const Cidr net = *Cidr::parse("192.168.0.0/22");
  EXPECT_TRUE(net.contains(*IpAddress::parse("192.168.0.0")));
  EXPECT_TRUE(net.contains(*IpAddress::parse("192.168.3.255")));
  EXPECT_FALSE(net.contains(*IpAddress::parse("192.168.4.0")));
  EXPECT_FALSE(net.contains(*IpAddress::parse("::ffff:192.168.4.0")));
  EXPECT_FALSE(net.contains(*IpAddress::parse("2001:db8::1")));  // other family
  const Cidr v6 = *Cidr::parse("2001:db8:8000::/33");
  EXPECT_TRUE(v6.contains(*IpAddress::parse("2001:db8:ffff::1")));
  EXPECT_FALSE(v6.contains(*IpAddress::parse("2001:db8:7fff::1")));
  EXPECT_TRUE(Cidr::parse("0.0.0.0/0")->contains(*IpAddress::parse("8.8.8.8")));
}

TEST(TrustedProxiesTest, CreateRejectsGarbageAndTrims) {
  EXPECT_FALSE(TrustedProxies::Create({"10.0.0.0/8", "nope"}).isOk());
  auto ok = TrustedProxies::Create({" 10.0.0.0/8 "});
  ASSERT_TRUE(ok.isOk());
  EXPECT_TRUE(ok->contains(*IpAddress::parse("10.2.3.4")));
  EXPECT_TRUE(TrustedProxies().empty());
}

TEST(IpKeyTest, Ipv4AndIpv6Prefix) {
  EXPECT_EQ(ipKey("192.0.2.1"), "ip:192.0.2.1");
  EXPECT_EQ(ipKey("::ffff:192.0.2.1"), "ip:192.0.2.1");
  EXPECT_EQ(ipKey("2001:db8:1:2:3:4:5:6"), "ip:2001:db8:1:2::/64");
  EXPECT_EQ(ipKey("2001:db8:1:2:ffff:ffff:ffff:ffff"), "ip:2001:db8:1:2::/64");
  EXPECT_EQ(ipKey("::1"), "ip:::/64");
  EXPECT_EQ(ipKey("not-an-ip"), "ip:not-an-ip");
}

}  // namespace
}  // namespace tars::ratelimit
