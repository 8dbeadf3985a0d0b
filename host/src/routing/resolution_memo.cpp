#include "routing/resolution_memo.hpp"

namespace aihost::routing {

std::optional<ResolvedProvider> ResolutionMemo::find(
    const std::string& key, const TenantSnapshot* tenant,
    const plugins::Registry* registry) const {
  std::lock_guard lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.tenant.get() != tenant ||
      it->second.resolved.registry.get() != registry)
    return std::nullopt;
  return it->second.resolved;
}

void ResolutionMemo::remember(const std::string& key,
                              std::shared_ptr<const TenantSnapshot> tenant,
                              const ResolvedProvider& resolved) {
  std::lock_guard lock(mu_);
  if (entries_.size() >= kMaxEntries && !entries_.count(key)) entries_.clear();
  entries_.insert_or_assign(key, Entry{std::move(tenant), resolved});
}

}  // namespace aihost::routing
