#pragma once
// The RED metrics of the HTTP server (spec/tars.md §10.1):
//   tars_http_requests_total{route,method,status_class}      counter
//   tars_http_request_duration_seconds{route,method}         histogram (kDurationBuckets)
//   tars_http_requests_in_flight                             gauge
//   tars_http_max_connections_reached_total                  counter
//
// Hot path: the server resolves a RouteStats* once per declared route at start (routeStats()) and
// keeps it in its route table; per request it calls RouteStats::record(), which indexes a fixed
// array — no label map is built or looked up. Every status_class series (1xx..5xx) and the
// histogram of a route exist at 0 from the moment the route is declared. Requests that match no
// route are counted under route="unmatched" (never the raw path, which the client controls).
//
// Thread safety: every method is thread-safe; record(), unmatched(), inFlightInc/Dec() and
// maxConnectionsReached() take no lock of ours (only prometheus-cpp's per-histogram mutex).
// Lifetimes: HttpMetrics must outlive every RouteStats* it returned, and the Registry it was
// created on must outlive HttpMetrics.

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>

#include <array>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

#include "core/status.h"
#include "metrics/registry.h"

namespace tars::metrics {

// The series of one (route template, method). Obtained from HttpMetrics; never null.
class RouteStats {
 public:
  // Counts one response under its status class and observes its duration.
  // `http_status` outside 100..599 counts as 5xx (only a server bug produces one); a negative or
  // NaN `seconds` (a clock going backwards) is observed as 0 so that _sum never shrinks.
  void record(int http_status, double seconds) noexcept;

 private:
  friend class HttpMetrics;
  static constexpr size_t kStatusClasses = 5;  // 1xx .. 5xx

  RouteStats(std::array<prometheus::Counter*, kStatusClasses> by_class,
             prometheus::Histogram* duration)
      : by_class_(by_class), duration_(duration) {}

  const std::array<prometheus::Counter*, kStatusClasses> by_class_;
  prometheus::Histogram* const duration_;
};

class HttpMetrics {
 public:
  // Histogram bounds of tars_http_request_duration_seconds, in seconds.
  static constexpr std::array<double, 13> kDurationBuckets = {
      .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5};
  // Route label of requests that match no declared route.
  static constexpr std::string_view kUnmatchedRoute = "unmatched";
  // Method labels pre-created for unmatched requests; any other method counts as kOtherMethod, so
  // a client cannot create series by inventing methods.
  static constexpr std::array<std::string_view, 7> kUnmatchedMethods = {
      "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
  static constexpr std::string_view kOtherMethod = "OTHER";

  // Creates the four families on `registry` (or joins them if they exist) and the unmatched
  // series. Fails with kInvalidArgument if one of the names is taken by a family of another type.
  static StatusOr<std::unique_ptr<HttpMetrics>> create(Registry& registry);

  HttpMetrics(const HttpMetrics&) = delete;
  HttpMetrics& operator=(const HttpMetrics&) = delete;

  // The stats of a declared route; call once per route at start, not per request. Creates its
  // series at 0 on the first call; later calls with the same pair return the same pointer.
  // Returns a pointer that is never null and stays valid as long as this HttpMetrics.
  // REQUIRES: `route_template` is a declared template ("/api/v1/models/{id}"), never a raw path.
  // Only allocation failure can fail here, and it terminates the process.
  RouteStats* routeStats(std::string_view route_template, std::string_view method) noexcept;

  // The stats for a request that matched no route: route="unmatched", method as given if it is one
  // of kUnmatchedMethods (exact, case-sensitive as HTTP methods are), otherwise kOtherMethod.
  // Never null. Cheap enough for the hot path (a few string compares, no lock).
  RouteStats* unmatched(std::string_view method) noexcept;

  // One request entered / left the server.
  void inFlightInc() noexcept { in_flight_->Increment(); }
  void inFlightDec() noexcept { in_flight_->Decrement(); }

  // The listener stopped accepting because server.max_connections was reached.
  void maxConnectionsReached() noexcept { max_connections_reached_->Increment(); }

 private:
  HttpMetrics(prometheus::Family<prometheus::Counter>& requests,
              prometheus::Family<prometheus::Histogram>& duration, prometheus::Gauge& in_flight,
              prometheus::Counter& max_connections_reached)
      : requests_(requests),
        duration_(duration),
        in_flight_(&in_flight),
        max_connections_reached_(&max_connections_reached) {}

  // routeStats() without the lock. REQUIRES: mutex_ held.
  RouteStats* routeStatsLocked(std::string_view route_template, std::string_view method);

  prometheus::Family<prometheus::Counter>& requests_;
  prometheus::Family<prometheus::Histogram>& duration_;
  prometheus::Gauge* const in_flight_;
  prometheus::Counter* const max_connections_reached_;

  std::mutex mutex_;
  // GUARDED_BY(mutex_). Keyed by (route, method); unique_ptr keeps each RouteStats' address stable.
  std::map<std::pair<std::string, std::string>, std::unique_ptr<RouteStats>> routes_;
  // Written only by create(), before the object is shared; index = kUnmatchedMethods' index, the
  // last one is kOtherMethod.
  std::array<RouteStats*, kUnmatchedMethods.size() + 1> unmatched_{};
};

}  // namespace tars::metrics
