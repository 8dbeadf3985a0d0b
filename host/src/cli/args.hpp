// A small command-line parser: long flags (--name value, --name=value),
// switches and positional arguments; anything unknown is a usage error.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace aihost::cli {

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct FlagSpec {
  std::string name;  // without the leading "--"
  bool takes_value = true;
};

class Args {
 public:
  // Parses argv[first..argc). "--" ends the flags; a lone "-" is positional.
  Args(int argc, char** argv, int first, const std::vector<FlagSpec>& flags);

  bool has(const std::string& name) const { return values_.count(name) > 0; }
  std::optional<std::string> value(const std::string& name) const;
  const std::vector<std::string>& positional() const { return positional_; }

  // A positive integer flag, or nullopt when absent.
  std::optional<long long> integer(const std::string& name, long long min,
                                   long long max) const;

 private:
  std::map<std::string, std::string> values_;
  std::vector<std::string> positional_;
};

}  // namespace aihost::cli
