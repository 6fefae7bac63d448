#pragma once
// The metrics registry of one tars process and its Prometheus text exposition.
//
// Owns a prometheus::Registry, where modules create their families (see fixed_series.h), plus a
// list of scrape-time collectors (process, data dir) whose values are computed when serialize()
// runs. Construction registers `tars_build_info{version,revision} 1` (spec/tars.md §10.1).
//
// Thread safety: every method is thread-safe.
// Lifetimes: the Registry must outlive everything holding a pointer into it (RouteStats*,
// prometheus::Counter* ...); the App owns it and destroys it last. Collectors are held weakly.

#include <prometheus/collectable.h>
#include <prometheus/registry.h>

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace tars::metrics {

class Registry {
 public:
  // The Content-Type of serialize()'s output (Prometheus text format 0.0.4).
  static constexpr std::string_view kContentType = "text/plain; version=0.0.4; charset=utf-8";

  // `version` and `revision` become the labels of tars_build_info.
  Registry(std::string_view version, std::string_view revision);

  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // Where modules create their families and series.
  prometheus::Registry& prom() { return prom_; }

  // Adds a collector asked for its families at every serialize(). A collector whose owner has
  // destroyed it is dropped. REQUIRES: its family names differ from every other family's.
  void addCollectable(std::weak_ptr<prometheus::Collectable> collectable);

  // Every family of the registry and of the live collectors, in the text format (kContentType),
  // each family's series sorted by their labels.
  // Returns an empty string if serialisation fails (only when memory runs out).
  std::string serialize() const;

 private:
  // The live collectors; drops expired ones.
  std::vector<std::shared_ptr<prometheus::Collectable>> liveCollectables() const;

  prometheus::Registry prom_;
  mutable std::mutex mutex_;
  // GUARDED_BY(mutex_); mutable so that serialize() can drop expired collectors.
  mutable std::vector<std::weak_ptr<prometheus::Collectable>> collectables_;
};

}  // namespace tars::metrics
