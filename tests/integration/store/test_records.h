#pragma once
// Record builders for the store suite: valid defaults, one line per test to vary.

#include <string>

#include "store/store.h"

namespace tars::test {

inline store::UserRecord makeUser(const std::string& id, const std::string& username,
                                  store::Timestamp now) {
  store::UserRecord u;
  u.user_id = id;
  u.username = username;
  u.email = username + "@tars.ai";
  u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g";
  u.roles = {"developer"};
  u.created_at = store::truncateToMillis(now);
  u.updated_at = store::truncateToMillis(now);
  return u;
}

inline store::RefreshFamilyRecord makeFamily(const std::string& family_id,
                                             const std::string& user_id, const std::string& jti,
                                             store::Timestamp now) {
  store::RefreshFamilyRecord f;
  f.family_id = family_id;
  f.user_id = user_id;
  f.current_jti = jti;
  f.created_at = store::truncateToMillis(now);
  f.updated_at = f.created_at;
  f.expires_at = f.created_at + std::chrono::hours(24 * 30);
  return f;
}

// 32 bytes including a zero and high bytes, so BLOB/BYTEA handling is exercised.
inline std::string digestBytes(char seed) {
  std::string d(32, '\0');
  for (std::size_t i = 0; i < d.size(); ++i)
    d[i] = static_cast<char>((seed * 31 + static_cast<int>(i) * 7) & 0xFF);
  d[3] = '\0';
  d[4] = static_cast<char>(0xFF);
  return d;
}

inline store::ApiKeyRecord makeKey(const std::string& key_id, const std::string& service,
                                   store::Timestamp now) {
  store::ApiKeyRecord k;
  k.key_id = key_id;
  k.service_name = service;
  k.secret_sha256 = digestBytes(key_id.empty() ? 'x' : key_id[0]);
  k.scopes = {"tars:viewer", "cap:verify"};
  k.created_at = store::truncateToMillis(now);
  k.created_by = "admin-001";
  return k;
}

inline store::SigningKeyRecord makeSigningKey(const std::string& kid, store::Timestamp now) {
  store::SigningKeyRecord k;
  k.kid = kid;
  k.algorithm = "HS256";
  k.key_material = digestBytes(kid.empty() ? 'k' : kid.back());
  k.status = store::SigningKeyStatus::kCurrent;
  k.created_at = store::truncateToMillis(now);
  return k;
}

inline store::AuditEvent makeEvent(const std::string& event_id, store::Timestamp now,
                                   const std::string& type = "auth.login.success",
                                   const std::string& actor = "admin-001") {
  store::AuditEvent e;
  e.event_id = event_id;
  e.timestamp = now;
  e.type = type;
  e.outcome = "success";
  e.actor_type = "user";
  e.actor_id = actor;
  e.source_ip = "127.0.0.1";
  e.request_id = "req_" + event_id;
  e.details_json = R"({"username":"admin","method":"password"})";
  return e;
}

}  // namespace tars::test
