#include "ratelimit/client_address.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>

namespace tars::ratelimit {
namespace {

constexpr std::array<uint8_t, 12> kV4MappedPrefix = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

bool allDigits(std::string_view s) {
  return !s.empty() && s.size() <= 5 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// One X-Forwarded-For entry: an address, "[v6]", "[v6]:port" or "v4:port".
std::optional<IpAddress> parseForwardedEntry(std::string_view entry) {
  if (entry.empty()) {
    return std::nullopt;
  }
  if (entry.front() == '[') {
    std::size_t close = entry.find(']');
    if (close == std::string_view::npos) {
      return std::nullopt;
    }
    std::string_view rest = entry.substr(close + 1);
    if (!rest.empty() && !(rest.front() == ':' && allDigits(rest.substr(1)))) {
      return std::nullopt;
    }
    std::optional<IpAddress> ip = IpAddress::parse(entry.substr(1, close - 1));
    if (ip && ip->isV4()) {
      return std::nullopt;  // "[192.0.2.1]" is not a valid form
    }
    return ip;
  }
  if (std::optional<IpAddress> ip = IpAddress::parse(entry)) {
    return ip;
  }
  // "192.0.2.1:8080": exactly one colon, so not an IPv6 literal.
  std::size_t colon = entry.find(':');
  if (colon != std::string_view::npos && entry.find(':', colon + 1) == std::string_view::npos &&
      allDigits(entry.substr(colon + 1))) {
    std::optional<IpAddress> ip = IpAddress::parse(entry.substr(0, colon));
    if (ip && ip->isV4()) {
      return ip;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
  char buf[INET6_ADDRSTRLEN + 1];
  if (text.empty() || text.size() >= sizeof(buf) || text.find('\0') != std::string_view::npos) {
    return std::nullopt;
  }
  std::memcpy(buf, text.data(), text.size());
  buf[text.size()] = '\0';
  IpAddress ip;
  if (text.find(':') == std::string_view::npos) {
    if (inet_pton(AF_INET, buf, ip.bytes_.data()) != 1) {
      return std::nullopt;
    }
    ip.v4_ = true;
    return ip;
  }
  if (inet_pton(AF_INET6, buf, ip.bytes_.data()) != 1) {
    return std::nullopt;
  }
  if (std::equal(kV4MappedPrefix.begin(), kV4MappedPrefix.end(), ip.bytes_.begin())) {
    std::memmove(ip.bytes_.data(), ip.bytes_.data() + 12, 4);
    std::fill(ip.bytes_.begin() + 4, ip.bytes_.end(), 0);
    ip.v4_ = true;
  }
  return ip;
}

std::string IpAddress::toString() const {
  char buf[INET6_ADDRSTRLEN];
  if (inet_ntop(v4_ ? AF_INET : AF_INET6, bytes_.data(), buf, sizeof(buf)) == nullptr) {
    return {};
  }
  return buf;
}

std::optional<Cidr> Cidr::parse(std::string_view text) {
  std::string_view address = text;
  std::optional<int> prefix;
  if (std::size_t slash = text.find('/'); slash != std::string_view::npos) {
    address = text.substr(0, slash);
    std::string_view digits = text.substr(slash + 1);
    if (digits.empty() || digits.size() > 3 ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return std::nullopt;
    }
    int value = 0;
    for (char c : digits) {
      value = value * 10 + (c - '0');
    }
    prefix = value;
  }
  // A mapped IPv4 network keeps its IPv6 prefix length until it is converted below.
  const bool mapped_text = address.find(':') != std::string_view::npos;
  std::optional<IpAddress> ip = IpAddress::parse(address);
  if (!ip) {
    return std::nullopt;
  }
  int max_prefix = ip->isV4() ? 32 : 128;
  int length = prefix.value_or(ip->isV4() && mapped_text ? 128 : max_prefix);
  if (ip->isV4() && mapped_text) {
    if (length < 96 || length > 128) {
      return std::nullopt;
    }
    length -= 96;
  } else if (length > max_prefix) {
    return std::nullopt;
  }
  return Cidr(*ip, length);
}

bool Cidr::contains(const IpAddress& address) const {
  if (address.isV4() != network_.isV4()) {
    return false;
  }
  const auto& a = address.bytes();
  const auto& n = network_.bytes();
  const int full = prefix_ / 8;
  if (!std::equal(a.begin(), a.begin() + full, n.begin())) {
    return false;
  }
  const int bits = prefix_ % 8;
  if (bits == 0) {
    return true;
  }
  const auto mask = static_cast<uint8_t>(0xFF << (8 - bits));
  return (a[full] & mask) == (n[full] & mask);
}

StatusOr<TrustedProxies> TrustedProxies::Create(const std::vector<std::string>& cidrs) {
  TrustedProxies proxies;
  proxies.cidrs_.reserve(cidrs.size());
  for (const std::string& text : cidrs) {
    std::optional<Cidr> cidr = Cidr::parse(trim(text));
    if (!cidr) {
      return invalidArgument("ratelimit.trusted_proxies: '" + text +
                             "' is not an IP address or CIDR");
    }
    proxies.cidrs_.push_back(*cidr);
  }
  return proxies;
}

bool TrustedProxies::contains(const IpAddress& address) const {
  return std::any_of(cidrs_.begin(), cidrs_.end(),
                     [&](const Cidr& c) { return c.contains(address); });
}

IpAddress clientAddress(const IpAddress& peer, std::string_view x_forwarded_for,
                        const TrustedProxies& trusted) {
  if (!trusted.contains(peer)) {
    return peer;
  }
  if (trim(x_forwarded_for).empty()) {
    return peer;
  }
  IpAddress last_trusted = peer;
  std::string_view rest = x_forwarded_for;
  for (int walked = 0; walked < kMaxForwardedEntries; ++walked) {
    const std::size_t comma = rest.rfind(',');
    const std::string_view entry =
        trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    std::optional<IpAddress> hop = parseForwardedEntry(entry);
    if (!hop) {
      return last_trusted;  // malformed: stop the walk
    }
    if (!trusted.contains(*hop)) {
      return *hop;
    }
    last_trusted = *hop;
    if (comma == std::string_view::npos) {
      return last_trusted;  // every entry trusted: the left-most is the client
    }
    rest = rest.substr(0, comma);
  }
  return last_trusted;
}

std::string clientAddress(std::string_view peer, std::string_view x_forwarded_for,
                          const TrustedProxies& trusted) {
  std::optional<IpAddress> ip = IpAddress::parse(peer);
  if (!ip) {
    return std::string(peer);
  }
  return clientAddress(*ip, x_forwarded_for, trusted).toString();
}

std::string ipKey(const IpAddress& address) {
  if (address.isV4()) {
    return "ip:" + address.toString();
  }
  std::array<uint8_t, 16> prefix = address.bytes();
  std::fill(prefix.begin() + 8, prefix.end(), 0);
  char buf[INET6_ADDRSTRLEN];
  if (inet_ntop(AF_INET6, prefix.data(), buf, sizeof(buf)) == nullptr) {
    return "ip:";
  }
  return std::string("ip:") + buf + "/64";
}

std::string ipKey(std::string_view address) {
  if (std::optional<IpAddress> ip = IpAddress::parse(address)) {
    return ipKey(*ip);
  }
  return "ip:" + std::string(address);
}

}  // namespace tars::ratelimit
