#include "plugins/yaml_json.hpp"

#include <charconv>
#include <cstdlib>
#include <string>

namespace aihost::plugins {
namespace {

nlohmann::json plain_scalar(const std::string& s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL")
    return nullptr;
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  long long i = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), i);
  if (ec == std::errc() && end == s.data() + s.size()) return i;
  char* stop = nullptr;
  double d = std::strtod(s.c_str(), &stop);
  bool numeric = s.find_first_not_of("0123456789+-.eE") == std::string::npos;
  if (numeric && stop == s.c_str() + s.size()) return d;
  return s;
}

}  // namespace

nlohmann::json yaml_to_json(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      return nullptr;
    case YAML::NodeType::Scalar:
      // yaml-cpp tags quoted scalars "!" and plain ones "?".
      if (node.Tag() == "!") return node.Scalar();
      return plain_scalar(node.Scalar());
    case YAML::NodeType::Sequence: {
      auto out = nlohmann::json::array();
      for (const auto& item : node) out.push_back(yaml_to_json(item));
      return out;
    }
    case YAML::NodeType::Map: {
      auto out = nlohmann::json::object();
      for (const auto& kv : node)
        out[kv.first.Scalar()] = yaml_to_json(kv.second);
      return out;
    }
  }
  return nullptr;
}

}  // namespace aihost::plugins
