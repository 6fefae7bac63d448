#include "jwt/token.h"

#include <boost/json/monotonic_resource.hpp>

#include <array>

#include "core/ascii.h"
#include "core/base64url.h"
#include "jwt/strict_json.h"

namespace tars::jwt {
namespace {

Failure invalid(const char* reason) {
  return Failure(Outcome::kInvalidToken, reason);
}

// A validated protected header.
struct Header {
  Algorithm algorithm;
  std::optional<std::string> kid;
  boost::json::object object;
};

// Steps 3–8 of the contract in token.h for the header segment; the object lives in `storage`.
Result<Header> parseHeader(std::string_view header_b64, boost::json::storage_ptr storage) {
  // Scratch for the decoded header: only needed while parsing, so one buffer per thread is reused.
  thread_local std::string header_json;
  if (!base64UrlDecodeTo(header_b64, header_json)) {
    return invalid("header is not canonical base64url");
  }
  auto header = parseStrictJsonObject(header_json, 32, std::move(storage));
  if (!header.isOk()) {
    return invalid("header is not a JSON object without duplicate members");
  }
  const boost::json::value* alg = header->if_contains("alg");
  if (alg == nullptr || !alg->is_string()) {
    return invalid("header has no string alg");
  }
  if (ascii::equalsIgnoreCase(view(alg->get_string()), "none")) {
    return invalid("alg none is refused");
  }
  std::optional<Algorithm> algorithm = algorithmFromName(view(alg->get_string()));
  if (!algorithm) {
    return invalid("unsupported alg");
  }
  if (header->contains("crit")) {
    return invalid("crit header is refused");
  }
  if (const boost::json::value* typ = header->if_contains("typ")) {
    if (!typ->is_string() || !ascii::equalsIgnoreCase(view(typ->get_string()), "JWT")) {
      return invalid("typ is not JWT");
    }
  }
  std::optional<std::string> kid;
  if (const boost::json::value* k = header->if_contains("kid")) {
    if (!k->is_string() || k->get_string().empty() || k->get_string().size() > kMaxKidBytes) {
      return invalid("kid is not a non-empty string of at most 256 bytes");
    }
    kid.emplace(view(k->get_string()));
  }
  return Header{*algorithm, std::move(kid), std::move(header).value()};
}

// The tokens of one issuer and key share their header segment byte for byte, so each thread
// remembers its last few valid headers (keyed by the exact segment text) and copies the result
// instead of decoding and parsing again. Only valid headers are remembered, and a copy is exactly
// what parsing the same text gives, so this changes cost, never results.
class HeaderCache {
 public:
  static constexpr std::size_t kEntries = 4;
  static constexpr std::size_t kMaxSegmentBytes = 512;

  Result<Header> get(std::string_view header_b64, const boost::json::storage_ptr& storage) {
    for (const Entry& e : entries_) {
      if (e.header && e.segment == header_b64) {
        return Header{e.header->algorithm, e.header->kid,
                      boost::json::object(e.header->object, storage)};
      }
    }
    Result<Header> parsed = parseHeader(header_b64, storage);
    if (parsed.isOk() && header_b64.size() <= kMaxSegmentBytes) {
      Entry& victim = entries_[next_];
      next_ = (next_ + 1) % kEntries;
      victim.segment.assign(header_b64);
      victim.header = Header{parsed->algorithm, parsed->kid,
                             boost::json::object(parsed->object, boost::json::storage_ptr())};
    }
    return parsed;
  }

 private:
  struct Entry {
    std::string segment;
    std::optional<Header> header;  // on the default heap, independent of any token's arena
  };
  std::array<Entry, kEntries> entries_;
  std::size_t next_ = 0;
};

Result<Header> headerOf(std::string_view header_b64, const boost::json::storage_ptr& storage) {
  thread_local HeaderCache cache;
  return cache.get(header_b64, storage);
}

}  // namespace

Result<Jws> parseJws(std::string_view compact) {
  if (compact.size() > kMaxTokenBytes) {
    return invalid("token larger than 8 KiB");
  }
  const std::size_t first = compact.find('.');
  if (first == std::string_view::npos) {
    return invalid("token is not three segments");
  }
  const std::size_t second = compact.find('.', first + 1);
  if (second == std::string_view::npos || compact.find('.', second + 1) != std::string_view::npos) {
    return invalid("token is not three segments");
  }
  const std::string_view header_b64 = compact.substr(0, first);
  const std::string_view payload_b64 = compact.substr(first + 1, second - first - 1);
  const std::string_view signature_b64 = compact.substr(second + 1);
  if (header_b64.empty()) {
    return invalid("empty header segment");
  }
  if (signature_b64.empty()) {
    return invalid("empty signature segment");
  }

  // One arena for the header and (in parseToken) the claims, sized for a typical token.
  boost::json::storage_ptr arena =
      boost::json::make_shared_resource<boost::json::monotonic_resource>(2 * compact.size() + 256);
  Result<Header> header = headerOf(header_b64, arena);
  if (!header.isOk()) {
    return header.failure();
  }
  Jws jws{header->algorithm, std::move(header->kid), std::move(header->object), {}, {}, {}};
  if (!base64UrlDecodeTo(payload_b64, jws.payload)) {
    return invalid("payload is not canonical base64url");
  }
  if (!base64UrlDecodeTo(signature_b64, jws.signature)) {
    return invalid("signature is not canonical base64url");
  }
  jws.signing_input.assign(compact.substr(0, second));
  return jws;
}

Result<Token> parseToken(std::string_view compact) {
  Result<Jws> jws = parseJws(compact);
  if (!jws.isOk()) {
    return jws.failure();
  }
  auto claims = parseStrictJsonObject(jws->payload, 32, jws->header.storage());
  if (!claims.isOk()) {
    return invalid("payload is not a JSON object without duplicate members");
  }
  return Token{std::move(jws).value(), std::move(claims).value()};
}

}  // namespace tars::jwt
