#include "metrics/registry.hpp"

#include <stdexcept>

namespace aihost::metrics {

template <typename F>
F& Registry::keep(std::unique_ptr<F> family) {
  for (const auto& f : families_)
    if (f->name() == family->name())
      throw std::invalid_argument("metric '" + family->name() +
                                  "' is registered twice");
  F& ref = *family;
  families_.push_back(std::move(family));
  return ref;
}

CounterFamily& Registry::counter(std::string name, std::string help,
                                 std::vector<std::string> labels) {
  return keep(std::make_unique<CounterFamily>(std::move(name), std::move(help),
                                              std::move(labels)));
}

HistogramFamily& Registry::histogram(std::string name, std::string help,
                                     std::vector<std::string> labels,
                                     std::vector<double> bounds) {
  return keep(std::make_unique<HistogramFamily>(
      std::move(name), std::move(help), std::move(labels), std::move(bounds)));
}

CallbackGauge& Registry::gauge(std::string name, std::string help) {
  return keep(
      std::make_unique<CallbackGauge>(std::move(name), std::move(help)));
}

std::string Registry::expose() const {
  std::string out;
  for (const auto& f : families_) f->write(out);
  return out;
}

}  // namespace aihost::metrics
