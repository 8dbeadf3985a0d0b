// The cascade's answers, remembered for as long as what they were computed
// from is still current. A resolution is a pure function of the tenant's
// snapshot, the registry snapshot, the (constant) service settings and the
// request; both snapshots are immutable and replaced, never edited, so an
// answer is reused only while the resolver is handed the very same two
// objects. Each remembered answer holds both, so neither address can be
// reused by a newer snapshot while it is compared against.
//
// What this saves per call: decrypting the tenant's key, parsing its
// config_json, merging and hashing the instance configuration.
//
// Failures are not remembered: a refusal is computed again each time. The
// memo holds decrypted keys only for snapshots the store still serves.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "routing/resolved_provider.hpp"
#include "routing/tenant_config_store.hpp"

namespace aihost::routing {

class ResolutionMemo {
 public:
  // More keys than this (tenants x capabilities x overrides) and the memo
  // starts over rather than grow without bound.
  static constexpr size_t kMaxEntries = 4096;

  std::optional<ResolvedProvider> find(const std::string& key,
                                       const TenantSnapshot* tenant,
                                       const plugins::Registry* registry) const;
  // Also forgets every answer that can no longer be found: all of them
  // when the registry snapshot changed, and those whose tenant snapshot the
  // store has let go of.
  void remember(const std::string& key,
                std::shared_ptr<const TenantSnapshot> tenant,
                const ResolvedProvider& resolved);
  size_t size() const;

 private:
  struct Entry {
    std::shared_ptr<const TenantSnapshot> tenant;
    ResolvedProvider resolved;  // holds the registry snapshot
  };
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace aihost::routing
