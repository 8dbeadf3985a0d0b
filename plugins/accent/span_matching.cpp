#include "span_matching.hpp"

#include <aihost/plugin.hpp>

#include <algorithm>
#include <optional>

namespace aihost::accent {
namespace {

[[noreturn]] void unplaceable(const Item& item, const std::string& why) {
  throw sdk::Error(AIHOST_UPSTREAM_PROTOCOL,
                   "presidio anonymizer item " + item.entity_type + " [" +
                       std::to_string(item.start) + "," +
                       std::to_string(item.end) +
                       ") cannot be placed in the input text: " + why);
}

// End of the group of same-type findings that starts at `start`, grown by
// every same-type finding overlapping it, as Presidio merges them.
std::optional<size_t> merged_end(const std::vector<Finding>& findings,
                                 const std::string& type, size_t start) {
  std::optional<size_t> end;
  for (const auto& f : findings)
    if (f.entity_type == type && f.start == start)
      end = std::max(end.value_or(0), f.end);
  if (!end) return end;
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& f : findings)
      if (f.entity_type == type && f.start >= start && f.start < *end &&
          f.end > *end) {
        end = f.end;
        grew = true;
      }
  }
  return end;
}

const Finding* strongest(const std::vector<Finding>& findings,
                         const std::string& type, size_t start, size_t end,
                         bool same_type) {
  const Finding* best = nullptr;
  for (const auto& f : findings) {
    if (same_type && f.entity_type != type) continue;
    if (f.start < start || f.end > end) continue;
    if (!best || f.score > best->score) best = &f;
  }
  return best;
}

}  // namespace

std::vector<sdk::Entity> match_spans(const CodePointIndex& in,
                                     const std::vector<Finding>& findings,
                                     const CodePointIndex& out,
                                     const std::vector<Item>& items) {
  std::vector<sdk::Entity> entities;
  if (items.empty()) return entities;
  if (items.front().start > in.size() ||
      in.slice(0, items.front().start) != out.slice(0, items.front().start))
    unplaceable(items.front(), "the text before it differs");

  long long shift = 0;  // output minus input length so far, in code points
  size_t previous_end = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    const Item& item = items[i];
    long long s = static_cast<long long>(item.start) - shift;
    if (s < static_cast<long long>(previous_end) ||
        s > static_cast<long long>(in.size()))
      unplaceable(item, "its start falls outside the input");
    size_t start = static_cast<size_t>(s);
    bool last = i + 1 == items.size();
    size_t gap_end = last ? out.size() : items[i + 1].start;
    size_t gap = gap_end - item.end;
    std::string_view gap_text = out.slice(item.end, gap_end);

    auto fits = [&](size_t end) {
      if (end < start || end + gap > in.size()) return false;
      if (last && end + gap != in.size()) return false;
      return in.slice(end, end + gap) == gap_text;
    };

    std::vector<size_t> candidates;
    if (item.op == "mask" || item.op == "keep")
      candidates.push_back(start + (item.end - item.start));
    if (auto m = merged_end(findings, item.entity_type, start))
      candidates.push_back(*m);
    for (const auto& f : findings)
      if (f.start == start) candidates.push_back(f.end);

    std::optional<size_t> end;
    for (size_t c : candidates)
      if (fits(c)) {
        end = c;
        break;
      }
    for (size_t c = start + 1; !end && c + gap <= in.size(); ++c)
      if (fits(c)) end = c;
    if (!end) unplaceable(item, "no input span leaves the rest unchanged");

    sdk::Entity e;
    e.entity_type = item.entity_type;
    e.start = in.byte_offset(start);
    e.end = in.byte_offset(*end);
    e.out_start = out.byte_offset(item.start);
    e.out_end = out.byte_offset(item.end);
    e.op = item.op;
    const Finding* f = strongest(findings, item.entity_type, start, *end, true);
    if (!f) f = strongest(findings, item.entity_type, start, *end, false);
    e.score = f ? f->score : 0;
    e.recognizer = f ? f->recognizer : "presidio";
    entities.push_back(std::move(e));

    shift += static_cast<long long>(item.end - item.start) -
             static_cast<long long>(*end - start);
    previous_end = *end;
  }
  return entities;
}

}  // namespace aihost::accent
