// Metric families: counters and histograms with a fixed set of label names,
// and gauges read through a callback at scrape time.
#pragma once

#include "metrics/series_map.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace aihost::metrics {

inline constexpr size_t kDefaultMaxSeries = 2000;

class Family {
 public:
  Family(std::string name, std::string help, std::vector<std::string> labels);
  virtual ~Family() = default;
  Family(const Family&) = delete;
  Family& operator=(const Family&) = delete;

  const std::string& name() const { return name_; }
  // Appends the family's HELP, TYPE and sample lines.
  virtual void write(std::string& out) const = 0;

 protected:
  void write_header(std::string& out, const char* type) const;

  const std::string name_;
  const std::string help_;
  const std::vector<std::string> labels_;
};

class Counter {
 public:
  // Counters only go up: negative and NaN increments are dropped.
  void inc(double by = 1);
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

class CounterFamily : public Family {
 public:
  CounterFamily(std::string name, std::string help,
                std::vector<std::string> labels,
                size_t max_series = kDefaultMaxSeries);
  Counter& with(const LabelValues& values);
  void write(std::string& out) const override;

 private:
  SeriesMap<Counter> series_;
};

class Histogram {
 public:
  explicit Histogram(const std::vector<double>& bounds);
  void observe(double value);
  // Cumulative counts per bound, the last one being +Inf (== count).
  std::vector<uint64_t> cumulative() const;
  double sum() const { return sum_.load(std::memory_order_relaxed); }

 private:
  const std::vector<double>& bounds_;
  std::unique_ptr<std::atomic<uint64_t>[]> buckets_;  // bounds + 1 (+Inf)
  std::atomic<double> sum_{0};
};

class HistogramFamily : public Family {
 public:
  // `bounds` ascending and finite; +Inf is implied.
  HistogramFamily(std::string name, std::string help,
                  std::vector<std::string> labels, std::vector<double> bounds,
                  size_t max_series = kDefaultMaxSeries);
  Histogram& with(const LabelValues& values);
  void write(std::string& out) const override;

 private:
  const std::vector<double> bounds_;
  SeriesMap<Histogram> series_;
};

// A gauge whose value is read when scraped (queue depth, jobs in flight):
// the source is set later by whoever owns the number; without one the
// gauge is not exposed.
class CallbackGauge : public Family {
 public:
  CallbackGauge(std::string name, std::string help);
  void set_source(std::function<double()> source);
  void write(std::string& out) const override;

 private:
  mutable std::mutex mu_;
  std::function<double()> source_;
};

}  // namespace aihost::metrics
