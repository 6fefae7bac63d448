#pragma once
// Policy: which limit each class has, which class an `auto` route uses for a principal, and how
// limiter keys are spelt (spec/tars.md §1.7, §2, §4.1).
//
//   class        default     key
//   auth         10 / 60 s   ip:<client address>
//   login_user   10 / 300 s  loginUserKey(username) = first 16 hex of SHA-256(lowercase name)
//   public       30 / 60 s   ip:<client address>
//   default      300 / 60 s  user:<user_id> | ext:<provider>:<sub>
//   internal     1000 / 60 s key:<key_id> | client:<key_id>   (limited, never exempt)
//   sensitive    10 / 60 s   the principal's key, as above
//   static       600 / 60 s  ip:<client address>
// Client addresses come from client_address.h (ipKey(): IPv6 keyed by its /64).
//
// Thread safety: a Policy is immutable after Create(); share it as PolicyConstSharedPtr. A config
// reload builds a new Policy; a request keeps the one it started with.

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "ratelimit/rate_class.h"

namespace tars::ratelimit {

// Who made the request (§1.7).
enum class PrincipalKind : uint8_t {
  kUser,        // access JWT of a local user
  kClient,      // access JWT from /oauth/token (client credentials)
  kServiceKey,  // API key
  kExternal,    // access token of a configured JWKS provider
  kAnonymous,   // no (valid) credentials
};

// The class a route declared `auto` uses (§2): default for users and external JWTs, internal for
// clients and service keys, public when unauthenticated.
ClassId autoClass(PrincipalKind kind);

// The limiter key of an authenticated principal (§1.7): "user:<id>", "client:<id>", "key:<id>",
// or for kExternal "ext:<id>" where `id` is "<provider>:<sub>". For kAnonymous the key is the
// client address's — use ipKey() (client_address.h) instead; this returns "ip:<id>" verbatim.
std::string principalKey(PrincipalKind kind, std::string_view id);

// "ext:<provider>:<sub>".
std::string externalKey(std::string_view provider, std::string_view subject);

// The login_user key (§4.1): the first 16 hex digits of SHA-256 of the username with ASCII letters
// lowercased, so that one account is limited across every client address and the username never
// reaches Redis or memory in the clear.
std::string loginUserKey(std::string_view username);

class Policy;
using PolicyConstSharedPtr = std::shared_ptr<const Policy>;

class Policy {
 public:
  // The seven classes with the limits of §4.1 and the sliding-window Redis algorithm.
  static std::array<RateClass, kClassCount> defaultClasses();

  // A policy with `classes` replacing the defaults of their ids (others keep §4.1 defaults).
  // Fails with kInvalidArgument on a limit or window < 1 or a class given twice.
  static StatusOr<PolicyConstSharedPtr> Create(const std::vector<RateClass>& classes);

  // The limits of `id`.
  const RateClass& get(ClassId id) const { return classes_[static_cast<std::size_t>(id)]; }

  // The class named `name` (a route declaration's rate class); null for "auto", "exempt" and any
  // unknown name.
  const RateClass* find(std::string_view name) const;

  // The class a request to a route declaring `route_class` uses: `auto` → autoClass(kind), a class
  // name → that class. Null when the route is exempt or the name is unknown (a route-table bug the
  // caller reports at start).
  const RateClass* resolve(std::string_view route_class, PrincipalKind kind) const;

 private:
  explicit Policy(const std::array<RateClass, kClassCount>& classes) : classes_(classes) {}

  const std::array<RateClass, kClassCount> classes_;
};

}  // namespace tars::ratelimit
