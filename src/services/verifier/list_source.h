#pragma once
// The registered lists as /verify sees them (spec/cap.md §7.5): a list root names the set of entry
// hashes of the list registered under it (either kind). The caller provides the lookup (the store,
// usually fronted by memory); InMemoryListSource serves tests and the CLI.
//
// Thread safety: implementations must allow concurrent find() calls; InMemoryListSource is
// immutable after construction.

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/status.h"

namespace tars::verifier {

using HashSet = std::unordered_set<std::string>;
using HashSetConstSharedPtr = std::shared_ptr<const HashSet>;

class ListSource {
 public:
  virtual ~ListSource() = default;
  // The entry hashes of the list registered under `root`; nullptr when none is. A backend error
  // is a non-OK Status (the caller fails the request rather than skipping the rule).
  virtual StatusOr<HashSetConstSharedPtr> find(std::string_view root) const = 0;
};

class InMemoryListSource final : public ListSource {
 public:
  // Registers the list with `entry_hashes` under `root` (replacing any earlier one).
  void add(std::string root, const std::vector<std::string>& entry_hashes) {
    lists_[std::move(root)] =
        std::make_shared<const HashSet>(entry_hashes.begin(), entry_hashes.end());
  }

  // ListSource::
  StatusOr<HashSetConstSharedPtr> find(std::string_view root) const override {
    auto it = lists_.find(std::string(root));
    return it == lists_.end() ? HashSetConstSharedPtr() : it->second;
  }

 private:
  std::unordered_map<std::string, HashSetConstSharedPtr> lists_;
};

}  // namespace tars::verifier
