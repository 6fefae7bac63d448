#include "app/app.h"

#include <sys/stat.h>

#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "app/identity_runtime.h"
#include "app/jwks_providers.h"
#include "app/ratelimit_runtime.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/time_format.h"
#include "core/version.h"
#include "http/filter/chain.h"
#include "http/filters/access_log/access_log_filter.h"
#include "http/filters/auth/authn_filter.h"
#include "http/filters/auth/authz_filter.h"
#include "http/filters/https_redirect/https_redirect_filter.h"
#include "http/filters/metrics/metrics_filter.h"
#include "http/filters/ratelimit/login_user_limit.h"
#include "http/filters/ratelimit/ratelimit_filter.h"
#include "http/filters/request_id/request_id_filter.h"
#include "http/filters/security_headers/security_headers_filter.h"
#include "http/filters/tls/client_san_filter.h"
#include "http/router/router.h"
#include "http/server/server.h"
#include "identity/keyring/key_ring_service.h"
#include "metrics/data_dir_collector.h"
#include "metrics/dependency_metrics.h"
#include "metrics/http_metrics.h"
#include "metrics/process_collector.h"
#include "metrics/registry.h"
#include "redis/client.h"
#include "redis/redis_config.h"
#include "services/auth/auth_service.h"
#include "services/probes/metrics_access.h"
#include "services/probes/probes_routes.h"
#include "services/probes/probes_service.h"
#include "tls/certificate_watcher.h"
#include "tls/context_provider.h"

namespace tars::app {

LogLevel toLogLevel(config::LogLevel level) {
  switch (level) {
    case config::LogLevel::kTrace:
      return LogLevel::kTrace;
    case config::LogLevel::kDebug:
      return LogLevel::kDebug;
    case config::LogLevel::kInfo:
      return LogLevel::kInfo;
    case config::LogLevel::kWarn:
      return LogLevel::kWarn;
    case config::LogLevel::kError:
      return LogLevel::kError;
  }
  return LogLevel::kInfo;
}

LogFormat toLogFormat(config::LogFormat format) {
  return format == config::LogFormat::kText ? LogFormat::kText : LogFormat::kJson;
}

namespace {

// One listener's routing and filters.
struct Endpoint {
  std::unique_ptr<http::Router> router;
  std::unique_ptr<http::FilterChain> chain;
};

Status ensureDataDir(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec)
    return unavailable("data_dir: cannot create '" + dir + "': " + ec.message());
  // Only the tars user may read secrets and databases kept here.
  if (::chmod(dir.c_str(), 0700) != 0) {
    return unavailable("data_dir: cannot set mode 0700 on '" + dir + "': " + std::strerror(errno));
  }
  if (::access(dir.c_str(), W_OK) != 0) {
    return unavailable("data_dir: '" + dir + "' is not writable");
  }
  return Status::ok();
}

}  // namespace

class App::Impl {
 public:
  Impl(std::shared_ptr<const config::Config> cfg, Logger& log)
      : config(std::move(cfg)),
        logger(log),
        ids(clock),
        registry(kVersion, kRevision),
        probes({kVersion, kRevision, config->tls.enabled}, clock) {}

  std::shared_ptr<const config::Config> config;
  Logger& logger;
  SystemClock clock;
  IdGenerator ids;
  metrics::Registry registry;
  std::unique_ptr<metrics::HttpMetrics> http_metrics;
  std::unique_ptr<metrics::DependencyMetrics> dependency_metrics;
  std::shared_ptr<metrics::ProcessCollector> process_collector;
  std::shared_ptr<metrics::DataDirCollector> data_dir_collector;
  probes::ProbesService probes;
  probes::MetricsAccessPolicy metrics_access;
  // Filled by prepare() once the identity services run; the auth routes answer 503 before.
  auth::AuthServiceSlot auth_slot;
  Endpoint main;
  std::optional<Endpoint> probe_port;
  // server.https_redirect_port: plain HTTP answering 308 to the TLS listener, whose bound port
  // is stored once the server has bound it.
  std::optional<Endpoint> https_redirect;
  std::shared_ptr<std::atomic<std::uint16_t>> https_port =
      std::make_shared<std::atomic<std::uint16_t>>(0);
  std::unique_ptr<IdentityRuntime> identity;
  std::unique_ptr<RateLimitRuntime> ratelimit;
  std::unique_ptr<http::filters::LoginUserLimit> login_limit;
  std::unique_ptr<redis::Client> redis_probe;  // readiness `redis`: its own single connection
  // tls.enabled: the main listener's context (reloaded on file change and SIGHUP).
  std::unique_ptr<tls::TlsContextProvider> tls;
  std::unique_ptr<tls::FileWatcher> tls_watcher;  // destroyed before `tls`
  std::unique_ptr<http::Server> server;

