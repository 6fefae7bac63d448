#pragma once
// SAN allow-list matching for client certificates (spec/cap.md §11, RFC 6125 §6.4.3).
//
// A pattern is either a DNS name, matched by ASCII case-insensitive equality, or `*.suffix`,
// which matches exactly one non-empty label (no dots) followed by `.suffix`, case-insensitively:
// `*.cap-verifier.local` matches `client1.cap-verifier.local` but neither `cap-verifier.local`
// nor `a.b.cap-verifier.local`. Only DNS subjectAltName values are ever given to the matcher (the
// subject CN is not an identity here).
//
// Parsing refuses what the contract forbids (a `*` anywhere but as the whole leading label) and
// what can never match a certificate name (empty labels, spaces, non-ASCII). A presented name
// that is not a plain LDH name (it contains `*`, a NUL, a space, ...) matches nothing.
//
// Thread safety: immutable values; share freely.

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace tars::tls {

// True when `text` is an IPv4 or IPv6 address literal: an IP SAN, never a DNS name.
bool isIpLiteral(const std::string& text);

class SanPattern {
 public:
  // kInvalidArgument naming the pattern when it is malformed.
  static StatusOr<SanPattern> Parse(std::string_view pattern);

  // True when `dns_name` (a DNS SAN of a verified certificate) matches.
  bool matches(std::string_view dns_name) const;

  // The pattern as configured.
  const std::string& text() const { return text_; }
  bool isWildcard() const { return wildcard_; }

 private:
  SanPattern(std::string text, std::string lowered, bool wildcard)
      : text_(std::move(text)), lowered_(std::move(lowered)), wildcard_(wildcard) {}

  std::string text_;
  std::string lowered_;  // exact name, or ".suffix" for a wildcard
  bool wildcard_;
};

class SanMatcher {
 public:
  // Parses every pattern; the first bad one fails the whole list (message names it).
  static StatusOr<SanMatcher> Create(const std::vector<std::string>& patterns);

  // True when some pattern matches `dns_name`.
  bool matches(std::string_view dns_name) const;
  // True when some pattern matches some of `dns_names`.
  bool matchesAny(const std::vector<std::string>& dns_names) const;

  bool empty() const { return patterns_.empty(); }
  const std::vector<SanPattern>& patterns() const { return patterns_; }

 private:
  explicit SanMatcher(std::vector<SanPattern> patterns) : patterns_(std::move(patterns)) {}

  std::vector<SanPattern> patterns_;
};

}  // namespace tars::tls
