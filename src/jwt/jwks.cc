#include "jwt/jwks.h"

#include <algorithm>

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "crypto/jwk.h"
#include "jwt/strict_json.h"

namespace tars::jwt {
namespace {

std::string_view stringMember(const boost::json::object& o, std::string_view name) {
  const boost::json::value* v = o.if_contains(name);
  return v != nullptr && v->is_string() ? view(v->get_string()) : std::string_view();
}

// OK when `use`/`key_ops` allow verifying signatures.
Status checkUsage(const boost::json::object& jwk) {
  if (const boost::json::value* use = jwk.if_contains("use")) {
    if (!use->is_string() || view(use->get_string()) != "sig") {
      return invalidArgument("JWK 'use' is not 'sig'");
    }
  }
  if (const boost::json::value* ops = jwk.if_contains("key_ops")) {
    bool verify = false;
    if (!ops->is_array()) {
      return invalidArgument("JWK 'key_ops' is not an array");
    }
    for (const auto& op : ops->get_array()) {
      if (!op.is_string()) {
        return invalidArgument("JWK 'key_ops' holds a non-string");
      }
      verify = verify || view(op.get_string()) == "verify";
    }
    if (!verify) {
      return invalidArgument("JWK 'key_ops' does not allow 'verify'");
    }
  }
  return Status::ok();
}

std::optional<Algorithm> defaultAlgorithmFor(const boost::json::object& jwk) {
  const std::string_view kty = stringMember(jwk, "kty");
  const std::string_view crv = stringMember(jwk, "crv");
  if (kty == "RSA")
    return Algorithm::kRs256;
  if (kty == "EC" && crv == "P-256")
    return Algorithm::kEs256;
  if (kty == "EC" && crv == "P-384")
    return Algorithm::kEs384;
  if (kty == "OKP" && crv == "Ed25519")
    return Algorithm::kEdDsa;
  return std::nullopt;
}

}  // namespace

StatusOr<VerificationKey> verificationKeyFromJwk(const boost::json::object& jwk,
                                                 std::optional<Algorithm> default_algorithm) {
  TARS_RETURN_IF_ERROR(checkUsage(jwk));
  std::optional<Algorithm> algorithm = default_algorithm;
  if (const boost::json::value* alg = jwk.if_contains("alg")) {
    if (!alg->is_string()) {
      return invalidArgument("JWK 'alg' is not a string");
    }
    algorithm = algorithmFromName(view(alg->get_string()));
    if (!algorithm) {
      return invalidArgument("JWK 'alg' is not a supported algorithm");
    }
  }
  if (!algorithm) {
    return invalidArgument("JWK has no 'alg' and no default algorithm was given");
  }
  std::string kid(stringMember(jwk, "kid"));
  if (isHmac(*algorithm)) {
    TARS_ASSIGN_OR_RETURN(crypto::SecretBytes secret, crypto::octSecretFromJwk(jwk));
    return VerificationKey::CreateHmac(*algorithm, secret, std::move(kid));
  }
  TARS_ASSIGN_OR_RETURN(crypto::Key key, crypto::keyFromJwk(jwk));
  return VerificationKey::CreateAsymmetric(*algorithm, std::move(key), std::move(kid));
}

Result<VerificationKeyConstSharedPtr> JwkSet::find(std::string_view kid,
                                                   Algorithm algorithm) const {
  auto it = keys_.find(kid);
  if (it == keys_.end() || it->second.empty()) {
    if (broken_kids_.contains(kid)) {
      return Failure(Outcome::kJwkParseError, "the provider's key for this kid did not parse");
    }
    return Failure(Outcome::kKeyIdNotFound, "kid not in the provider's key set");
  }
  for (const auto& key : it->second) {
    if (key->algorithm() == algorithm) {
      return key;
    }
  }
  return it->second.front();
}

bool JwkSet::containsKid(std::string_view kid) const {
  return keys_.contains(kid) || broken_kids_.contains(kid);
}

std::size_t JwkSet::size() const {
  std::size_t n = 0;
  for (const auto& [kid, keys] : keys_) {
    n += keys.size();
  }
  return n;
}

Result<JwkSet> parseJwks(std::string_view document, const JwksPolicy& policy) {
  if (document.size() > kMaxJwksBytes) {
    return Failure(Outcome::kJwkParseError, "JWKS document too large");
  }
  auto root = parseStrictJsonObject(document);
  if (!root.isOk()) {
    return Failure(Outcome::kJwkParseError, "JWKS document is not a JSON object");
  }
  const boost::json::value* keys = root->if_contains("keys");
  if (keys == nullptr || !keys->is_array()) {
    return Failure(Outcome::kJwkParseError, "JWKS document has no 'keys' array");
  }
  auto allowed = [&](Algorithm a) {
    return std::find(policy.allowed_algorithms.begin(), policy.allowed_algorithms.end(), a) !=
           policy.allowed_algorithms.end();
  };
  JwkSet set;
  for (const auto& entry : keys->get_array()) {
    if (!entry.is_object()) {
      continue;
    }
    const boost::json::object& jwk = entry.get_object();
    const std::string_view kid = stringMember(jwk, "kid");
    const std::string_view kty = stringMember(jwk, "kty");
    if (kid.empty() || (kty != "RSA" && kty != "EC" && kty != "OKP")) {
      continue;  // unusable without a kid; unknown or symmetric key types are never trusted
    }
    if (!checkUsage(jwk).isOk()) {
      continue;  // an encryption key, not ours to verify with
    }
    std::optional<Algorithm> algorithm;
    if (const boost::json::value* alg = jwk.if_contains("alg")) {
      algorithm = alg->is_string() ? algorithmFromName(view(alg->get_string())) : std::nullopt;
      if (!algorithm || !allowed(*algorithm)) {
        continue;  // bound to an algorithm this provider may not use
      }
    } else {
      algorithm = defaultAlgorithmFor(jwk);
      if (!algorithm || !allowed(*algorithm)) {
        continue;
      }
    }
    auto key = verificationKeyFromJwk(jwk, algorithm);
    if (!key.isOk()) {
      set.broken_kids_.emplace(kid);
      continue;
    }
    set.keys_[std::string(kid)].push_back(
        std::make_shared<const VerificationKey>(std::move(key).value()));
  }
  // A kid with one good key and one broken one is usable through the good one.
  for (const auto& [kid, list] : set.keys_) {
    set.broken_kids_.erase(kid);
  }
  return set;
}

std::string serializeJwks(const std::vector<VerificationKeyConstSharedPtr>& keys) {
  boost::json::array list;
  for (const auto& key : keys) {
    if (!key || key->isHmac()) {
      continue;
    }
    auto jwk = key->publicJwk();
    if (jwk.isOk()) {
      list.push_back(std::move(jwk).value());
    }
  }
  boost::json::object root;
  root["keys"] = std::move(list);
  return boost::json::serialize(root);
}

}  // namespace tars::jwt