  Status build();
  // With tls.enabled: builds the context (a bad file stops the start, naming the field) and
  // starts watching its files.
  Status startTls();
  // The router only: `tars routes` needs no more, and nothing here touches files or sockets.
  static StatusOr<Endpoint> makeEndpoint(std::vector<http::RouteSpec> routes);
  // The filter chain of `e`, over the started identity services.
  void addFilters(Endpoint& e);
  // The redirect listener: no routes; request id, access log and metrics, then the 308.
  StatusOr<Endpoint> makeRedirectEndpoint();
  // Starts the identity services, fills the auth slot, adds their readiness checks and builds
  // the filter chains.
  Status startIdentity();
  // Starts the rate limiter over the identity services (audit, login hook) and adds the `redis`
  // and `ratelimit` readiness checks.
  Status startRateLimit();
  http::ServerOptions serverOptions() const;
};

StatusOr<Endpoint> App::Impl::makeEndpoint(std::vector<http::RouteSpec> routes) {
  auto router = http::Router::Create(std::move(routes));
  if (!router.isOk())
    return router.status();
  Endpoint e;
  e.router = std::move(*router);
  return e;
}

void App::Impl::addFilters(Endpoint& e) {
  auto headers = std::make_shared<http::filters::SecurityHeadersConfig>();
  headers->cors_allowed_origins = config->server.cors.allowed_origins;
  headers->cors_allow_credentials = config->server.cors.allow_credentials;
  headers->hsts = config->tls.enabled || config->server.behind_tls_proxy;
  std::vector<std::unique_ptr<http::Filter>> filters;
  // ARCHITECTURE.md order: request id + access log → metrics → security headers/CORS → authn →
  // rate limit → authz. Authn leaves its 401 to the rate limiter, which charges it to `public`.
  filters.push_back(std::make_unique<http::filters::RequestIdFilter>(ids));
  filters.push_back(std::make_unique<http::filters::AccessLogFilter>(logger, clock));
  filters.push_back(
      std::make_unique<http::filters::MetricsFilter>(*http_metrics, e.router->routes(), clock));
  filters.push_back(
      std::make_unique<http::filters::SecurityHeadersFilter>(std::move(headers), *e.router));
  filters.push_back(std::make_unique<http::filters::ClientSanFilter>());
  filters.push_back(std::make_unique<http::filters::AuthnFilter>(
      identity->authenticator(), identity->metrics(), &identity->audit(), clock,
      [policy = metrics_access](std::string_view remote) {
        return probes::metricsOpenTo(policy, remote);
      },
      /*defer_refusals=*/true));
  filters.push_back(std::make_unique<http::filters::RateLimitFilter>(
      http::filters::RateLimitFilterConfig{ratelimit->policy(), ratelimit->trustedProxies(),
                                           &ratelimit->limiter(), &identity->audit()}));
  filters.push_back(std::make_unique<http::filters::AuthzFilter>(
      e.router->routes(), identity->metrics(), &identity->audit()));
  e.chain = std::make_unique<http::FilterChain>(std::move(filters));
}

StatusOr<Endpoint> App::Impl::makeRedirectEndpoint() {
  TARS_ASSIGN_OR_RETURN(Endpoint e, makeEndpoint({}));
  std::vector<std::unique_ptr<http::Filter>> filters;
  filters.push_back(std::make_unique<http::filters::RequestIdFilter>(ids));
  filters.push_back(std::make_unique<http::filters::AccessLogFilter>(logger, clock));
  filters.push_back(
      std::make_unique<http::filters::MetricsFilter>(*http_metrics, e.router->routes(), clock));
  filters.push_back(std::make_unique<http::filters::HttpsRedirectFilter>(https_port));
  e.chain = std::make_unique<http::FilterChain>(std::move(filters));
  return e;
}

