#include "jwt/signer.h"

#include <boost/json/serialize.hpp>

#include "core/base64url.h"
#include "jwt/token.h"

namespace tars::jwt {

StatusOr<std::string> signPayload(const boost::json::object& header_extra, std::string_view payload,
                                  const SigningKey& key) {
  boost::json::object header;
  header["alg"] = algorithmName(key.algorithm());
  header["typ"] = "JWT";
  header["kid"] = key.kid();
  for (const auto& member : header_extra) {
    const std::string_view name(member.key().data(), member.key().size());
    if (name == "alg" || name == "typ" || name == "kid" || name == "crit") {
      return invalidArgument("extra header may not set '" + std::string(name) + "'");
    }
    header[member.key()] = member.value();
  }
  const std::string header_json = boost::json::serialize(header);
  std::string out;
  out.reserve(base64UrlEncodedSize(header_json.size()) + base64UrlEncodedSize(payload.size()) +
              base64UrlEncodedSize(512) + 2);
  appendBase64Url(out, header_json);
  out.push_back('.');
  appendBase64Url(out, payload);
  TARS_ASSIGN_OR_RETURN(std::string signature, key.sign(out));
  out.push_back('.');
  appendBase64Url(out, signature);
  if (out.size() > kMaxTokenBytes) {
    return invalidArgument("token would be larger than 8 KiB");  // verifiers would refuse it
  }
  return out;
}

StatusOr<std::string> sign(const boost::json::object& header_extra,
                           const boost::json::object& claims, const SigningKey& key) {
  return signPayload(header_extra, boost::json::serialize(claims), key);
}

StatusOr<std::string> sign(const boost::json::object& claims, const SigningKey& key) {
  return sign(boost::json::object(), claims, key);
}

}  // namespace tars::jwt
