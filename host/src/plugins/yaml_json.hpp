// YAML to JSON for the free-form parts of the registry (`config`).
#pragma once

#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>

namespace aihost::plugins {

// Plain scalars become null, booleans, integers or numbers when they read as
// such (YAML 1.2 core schema); quoted scalars always stay strings.
nlohmann::json yaml_to_json(const YAML::Node& node);

}  // namespace aihost::plugins
