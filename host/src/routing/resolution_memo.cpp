#include "routing/resolution_memo.hpp"

#include <unordered_set>

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
  // A new registry snapshot replaces the old one for every key: let go of
  // the old one (and the plugin libraries it keeps loaded) at once.
  if (!entries_.empty() &&
      entries_.begin()->second.resolved.registry != resolved.registry)
    entries_.clear();
  // A tenant snapshot that only the memo still holds was replaced in the
  // store (refreshed, invalidated): its entries can never be found again,
  // and dropping them also drops the decrypted keys they carry.
  std::unordered_map<const TenantSnapshot*, long> held;
  for (const auto& [k, entry] : entries_) ++held[entry.tenant.get()];
  std::unordered_set<const TenantSnapshot*> unreachable;
  for (const auto& [k, entry] : entries_)
    if (entry.tenant.use_count() == held[entry.tenant.get()])
      unreachable.insert(entry.tenant.get());
  std::erase_if(entries_, [&](const auto& item) {
    return unreachable.count(item.second.tenant.get()) > 0;
  });
  if (entries_.size() >= kMaxEntries && !entries_.count(key)) entries_.clear();
  entries_.insert_or_assign(key, Entry{std::move(tenant), resolved});
}

size_t ResolutionMemo::size() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

}  // namespace aihost::routing
