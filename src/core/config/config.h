#pragma once
// The typed configuration of tars (STYLE.md rule 5).
//
// Every field has an in-class default and one comment; the defaults are those of ARCHITECTURE.md
// "Config keys", spec/tars.md and spec/cap.md. A Config is built only by loadConfig()
// (core/config/loader.h), which reads YAML → environment → flags, resolves the derived defaults
// (store.url, server.threads, auth.demo_users, ...) and validates the result; a Config you
// receive from it is complete and valid. docs/CONFIG.md documents every key.
//
// Thread safety: a Config is a value; share it as std::shared_ptr<const Config> and never mutate
// a shared one (a reload builds a new snapshot).
//
// Adding a section: a struct here, a member of Config, and one section_<name>.cc that registers
// its keys and validates them (see sections.h).

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace tars::config {

enum class Environment { kDevelopment, kProduction };

// The route groups `--services` / TARS_SERVICES selects (spec/tars.md §1.1).
enum class Service { kAuth, kOrchestration, kAutoml, kHypersync, kDashboard, kVerifier };

enum class LogLevel { kTrace, kDebug, kInfo, kWarn, kError };
enum class LogFormat { kJson, kText };
enum class StoreBackend { kSqlite, kPostgres };
enum class RateLimitBackend { kMemory, kRedis };
enum class RateLimitAlgorithm { kSlidingWindow, kGcra };  // Redis algorithms (spec/tars.md §4.4)
enum class RateLimitFailureMode { kLocal, kClosed };      // no fail-open mode on purpose (§4.6)
enum class JwtAlgorithm { kHs256, kEs256, kRs256 };
enum class MetricsAuth { kAuto, kOpen, kRequired };
enum class TlsVersion { kTls10, kTls11, kTls12, kTls13 };  // ordered: compare with <
enum class CipherProfile { kModern, kIntermediate, kLegacy };
enum class ClientCertValidation { kNone, kOptional, kRequired };

// The six groups; the value of `services: all`.
const std::set<Service>& allServices();

struct CorsConfig {
  std::vector<std::string> allowed_origins;  // exact origins or "*"; empty = same origin only
  bool allow_credentials = false;            // Access-Control-Allow-Credentials; never with "*"
};

struct ServerConfig {
  std::string host = "127.0.0.1";          // listen address
  int port = 8094;                         // main listener; 0 = any free port (tests)
  int threads = 0;                         // I/O threads; 0 in the file = cores, resolved at load
  bool behind_tls_proxy = false;           // TLS ends at a trusted ingress in front of us
  std::optional<int> probe_port;           // plain-HTTP /healthz, /readyz, /metrics; unset = none
  std::optional<int> https_redirect_port;  // plain HTTP answering 308 to the TLS port; needs TLS
  CorsConfig cors;                         // cross-origin policy (spec/tars.md §1.8)
  int max_connections = 10000;             // the listener pauses accepting at this many
  int idle_timeout_seconds = 60;           // idle keep-alive connections are closed after this
  int header_read_timeout_seconds = 10;    // the whole request head must arrive within this
  int max_header_bytes = 16384;            // request line + headers; beyond → 431
  int shutdown_grace_seconds = 25;         // drain deadline after SIGTERM
};

struct LogConfig {
  LogLevel level = LogLevel::kInfo;     // production refuses kTrace
  LogFormat format = LogFormat::kJson;  // one JSON object per line, or human text
};

struct StoreConfig {
  std::string url;  // sqlite://PATH or postgresql://…; resolved at load
  StoreBackend backend = StoreBackend::kSqlite;  // derived from the scheme of `url`
};

struct RedisConfig {
  std::optional<std::string> url;  // redis://[:password@]host:port/db; unset = no Redis
  int command_timeout_ms = 25;     // per command (spec/tars.md §4.6)
  int connect_timeout_ms = 100;    // per connection attempt
  int pool_size = 8;               // connections per process
};

struct RateLimitClass {
  int limit = 1;                                                      // requests per window
  int window_seconds = 60;                                            // window length
  RateLimitAlgorithm algorithm = RateLimitAlgorithm::kSlidingWindow;  // Redis backend only
};

// The classes of spec/tars.md §4.1 with their default limits, keyed by class name.
std::map<std::string, RateLimitClass, std::less<>> defaultRateLimitClasses();

struct RateLimitMemoryConfig {
  int max_keys = 100000;  // buckets kept; full ones dropped first, then LRU
};

struct RateLimitBreakerConfig {
  int failure_threshold = 5;  // consecutive Redis errors that open the breaker
  int open_seconds = 5;       // how long it stays open before one probe
};

struct RateLimitConfig {
  RateLimitBackend backend = RateLimitBackend::kMemory;  // kRedis needs redis.url
  std::map<std::string, RateLimitClass, std::less<>> classes =
      defaultRateLimitClasses();             // class name → limit (§4.1)
  std::vector<std::string> trusted_proxies;  // CIDRs whose X-Forwarded-For is believed
  RateLimitFailureMode failure_mode = RateLimitFailureMode::kLocal;  // on a Redis error
  RateLimitMemoryConfig memory;                                      // the in-memory token bucket
  RateLimitBreakerConfig breaker;                                    // the Redis circuit breaker
};

struct JwtConfig {
  std::optional<std::string> secret;  // key-ring master secret; production: ≥ 32 bytes
  std::string issuer = "tars-auth";   // `iss` of tokens we issue
  std::string audience = "tars";      // `aud` of tokens we issue and expect
  int access_ttl_minutes = 60;        // access-token lifetime
  int refresh_ttl_days = 7;           // refresh-token lifetime from its own issue
  int refresh_family_max_days = 30;   // a refresh family's lifetime from login
  int leeway_seconds = 30;            // clock skew allowed on exp/nbf/iat
  JwtAlgorithm algorithm = JwtAlgorithm::kHs256;  // for signing keys created from now on
  int keyring_refresh_seconds = 30;               // how often other processes reload the key ring
};

struct ApiKeysConfig {
  std::vector<std::string> default_scopes = {"tars:viewer"};  // when a request names none
  int last_used_flush_seconds = 60;  // batch interval for `last_used` writes
  int rotation_grace_seconds = 0;    // default grace of a rotation; 0 = old key dies at once
};

struct OAuthConfig {
  std::vector<std::string> audiences;  // audiences /oauth/token grants; default [jwt.audience]
};

// One external issuer whose RS256/ES256 tokens we accept (spec/cap.md §10.3).
struct JwksProviderConfig {
  std::string name;              // id used in limiter keys and readiness checks
  std::string issuer;            // exact `iss`
  std::string audience;          // `aud` the token must contain
  std::string jwks_url;          // where its key set is fetched
  int jwks_cache_ttl_sec = 600;  // key set refresh interval
  // CA bundle the jwks_url's server must chain to (our addition); unset = the system CA store.
  std::optional<std::string> ca_bundle;
};

struct AuthConfig {
  bool demo_users = true;           // the three demo users; default = (env == development)
  JwtConfig jwt;                    // tokens and the signing-key ring
  int password_hash_workers = 2;    // argon2id worker threads
  int revocation_poll_seconds = 5;  // store polling interval when Redis is absent
  ApiKeysConfig api_keys;           // service tokens
  OAuthConfig oauth;                // client-credentials grant
  std::vector<JwksProviderConfig> jwks_providers;  // external issuers; none by default
};

struct MetricsConfig {
  MetricsAuth auth = MetricsAuth::kAuto;  // auto: open in development or to loopback peers
};

// Client side of calls to peer groups (spec/tars.md §8.6).
struct OutboundConfig {
  std::optional<std::string> ca_bundle;    // CA that signs peer server certificates
  std::optional<std::string> client_cert;  // our client certificate (PEM path)
  std::optional<std::string> client_key;   // its private key (PEM path)
  std::optional<std::string> api_key;      // sent as X-API-Key; a secret
  int timeout_ms = 5000;                   // per read request
};

// Listener TLS (spec/cap.md §11).
struct TlsConfig {
  bool enabled = false;                                         // serve HTTPS on server.port
  std::optional<std::string> server_cert;                       // PEM chain path
  std::optional<std::string> server_key;                        // PEM key path
  std::optional<TlsVersion> tls_min_version;                    // unset = the profile's minimum
  CipherProfile cipher_profile = CipherProfile::kIntermediate;  // protocols + TLS 1.2 ciphers
  ClientCertValidation client_cert_validation =
      ClientCertValidation::kNone;               // require_mtls forces kRequired at load
  bool require_mtls = false;                     // client certificates required
  std::optional<std::string> client_ca_bundle;   // CA for client certificates
  bool verify_client_san = false;                // enforce allowed_client_sans
  std::vector<std::string> allowed_client_sans;  // DNS names or "*.suffix"
};

struct VerifierCacheConfig {
  int size = 1000;         // entries; 0 disables the cache
  int ttl_seconds = 3600;  // lifetime from insertion
};

struct VerifierLimitsConfig {
  int max_rules = 1000;            // rules per policy
  int max_array_elements = 50000;  // elements per context hash array
};

struct VerifierListsConfig {
  int max_rows = 100000;    // rows per list
  int max_bytes = 8388608;  // bytes per list upload (8 MiB)
};

// CAP verifier (spec/cap.md §9, §13).
struct VerifierConfig {
  bool allow_embedded_ir = true;  // /verify may carry its IR inline (Mode B)
  VerifierCacheConfig cache;      // verification result cache
  std::string signing_key_file;   // manifest signing key; default <data_dir>/cap/signing_key.pem
  VerifierLimitsConfig limits;    // policy and context limits
  VerifierListsConfig lists;      // list upload limits
};

struct Config {
  Environment env = Environment::kDevelopment;  // production refuses unsafe settings
  std::set<Service> services = allServices();   // route groups mounted by this process
  std::string data_dir = "./tars-data";         // SQLite file, dev secret, CAP keys
  ServerConfig server;                          // listeners and HTTP limits
  LogConfig log;                                // logging
  StoreConfig store;                            // system of record
  RedisConfig redis;                            // optional shared Redis
  RateLimitConfig ratelimit;                    // rate limiting
  AuthConfig auth;                              // identity and tokens
  MetricsConfig metrics;                        // /metrics access
  OutboundConfig outbound;                      // calls to peer groups
  TlsConfig tls;                                // listener TLS
  VerifierConfig verifier;                      // CAP verifier
};

// How a loaded config is shared (immutable snapshot).
using ConfigConstSharedPtr = std::shared_ptr<const Config>;

// True when this process mounts all six groups (the embedded layout).
bool servesAllGroups(const Config& config);

// The file tars serve writes a generated development secret to when auth.jwt.secret is unset:
// <data_dir>/jwt_secret. `tars doctor` refuses a production secret equal to its content.
std::string developmentSecretPath(const Config& config);

// Canonical names, as written in the config file ("production", "auth", "HS256", "1.2", ...).
std::string_view toString(Environment value);
std::string_view toString(Service value);
std::string_view toString(LogLevel value);
std::string_view toString(LogFormat value);
std::string_view toString(StoreBackend value);
std::string_view toString(RateLimitBackend value);
std::string_view toString(RateLimitAlgorithm value);
std::string_view toString(RateLimitFailureMode value);
std::string_view toString(JwtAlgorithm value);
std::string_view toString(MetricsAuth value);
std::string_view toString(TlsVersion value);
std::string_view toString(CipherProfile value);
std::string_view toString(ClientCertValidation value);

}  // namespace tars::config
