// A set of metric families exposed together, in the order they were made.
#pragma once

#include "metrics/family.hpp"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace aihost::metrics {

class Registry {
 public:
  // Names must be unique (std::invalid_argument otherwise). The returned
  // family lives as long as the registry.
  CounterFamily& counter(std::string name, std::string help,
                         std::vector<std::string> labels);
  HistogramFamily& histogram(std::string name, std::string help,
                             std::vector<std::string> labels,
                             std::vector<double> bounds);
  CallbackGauge& gauge(std::string name, std::string help);

  // The text exposition format 0.0.4 of every family.
  std::string expose() const;

 private:
  template <typename F>
  F& keep(std::unique_ptr<F> family);

  std::vector<std::unique_ptr<Family>> families_;
};

}  // namespace aihost::metrics
