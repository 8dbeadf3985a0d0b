// pii.redact over Presidio: /analyze, then /anonymize for each text that
// has findings, then the offsets converted back to UTF-8 bytes.
#pragma once

#include "config.hpp"
#include "redact_params.hpp"

#include <aihost/plugin.hpp>
#include <aihost/results.hpp>

namespace aihost::accent {

class Redactor {
 public:
  explicit Redactor(Config config) : config_(std::move(config)) {}

  sdk::Redaction redact(const aihost_call* call,
                        const sdk::Request& request) const;

 private:
  struct Calls;
  Config config_;
};

}  // namespace aihost::accent
