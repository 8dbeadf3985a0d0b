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

std::vector<Finding> resolve_overlaps(std::vector<Finding> all) {
  std::sort(all.begin(), all.end(), better);
  std::vector<Finding> kept;
  std::map<size_t, size_t> taken;  // start -> end of kept spans
  for (const auto& f : all) {
    auto next = taken.lower_bound(f.start);
    if (next != taken.end() && next->first < f.end) continue;
    if (next != taken.begin() && std::prev(next)->second > f.start) continue;
    taken.emplace(f.start, f.end);
    kept.push_back(f);
  }
  std::sort(kept.begin(), kept.end(), [](const Finding& a, const Finding& b) {
    return a.start < b.start;
  });
  return kept;
}

}  // namespace

std::vector<Finding> analyze(std::string_view text,
                             const AnalyzeOptions& options) {
  Normalised n(text);
  std::vector<Finding> found;
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
