// A strict reader of the Prometheus text format 0.0.4, written from the
// format's description, to check what /metrics serves: every line must be
// a HELP, a TYPE or a sample of the family last typed; label values are
// unescaped; anything else throws std::runtime_error naming the line.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace aihost::testing {

struct Sample {
  std::string name;  // with _bucket/_sum/_count for histograms
  std::map<std::string, std::string> labels;
  double value = 0;
};

struct Exposition {
  std::map<std::string, std::string> types;  // family -> counter|histogram|...
  std::map<std::string, std::string> help;
  std::vector<Sample> samples;

  // The value of the one sample with this name and exactly these labels;
  // 0 when there is none.
  double value(const std::string& name,
               const std::map<std::string, std::string>& labels = {}) const;
  // How many samples of this name carry (at least) these labels.
  size_t count(const std::string& name,
               const std::map<std::string, std::string>& labels = {}) const;
};

Exposition parse_exposition(const std::string& text);

}  // namespace aihost::testing