Status App::Impl::build() {
  auto hm = metrics::HttpMetrics::create(registry);
  if (!hm.isOk())
    return hm.status();
  http_metrics = std::move(*hm);
  auto dm = metrics::DependencyMetrics::create(registry);
  if (!dm.isOk())
    return dm.status();
  dependency_metrics = std::move(*dm);
  process_collector = std::make_shared<metrics::ProcessCollector>();
  registry.addCollectable(process_collector);
  data_dir_collector = std::make_shared<metrics::DataDirCollector>(config->data_dir);
  registry.addCollectable(data_dir_collector);

  // The data dir holds the store and secrets; without it nothing else can be ready.
  probes.addCheck(
      {"data_dir", probes::ReadinessCheck::Severity::kCritical, [dir = config->data_dir] {
         if (::access(dir.c_str(), W_OK) != 0)
           return unavailable("data_dir not writable");
         return Status::ok();
       }});

  auto scrape = [this] { return registry.serialize(); };
  metrics_access.development = config->env == config::Environment::kDevelopment;
  metrics_access.mode = config->metrics.auth == config::MetricsAuth::kOpen
                            ? probes::MetricsAccessMode::kOpen
                        : config->metrics.auth == config::MetricsAuth::kRequired
                            ? probes::MetricsAccessMode::kRequired
                            : probes::MetricsAccessMode::kAuto;
  auto routes = probes::probeRoutes(probes, scrape, metrics_access);
  if (config->services.contains(config::Service::kAuth)) {
    for (auto& r : auth::authRoutes(auth_slot))
      routes.push_back(std::move(r));
  }
  TARS_ASSIGN_OR_RETURN(main, makeEndpoint(std::move(routes)));
  if (config->server.probe_port) {
    TARS_ASSIGN_OR_RETURN(auto ep,
                          makeEndpoint(probes::probePortRoutes(probes, scrape, metrics_access)));
    probe_port = std::move(ep);
  }
  if (config->server.https_redirect_port) {
    TARS_ASSIGN_OR_RETURN(auto ep, makeRedirectEndpoint());
    https_redirect = std::move(ep);
  }
  return Status::ok();
}

Status App::Impl::startIdentity() {
  TARS_ASSIGN_OR_RETURN(identity, IdentityRuntime::Start(*config, clock, ids, logger, registry,
                                                         main.router->routes()));
  auth_slot.deps = &identity->deps();
  IdentityRuntime* rt = identity.get();
  probes.addCheck({"store", probes::ReadinessCheck::Severity::kCritical,
                   [rt] { return rt->store().ping(std::chrono::seconds(1)); }});
  probes.addCheck({"keyring", probes::ReadinessCheck::Severity::kCritical, [rt] {
                     if (rt->keyring().currentKid().empty())
                       return unavailable("no current signing key");
                     return Status::ok();
                   }});
  JwksProviders* jwks = &rt->jwksProviders();
  for (const std::string& name : jwks->names()) {
    probes.addCheck({"jwks:" + name, probes::ReadinessCheck::Severity::kDegrading, [jwks, name] {
                       if (!jwks->hasUsableSet(name))
                         return unavailable("no usable key set (fetch failing)");
                       return Status::ok();
                     }});
  }
  TARS_RETURN_IF_ERROR(startRateLimit());
  addFilters(main);
  if (probe_port)
    addFilters(*probe_port);
  return Status::ok();
}

Status App::Impl::startRateLimit() {
  TARS_ASSIGN_OR_RETURN(ratelimit,
                        RateLimitRuntime::Start(*config, clock, registry, main.router->routes()));
  login_limit = std::make_unique<http::filters::LoginUserLimit>(
      ratelimit->policy(), ratelimit->trustedProxies(), ratelimit->limiter(), &identity->audit());
  identity->setLoginRateLimit([limit = login_limit.get()](std::string_view username,
                                                          const http::Request& request,
                                                          http::RequestContext& ctx) {
    return limit->check(username, request, ctx);
  });
  if (ratelimit->sharedBackend()) {
    RateLimitRuntime* rl = ratelimit.get();
    probes.addCheck({"ratelimit", probes::ReadinessCheck::Severity::kDegrading,
                     [rl] { return rl->fallbackStatus(); }});
  }
  if (config->redis.url) {
    TARS_ASSIGN_OR_RETURN(redis::RedisOptions options,
                          redis::redisOptionsFromConfig(config->redis));
    options.pool_size = 1;
    TARS_ASSIGN_OR_RETURN(redis_probe, redis::Client::Create(options));
    probes.addCheck({"redis", probes::ReadinessCheck::Severity::kDegrading,
                     [client = redis_probe.get()] { return client->ping(); }});
  }
  return Status::ok();
}

