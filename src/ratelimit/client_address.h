#pragma once
// The client address of a request and its limiter key (spec/tars.md §4.1, §4.2).
//
// X-Forwarded-For is believed only when the socket peer is a trusted proxy
// (`ratelimit.trusted_proxies`, a CIDR list). Then it is walked from right to left, skipping
// trusted addresses; the first untrusted one is the client. If every entry is trusted, the
// left-most is the client; a malformed entry (or more than kMaxForwardedEntries of them) stops the
// walk and the last trusted address seen is the client. `Forwarded` and `X-Real-IP` are ignored.
// So an untrusted peer can never buy a fresh quota with a new header value.
//
// Everything here is a pure function of its inputs, safe on any bytes (absurd lengths, NULs,
// control characters), and never logs.
// Thread safety: values; IpAddress, Cidr and TrustedProxies are immutable after construction.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace tars::ratelimit {

// The most X-Forwarded-For entries walked; a chain of more trusted hops stops there.
inline constexpr int kMaxForwardedEntries = 64;

class IpAddress {
 public:
  // A literal IPv4 ("192.0.2.1") or IPv6 ("2001:db8::1") address. An IPv4-mapped IPv6 address
  // (::ffff:192.0.2.1) is read as its IPv4 address. No brackets, ports, zone ids or whitespace.
  static std::optional<IpAddress> parse(std::string_view text);

  bool isV4() const { return v4_; }
  // Network byte order; an IPv4 address uses the first 4 bytes, the rest are 0.
  const std::array<uint8_t, 16>& bytes() const { return bytes_; }
  // Canonical text (inet_ntop): "192.0.2.1", "2001:db8::1".
  std::string toString() const;

  bool operator==(const IpAddress&) const = default;

 private:
  IpAddress() = default;
  std::array<uint8_t, 16> bytes_{};
  bool v4_ = false;
};

class Cidr {
 public:
  // "192.0.2.0/24", "2001:db8::/32", or a bare address (one host). Bits beyond the prefix are
  // ignored. "::ffff:a.b.c.d/n" with n ≥ 96 is the IPv4 network a.b.c.d/(n − 96).
  static std::optional<Cidr> parse(std::string_view text);

  // True when `address` is of the same family and inside the network.
  bool contains(const IpAddress& address) const;

 private:
  Cidr(const IpAddress& network, int prefix) : network_(network), prefix_(prefix) {}
  IpAddress network_;
  int prefix_;
};

class TrustedProxies {
 public:
  // An empty list: nothing is trusted and X-Forwarded-For is never read.
  TrustedProxies() = default;
  // Fails with kInvalidArgument naming the first entry that is not a CIDR or address.
  static StatusOr<TrustedProxies> Create(const std::vector<std::string>& cidrs);

  bool contains(const IpAddress& address) const;
  bool empty() const { return cidrs_.empty(); }

 private:
  std::vector<Cidr> cidrs_;
};

// The client of a request whose socket peer is `peer` and whose X-Forwarded-For value is
// `x_forwarded_for` (several header lines joined with ","; empty when absent). See the file
// comment for the rule.
IpAddress clientAddress(const IpAddress& peer, std::string_view x_forwarded_for,
                        const TrustedProxies& trusted);

// The same from the peer's text (RequestContext::remote_address). Returns the canonical text of
// the client address; a peer that is not an IP literal (never from a TCP socket) is returned as
// given and X-Forwarded-For is not read.
std::string clientAddress(std::string_view peer, std::string_view x_forwarded_for,
                          const TrustedProxies& trusted);

// The limiter key of a client address (§1.7, §4.1): "ip:192.0.2.1"; an IPv6 address is keyed by
// its /64 prefix, "ip:2001:db8:1:2::/64", so one host cannot rotate through its own /64.
std::string ipKey(const IpAddress& address);
// ipKey() of the parsed text; text that is not an IP literal gives "ip:" + text.
std::string ipKey(std::string_view address);

}  // namespace tars::ratelimit
