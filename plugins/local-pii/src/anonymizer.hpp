// Replaces findings in the original text with the requested operator and
// records where each one landed in the output.
#pragma once

#include "finding.hpp"

#include <aihost/pii_params.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aihost::local_pii {

// The pii.redact operator as the SDK parses it; a hash without a salt uses
// none (redaction.cpp draws one per call).
using Operator = sdk::PiiOperator;

struct Placed {
  Finding finding;
  size_t out_start = 0;
  size_t out_end = 0;
};

struct Anonymized {
  std::string text;
  std::vector<Placed> entities;
};

// `findings` must be sorted and non-overlapping, as analyze() returns them.
Anonymized anonymize(std::string_view text,
                     const std::vector<Finding>& findings, const Operator& op);

// Lower-case hex digest of `data` (sha256 or sha512).
std::string hex_digest(std::string_view hash_type, std::string_view data);

// `n` random bytes from the system's CSPRNG, hex encoded.
std::string random_salt(size_t n);

}  // namespace aihost::local_pii
