#include "auth_client.h"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/clock.h"
#include "core/logger.h"
#include "identity/keyring/key_material_sealer.h"
#include "identity/keyring/key_ring_service.h"
#include "identity/keyring/master_secret.h"
#include "store/store_factory.h"

namespace tars::test {

std::string Reply::header(const std::string& name) const {
  auto it = raw.find(name);
  return it == raw.end() ? std::string() : std::string(it->value());
}

std::string Reply::field(const std::string& name) const {
  const boost::json::value* v = json.if_contains(name);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

Reply AuthClient::send(const std::string& method, const std::string& target,
                       const std::string& headers, const std::string& body) {
  RawClient c(port_);
  Reply r;
  auto res = c.request(method, target, headers, body);
  if (!res)
    return r;
  r.raw = *res;
  r.status = static_cast<int>(res->result_int());
  r.body = res->body();
  boost::system::error_code ec;
  auto v = boost::json::parse(r.body, ec);
  if (!ec && v.is_object())
    r.json = v.get_object();
  return r;
}

Reply AuthClient::postJson(const std::string& target, const std::string& json,
                           const std::string& headers) {
  return send("POST", target, "Content-Type: application/json\r\n" + headers, json);
}

Reply AuthClient::login(const std::string& username, const std::string& password) {
  boost::json::object o;
  o["username"] = username;
  o["password"] = password;
  return postJson("/auth/login", boost::json::serialize(o));
}

jwt::SigningKeyConstSharedPtr serverSigningKey(const std::string& store_url,
                                               const std::string& data_dir) {
  SystemClock clock;
  auto store = store::openStore(store_url, clock);
  EXPECT_TRUE(store.isOk()) << store.status().toString();
  if (!store.isOk())
    return nullptr;
  auto secret = identity::resolveMasterSecret(std::nullopt, data_dir, true);
  EXPECT_TRUE(secret.isOk()) << secret.status().toString();
  auto sealer = identity::KeyMaterialSealer::Create(*secret);
  EXPECT_TRUE(sealer.isOk());
  Logger logger(LogLevel::kError, LogFormat::kJson);
  identity::KeyRingService ring((*store)->signingKeys(), clock, std::move(*sealer), {}, logger);
  Status st = ring.start();
  EXPECT_TRUE(st.isOk()) << st.toString();
  return ring.currentSigningKey();
}

}  // namespace tars::test
