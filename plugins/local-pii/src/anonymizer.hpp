// Replaces findings in the original text with the requested operator and
// records where each one landed in the output.
#pragma once

#include "finding.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aihost::local_pii {

struct Operator {
  std::string method = "replace";  // replace, mask, redact, hash
  std::optional<std::string> new_value;
  std::string masking_char = "*";
  std::optional<int64_t> chars_to_mask;  // absent: every character
  bool from_end = false;
  std::string hash_type = "sha256";  // sha256, sha512
  std::string hash_salt;             // appended to the text before hashing
};

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
