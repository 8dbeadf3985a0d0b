// Percentiles over recorded samples (nanoseconds), nearest-rank, so a p99
// is always a latency some request really had.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace aihost::bench {

struct Summary {
  size_t count = 0;
  double mean_ms = 0, p50_ms = 0, p90_ms = 0, p99_ms = 0, max_ms = 0;
};

// Sorts `samples_ns` in place.
Summary summarize(std::vector<int64_t>& samples_ns);

}  // namespace aihost::bench
