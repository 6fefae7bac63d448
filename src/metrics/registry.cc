#include "metrics/registry.h"

#include <prometheus/gauge.h>
#include <prometheus/text_serializer.h>

#include <algorithm>
#include <exception>
#include <iterator>
#include <utility>

namespace tars::metrics {

Registry::Registry(std::string_view version, std::string_view revision) {
  // Name, help and label names are constants known to be valid, so prometheus-cpp cannot throw
  // here (short of running out of memory); this is why no create() returning StatusOr is needed.
  prometheus::BuildGauge()
      .Name("tars_build_info")
      .Help("Build of the running tars binary; always 1.")
      .Register(prom_)
      .Add({{"version", std::string(version)}, {"revision", std::string(revision)}})
      .Set(1);
}

void Registry::addCollectable(std::weak_ptr<prometheus::Collectable> collectable) {
  std::lock_guard lock(mutex_);
  collectables_.push_back(std::move(collectable));
}

std::vector<std::shared_ptr<prometheus::Collectable>> Registry::liveCollectables() const {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<prometheus::Collectable>> live;
  std::erase_if(collectables_, [&live](const std::weak_ptr<prometheus::Collectable>& weak) {
    std::shared_ptr<prometheus::Collectable> strong = weak.lock();
    if (!strong) {
      return true;
    }
    live.push_back(std::move(strong));
    return false;
  });
  return live;
}

std::string Registry::serialize() const {
  try {
    std::vector<prometheus::MetricFamily> families = prom_.Collect();
    // Collectors run outside mutex_: they read /proc and the file system, and must not block
    // addCollectable() or a concurrent scrape while doing so.
    for (const std::shared_ptr<prometheus::Collectable>& collectable : liveCollectables()) {
      std::vector<prometheus::MetricFamily> more = collectable->Collect();
      families.insert(families.end(), std::make_move_iterator(more.begin()),
                      std::make_move_iterator(more.end()));
    }
    // prometheus-cpp keeps a family's series in a hash map; sorting them by labels makes every
    // scrape list them in the same order, which keeps the output diffable for people and tests.
    for (prometheus::MetricFamily& family : families) {
      std::sort(family.metric.begin(), family.metric.end(),
                [](const prometheus::ClientMetric& a, const prometheus::ClientMetric& b) {
                  return a.label < b.label;
                });
    }
    return prometheus::TextSerializer().Serialize(families);
  } catch (const std::exception&) {
    return {};
  }
}

}  // namespace tars::metrics
