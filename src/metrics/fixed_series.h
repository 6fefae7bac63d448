#pragma once
// Helpers for the rule of spec/tars.md §10.1: "series whose labels come from fixed sets exist at 0
// from start". prometheus-cpp exposes a family only once it has a series, so a module creates its
// family and every series of its fixed label set when it is constructed, keeps the returned
// pointers, and on the hot path increments a pointer chosen by index (an enum), never by a label
// lookup.
//
//   TARS_ASSIGN_OR_RETURN(auto* family, makeFamily<prometheus::Counter>(
//       registry.prom(), "tars_api_key_checks_total", "API key checks by outcome."));
//   TARS_ASSIGN_OR_RETURN(checks_, initLabelled(*family, "outcome",
//       {"success", "invalid", "expired", "revoked"}));
//   ...
//   checks_[static_cast<size_t>(Outcome::kExpired)]->Increment();
//
// prometheus-cpp reports misuse by throwing; these adapters convert every throw into a Status
// (STYLE.md rule 2), so no exception leaves them.
//
// Thread safety: all functions are thread-safe (prometheus-cpp locks its registry and families).
// Lifetimes: returned pointers stay valid as long as the prometheus::Registry that owns the family.

#include <prometheus/check_names.h>
#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/labels.h>
#include <prometheus/registry.h>

#include <exception>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace tars::metrics {

// One label and every value it may take.
struct LabelDimension {
  std::string name;
  std::vector<std::string> values;
};

// The cartesian product of `dimensions`, the first dimension varying slowest:
// {{"a", {"1", "2"}}, {"b", {"x", "y"}}} → {a=1,b=x} {a=1,b=y} {a=2,b=x} {a=2,b=y}.
// Returns one empty label set for no dimensions and none when any dimension has no values.
std::vector<prometheus::Labels> labelProduct(const std::vector<LabelDimension>& dimensions);

// OK when `help` is safe to expose. prometheus-cpp 1.0.1 writes HELP text unescaped, so a
// backslash or a line break in it would corrupt the whole exposition.
Status checkHelp(std::string_view help);

// Creates the family `name` of type Metric (prometheus::Counter, Gauge or Histogram) in
// `registry`, or returns the existing one when a family of that type and name exists (two
// owners of the same family share its series; the first registration's help text wins).
// Fails with kInvalidArgument when `name` is not a valid metric name, `help` fails checkHelp(), or
// the name is taken by a family of another type.
template <typename Metric>
StatusOr<prometheus::Family<Metric>*> makeFamily(prometheus::Registry& registry,
                                                 const std::string& name, const std::string& help) {
  if (!prometheus::CheckMetricName(name)) {
    return invalidArgument("invalid metric name '" + name + "'");
  }
  TARS_RETURN_IF_ERROR(checkHelp(help));
  try {
    return &prometheus::detail::Builder<Metric>().Name(name).Help(help).Register(registry);
  } catch (const std::exception& e) {
    return invalidArgument("cannot register metric family '" + name + "': " + e.what());
  }
}

// Adds one series per element of `label_sets` to `family`, in order; counters and gauges start at
// 0, histograms empty. `args` go to the metric's constructor (the bucket boundaries of a
// histogram, which must be sorted ascending). Adding an existing label set returns the existing
// series, so the call is idempotent.
// Returns result[i] = the series of label_sets[i].
// Fails with kInvalidArgument on an invalid label name or unsorted buckets.
template <typename Metric, typename... Args>
StatusOr<std::vector<Metric*>> initSeries(prometheus::Family<Metric>& family,
                                          const std::vector<prometheus::Labels>& label_sets,
                                          const Args&... args) {
  try {
    std::vector<Metric*> series;
    series.reserve(label_sets.size());
    for (const prometheus::Labels& labels : label_sets) {
      series.push_back(&family.Add(labels, args...));
    }
    return series;
  } catch (const std::exception& e) {
    return invalidArgument("cannot create series of '" + family.GetName() + "': " + e.what());
  }
}

// initSeries() for a single label: result[i] is the series `label_name`=values[i], so a caller
// keeps the vector and indexes it by an enum whose order matches `values`.
template <typename Metric, typename... Args>
StatusOr<std::vector<Metric*>> initLabelled(prometheus::Family<Metric>& family,
                                            const std::string& label_name,
                                            std::span<const std::string_view> values,
                                            const Args&... args) {
  std::vector<prometheus::Labels> label_sets;
  label_sets.reserve(values.size());
  for (std::string_view value : values) {
    label_sets.push_back({{label_name, std::string(value)}});
  }
  return initSeries(family, label_sets, args...);
}

template <typename Metric, typename... Args>
StatusOr<std::vector<Metric*>> initLabelled(prometheus::Family<Metric>& family,
                                            const std::string& label_name,
                                            std::initializer_list<std::string_view> values,
                                            const Args&... args) {
  return initLabelled(family, label_name,
                      std::span<const std::string_view>(values.begin(), values.size()), args...);
}

}  // namespace tars::metrics
