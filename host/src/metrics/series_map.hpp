// The series of one metric family, keyed by label values. Lookups take a
// shared lock and series never move once made, so the hot path is a shared
// lock, a map probe and an atomic add; only a new label set takes the
// exclusive lock. Past `max_series` label sets, further ones are folded
// into one series labelled "overflow", so a client inventing model names
// cannot grow the process without bound.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <stdexcept>
#include <string>
#include <vector>

namespace aihost::metrics {

using LabelValues = std::vector<std::string>;

template <typename Series>
class SeriesMap {
 public:
  SeriesMap(size_t label_count, size_t max_series)
      : label_count_(label_count), max_series_(max_series) {}

  template <typename Make>
  Series& get(const LabelValues& values, Make make) {
    if (values.size() != label_count_)
      throw std::invalid_argument("metric label count mismatch");
    {
      std::shared_lock lock(mu_);
      auto it = series_.find(values);
      if (it != series_.end()) return *it->second;
    }
    std::unique_lock lock(mu_);
    auto it = series_.find(values);
    if (it != series_.end()) return *it->second;
    if (series_.size() >= max_series_) {
      LabelValues overflow(label_count_, "overflow");
      auto& slot = series_[overflow];
      if (!slot) slot = make();
      return *slot;
    }
    auto& slot = series_[values];
    slot = make();
    return *slot;
  }

  // Calls fn(values, series) for each series in label order.
  template <typename Fn>
  void each(Fn fn) const {
    std::shared_lock lock(mu_);
    for (const auto& [values, series] : series_) fn(values, *series);
  }

 private:
  const size_t label_count_;
  const size_t max_series_;
  mutable std::shared_mutex mu_;
  std::map<LabelValues, std::unique_ptr<Series>> series_;
};

}  // namespace aihost::metrics
