#include "analyzer.hpp"

#include "normaliser.hpp"
#include "recognizers.hpp"

#include <algorithm>
#include <iterator>
#include <map>

namespace aihost::local_pii {

const std::vector<std::string_view>& supported_entities() {
  using namespace entity;
  static const std::vector<std::string_view> all = {
      kCreditCard, kSsn,           kPhone, kEmail, kIp,    kIban,
      kBank,       kDriverLicense, kUrl,   kDate,  kPerson};
  return all;
}

namespace {

bool wanted(const AnalyzeOptions& o, std::string_view type) {
  if (!o.entities) return true;
  for (const auto& e : *o.entities)
    if (e == type) return true;
  return false;
}

// Higher score wins; on a tie the longer span, then the earlier one.
bool better(const Finding& a, const Finding& b) {
  if (a.score != b.score) return a.score > b.score;
  if (a.end - a.start != b.end - b.start)
    return a.end - a.start > b.end - b.start;
  return a.start < b.start;
}

// Greedy by `better` within each cluster of transitively overlapping
// findings; clusters do not interact, and most hold a single finding, so
// the ordered map is only built for the few that need it.
std::vector<Finding> resolve_overlaps(std::vector<Finding> all) {
  std::sort(all.begin(), all.end(), [](const Finding& a, const Finding& b) {
    return a.start < b.start;
  });
  std::vector<Finding> kept;
  kept.reserve(all.size());
  std::vector<Finding> cluster;
  std::map<size_t, size_t> taken;  // start -> end of kept spans
  size_t i = 0;
  while (i < all.size()) {
    size_t j = i + 1, reach = all[i].end;
    while (j < all.size() && all[j].start < reach) {
      reach = std::max(reach, all[j].end);
      ++j;
    }
    if (j == i + 1) {
      kept.push_back(all[i]);
    } else {
      cluster.assign(all.begin() + static_cast<std::ptrdiff_t>(i),
                     all.begin() + static_cast<std::ptrdiff_t>(j));
      std::sort(cluster.begin(), cluster.end(), better);
      taken.clear();
      size_t first = kept.size();
      for (const auto& f : cluster) {
        auto next = taken.lower_bound(f.start);
        if (next != taken.end() && next->first < f.end) continue;
        if (next != taken.begin() && std::prev(next)->second > f.start)
          continue;
        taken.emplace(f.start, f.end);
        kept.push_back(f);
      }
      std::sort(
          kept.begin() + static_cast<std::ptrdiff_t>(first), kept.end(),
          [](const Finding& a, const Finding& b) { return a.start < b.start; });
    }
    i = j;
  }
  return kept;
}

}  // namespace

std::vector<Finding> analyze(std::string_view text,
                             const AnalyzeOptions& options) {
  Normalised n(text);
  std::vector<Finding> found;
  // Room for one finding per 32 bytes (entity-dense text has one per 37)
  // saves the regrowths; capped so that a large input reserves little.
  found.reserve(std::min<size_t>(text.size() / 32, 4096));
  find_digit_entities(n, found);
  find_address_entities(n, found);
  find_ibans(n, found);
  find_dates(n, found);
  find_persons(n, found);
  find_driver_licenses(n, found);

  std::vector<Finding> mapped;
  mapped.reserve(found.size());
  for (auto f : found) {
    if (!wanted(options, f.entity_type)) continue;
    if (f.score < options.score_threshold || f.score < kMinScore) continue;
    if (f.end <= f.start) continue;
    auto [os, oe] = n.to_original(f.start, f.end);
    if (oe <= os) continue;
    if (!n.identity())
      f.spoken =
          text.substr(os, oe - os) != n.text().substr(f.start, f.end - f.start);
    f.start = os;
    f.end = oe;
    mapped.push_back(f);
  }
  return resolve_overlaps(std::move(mapped));
}

}  // namespace aihost::local_pii
