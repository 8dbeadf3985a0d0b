#include "cli/args.hpp"

#include <algorithm>
#include <charconv>

namespace aihost::cli {

Args::Args(int argc, char** argv, int first,
           const std::vector<FlagSpec>& flags) {
  bool flags_done = false;
  for (int i = first; i < argc; ++i) {
    std::string arg = argv[i];
    if (flags_done || arg.size() < 2 || arg.rfind("-", 0) != 0) {
      positional_.push_back(arg);
      continue;
    }
    if (arg == "--") {
      flags_done = true;
      continue;
    }
    if (arg.rfind("--", 0) != 0)
      throw UsageError("unknown option '" + arg + "'");
    std::string name = arg.substr(2);
    std::optional<std::string> inline_value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name.resize(eq);
    }
    auto spec = std::find_if(flags.begin(), flags.end(),
                             [&](const FlagSpec& f) { return f.name == name; });
    if (spec == flags.end())
      throw UsageError("unknown option '--" + name + "'");
    if (values_.count(name))
      throw UsageError("option '--" + name + "' given twice");
    if (!spec->takes_value) {
      if (inline_value)
        throw UsageError("option '--" + name + "' takes no value");
      values_[name] = "";
      continue;
    }
    if (inline_value) {
      values_[name] = *inline_value;
    } else {
      if (i + 1 >= argc)
        throw UsageError("option '--" + name + "' needs a value");
      values_[name] = argv[++i];
    }
  }
}

std::optional<std::string> Args::value(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::optional<long long> Args::integer(const std::string& name, long long min,
                                       long long max) const {
  auto text = value(name);
  if (!text) return std::nullopt;
  long long n = 0;
  auto [end, ec] =
      std::from_chars(text->data(), text->data() + text->size(), n);
  if (ec != std::errc() || end != text->data() + text->size() || n < min ||
      n > max)
    throw UsageError("option '--" + name + "' must be an integer from " +
                     std::to_string(min) + " to " + std::to_string(max));
  return n;
}

}  // namespace aihost::cli
