#include "latency_stats.hpp"

#include <algorithm>
#include <cmath>

namespace aihost::bench {
namespace {

double rank(const std::vector<int64_t>& sorted, double q) {
  size_t n = sorted.size();
  size_t i = static_cast<size_t>(std::ceil(q * static_cast<double>(n)));
  i = std::clamp<size_t>(i, 1, n) - 1;
  return static_cast<double>(sorted[i]) / 1e6;
}

}  // namespace

Summary summarize(std::vector<int64_t>& samples_ns) {
  Summary s;
  s.count = samples_ns.size();
  if (samples_ns.empty()) return s;
  std::sort(samples_ns.begin(), samples_ns.end());
  double total = 0;
  for (int64_t v : samples_ns) total += static_cast<double>(v);
  s.mean_ms = total / static_cast<double>(s.count) / 1e6;
  s.p50_ms = rank(samples_ns, 0.50);
  s.p90_ms = rank(samples_ns, 0.90);
  s.p99_ms = rank(samples_ns, 0.99);
  s.max_ms = static_cast<double>(samples_ns.back()) / 1e6;
  return s;
}

}  // namespace aihost::bench
