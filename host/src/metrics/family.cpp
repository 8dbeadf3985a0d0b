#include "metrics/family.hpp"

#include "metrics/text_format.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace aihost::metrics {

Family::Family(std::string name, std::string help,
               std::vector<std::string> labels)
    : name_(std::move(name)),
      help_(std::move(help)),
      labels_(std::move(labels)) {
  if (!valid_metric_name(name_))
    throw std::invalid_argument("invalid metric name '" + name_ + "'");
  for (const auto& label : labels_)
    if (!valid_label_name(label) || label == "le")
      throw std::invalid_argument("invalid label name '" + label + "'");
}

void Family::write_header(std::string& out, const char* type) const {
  out += "# HELP " + name_ + " " + escape_help(help_) + "\n";
  out += "# TYPE " + name_ + " " + type + "\n";
}

void Counter::inc(double by) {
  if (!(by >= 0)) return;
  value_.fetch_add(by, std::memory_order_relaxed);
}

CounterFamily::CounterFamily(std::string name, std::string help,
                             std::vector<std::string> labels, size_t max_series)
    : Family(std::move(name), std::move(help), std::move(labels)),
      series_(labels_.size(), max_series) {}

Counter& CounterFamily::with(const LabelValues& values) {
  return series_.get(values, [] { return std::make_unique<Counter>(); });
}

void CounterFamily::write(std::string& out) const {
  write_header(out, "counter");
  series_.each([&](const LabelValues& values, const Counter& c) {
    out += name_ + format_labels(labels_, values) + " " +
           format_value(c.value()) + "\n";
  });
}

Histogram::Histogram(const std::vector<double>& bounds)
    : bounds_(bounds),
      buckets_(std::make_unique<std::atomic<uint64_t>[]>(bounds.size() + 1)) {}

void Histogram::observe(double value) {
  if (std::isnan(value)) return;
  const auto slot = static_cast<size_t>(
      std::lower_bound(bounds_.begin(), bounds_.end(), value) -
      bounds_.begin());
  buckets_[slot].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(value, std::memory_order_relaxed);
}

std::vector<uint64_t> Histogram::cumulative() const {
  std::vector<uint64_t> out(bounds_.size() + 1);
  uint64_t running = 0;
  for (size_t i = 0; i <= bounds_.size(); ++i) {
    running += buckets_[i].load(std::memory_order_relaxed);
    out[i] = running;
  }
  return out;
}

HistogramFamily::HistogramFamily(std::string name, std::string help,
                                 std::vector<std::string> labels,
                                 std::vector<double> bounds, size_t max_series)
    : Family(std::move(name), std::move(help), std::move(labels)),
      bounds_(std::move(bounds)),
      series_(labels_.size(), max_series) {
  if (bounds_.empty() || !std::is_sorted(bounds_.begin(), bounds_.end()) ||
      std::adjacent_find(bounds_.begin(), bounds_.end()) != bounds_.end() ||
      !std::all_of(bounds_.begin(), bounds_.end(),
                   [](double b) { return std::isfinite(b); }))
    throw std::invalid_argument("histogram '" + name_ +
                                "' needs finite, strictly ascending buckets");
}

Histogram& HistogramFamily::with(const LabelValues& values) {
  return series_.get(values,
                     [this] { return std::make_unique<Histogram>(bounds_); });
}

void HistogramFamily::write(std::string& out) const {
  write_header(out, "histogram");
  series_.each([&](const LabelValues& values, const Histogram& h) {
    const auto counts = h.cumulative();
    for (size_t i = 0; i <= bounds_.size(); ++i)
      out += name_ + "_bucket" +
             format_labels(
                 labels_, values, "le",
                 i < bounds_.size() ? format_value(bounds_[i]) : "+Inf") +
             " " + std::to_string(counts[i]) + "\n";
    out += name_ + "_sum" + format_labels(labels_, values) + " " +
           format_value(h.sum()) + "\n";
    out += name_ + "_count" + format_labels(labels_, values) + " " +
           std::to_string(counts.back()) + "\n";
  });
}

CallbackGauge::CallbackGauge(std::string name, std::string help)
    : Family(std::move(name), std::move(help), {}) {}

void CallbackGauge::set_source(std::function<double()> source) {
  std::lock_guard lock(mu_);
  source_ = std::move(source);
}

void CallbackGauge::write(std::string& out) const {
  std::function<double()> source;
  {
    std::lock_guard lock(mu_);
    source = source_;
  }
  if (!source) return;
  double value = 0;
  try {
    value = source();
  } catch (...) {
    // A failing source must not take the whole scrape down with it.
    return;
  }
  write_header(out, "gauge");
  out += name_ + " " + format_value(value) + "\n";
}

}  // namespace aihost::metrics
