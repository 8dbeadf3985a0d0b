// Master keys for the tests: fixed bytes, so failures are reproducible.
#pragma once

#include "security/base64.hpp"

#include <string>

namespace aihost::testing {

inline std::string master_entry(const std::string& id, char fill) {
  return id + ":" + security::base64_encode(std::string(32, fill));
}

}  // namespace aihost::testing