Status App::Impl::startTls() {
  if (!config->tls.enabled)
    return Status::ok();
  TARS_ASSIGN_OR_RETURN(tls, tls::TlsContextProvider::Create(config->tls, logger));
  tls_watcher = tls::watchCertificateFiles(*tls);
  const tls::CertificateIdentity leaf = tls->currentCertificate();
  logger.info("tls enabled", {{"subject", leaf.subject},
                              {"serial", leaf.serial_hex},
                              {"not_after", formatRfc3339Millis(leaf.not_after)}});
  return Status::ok();
}

http::ServerOptions App::Impl::serverOptions() const {
  const auto& s = config->server;
  http::ServerOptions o;
  o.host = s.host;
  o.port = static_cast<std::uint16_t>(s.port);
  o.io_threads = s.threads;
  o.max_connections = static_cast<std::size_t>(s.max_connections);
  o.idle_timeout = std::chrono::seconds(s.idle_timeout_seconds);
  o.header_read_timeout = std::chrono::seconds(s.header_read_timeout_seconds);
  o.body_read_timeout = std::chrono::seconds(s.idle_timeout_seconds);
  o.write_timeout = std::chrono::seconds(s.idle_timeout_seconds);
  o.max_header_bytes = static_cast<std::size_t>(s.max_header_bytes);
  o.shutdown_grace = std::chrono::seconds(s.shutdown_grace_seconds);
  o.worker_threads = config->auth.password_hash_workers;
  return o;
}

App::App(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
App::~App() = default;

StatusOr<std::unique_ptr<App>> App::Create(std::shared_ptr<const config::Config> config,
                                           Logger& logger) {
  auto impl = std::make_unique<Impl>(std::move(config), logger);
  TARS_RETURN_IF_ERROR(impl->build());
  return std::unique_ptr<App>(new App(std::move(impl)));
}

const std::vector<http::RouteSpec>& App::routes() const {
  return impl_->main.router->routes();
}

Status App::prepare() {
  TARS_RETURN_IF_ERROR(ensureDataDir(impl_->config->data_dir));
  TARS_RETURN_IF_ERROR(impl_->startTls());
  TARS_RETURN_IF_ERROR(impl_->startIdentity());
  std::vector<http::ListenerSpec> listeners;
  // The probe port stays plain HTTP: kubelet probes and Prometheus scrape it without certificates.
  listeners.push_back({impl_->config->server.host,
                       static_cast<std::uint16_t>(impl_->config->server.port),
                       impl_->main.router.get(), impl_->main.chain.get(), impl_->tls.get()});
  if (impl_->probe_port) {
    listeners.push_back({impl_->config->server.host,
                         static_cast<std::uint16_t>(*impl_->config->server.probe_port),
                         impl_->probe_port->router.get(), impl_->probe_port->chain.get()});
  }
  if (impl_->https_redirect) {
    listeners.push_back({impl_->config->server.host,
                         static_cast<std::uint16_t>(*impl_->config->server.https_redirect_port),
                         impl_->https_redirect->router.get(), impl_->https_redirect->chain.get()});
  }
  auto server = http::Server::Create(impl_->serverOptions(), std::move(listeners),
                                     {impl_->logger, impl_->clock, *impl_->http_metrics});
  if (!server.isOk())
    return server.status();
  impl_->server = std::move(*server);
  impl_->https_port->store(impl_->server->ports().front(), std::memory_order_release);
  if (impl_->tls) {
    tls::TlsContextProvider* provider = impl_->tls.get();
    impl_->server->onHangup([provider] { (void)provider->reload(); });  // reload() logs
  }
  return Status::ok();
}

std::vector<std::uint16_t> App::ports() const {
  return impl_->server->ports();
}

void App::run(bool handle_signals) {
  // Before the serving line: whoever waits for it may send SIGTERM at once.
  if (handle_signals)
    impl_->server->handleSignals();
  auto ports = impl_->server->ports();
  std::string port_list;
  for (auto p : ports)
    port_list += (port_list.empty() ? "" : ",") + std::to_string(p);
  impl_->logger.info("tars serving", {{"version", kVersion},
                                      {"host", impl_->config->server.host},
                                      {"ports", port_list},
                                      {"env", config::toString(impl_->config->env)},
                                      {"data_dir", impl_->config->data_dir}});
  impl_->server->run();
  if (impl_->identity)
    impl_->identity->stop();
  impl_->logger.info("tars stopped");
  impl_->logger.flush();
}

void App::shutdown() {
  if (impl_->server)
    impl_->server->beginShutdown();
}

}  // namespace tars::app
