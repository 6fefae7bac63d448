#include "tls/san_matcher.h"

#include <arpa/inet.h>

#include <algorithm>

#include "core/ascii.h"

namespace tars::tls {
namespace {

std::string lowered(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), ascii::toLower);
  return out;
}

// Letters, digits, '-' and '_' (seen in real service names); '.' separates labels.
bool isNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

// Non-empty labels of name characters separated by single dots; no leading or trailing dot.
bool isPlainName(std::string_view name) {
  if (name.empty() || name.front() == '.' || name.back() == '.')
    return false;
  char previous = '.';
  for (char c : name) {
    if (c == '.') {
      if (previous == '.')
        return false;
    } else if (!isNameChar(c)) {
      return false;
    }
    previous = c;
  }
  return true;
}

}  // namespace

StatusOr<SanPattern> SanPattern::Parse(std::string_view pattern) {
  const std::string quoted = "'" + std::string(pattern) + "'";
  if (pattern.empty())
    return invalidArgument("an allowed SAN pattern is empty");
  std::size_t star = pattern.find('*');
  if (star == std::string_view::npos) {
    if (!isPlainName(pattern))
      return invalidArgument(quoted + " is not a DNS name (letters, digits, '-', '_', dots)");
    return SanPattern(std::string(pattern), lowered(pattern), false);
  }
  if (star != 0 || pattern.size() < 3 || pattern[1] != '.' ||
      pattern.find('*', 1) != std::string_view::npos) {
    return invalidArgument(quoted + ": '*' is allowed only as the whole leading label (*.suffix)");
  }
  std::string_view suffix = pattern.substr(2);
  if (!isPlainName(suffix))
    return invalidArgument(quoted + ": the part after '*.' is not a DNS name");
  return SanPattern(std::string(pattern), "." + lowered(suffix), true);
}

bool SanPattern::matches(std::string_view dns_name) const {
  if (!isPlainName(dns_name))
    return false;
  if (!wildcard_)
    return ascii::equalsIgnoreCase(dns_name, lowered_);
  // One label, then exactly ".suffix": the first dot must start the suffix.
  std::size_t dot = dns_name.find('.');
  if (dot == 0 || dot == std::string_view::npos)
    return false;
  return ascii::equalsIgnoreCase(dns_name.substr(dot), lowered_);
}

StatusOr<SanMatcher> SanMatcher::Create(const std::vector<std::string>& patterns) {
  std::vector<SanPattern> parsed;
  parsed.reserve(patterns.size());
  for (const std::string& p : patterns) {
    TARS_ASSIGN_OR_RETURN(SanPattern pattern, SanPattern::Parse(p));
    parsed.push_back(std::move(pattern));
  }
  return SanMatcher(std::move(parsed));
}

bool SanMatcher::matches(std::string_view dns_name) const {
  return std::any_of(patterns_.begin(), patterns_.end(),
                     [&](const SanPattern& p) { return p.matches(dns_name); });
}

bool SanMatcher::matchesAny(const std::vector<std::string>& dns_names) const {
  return std::any_of(dns_names.begin(), dns_names.end(),
                     [&](const std::string& name) { return matches(name); });
}

bool isIpLiteral(const std::string& text) {
  unsigned char buf[16];
  return ::inet_pton(AF_INET, text.c_str(), buf) == 1 ||
         ::inet_pton(AF_INET6, text.c_str(), buf) == 1;
}

}  // namespace tars::tls
