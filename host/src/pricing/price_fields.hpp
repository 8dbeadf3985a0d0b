// Builds a Price from the fields of one entry, whatever file format they came
// from, refusing unknown fields, negative or missing prices and entries that
// mix unit families.
#pragma once

#include "pricing/price.hpp"

#include <map>
#include <string>

namespace aihost::pricing {

struct EntryFields {
  std::map<std::string, double> numbers;
  std::map<std::string, std::string> texts;  // match, source, note
  std::map<std::string, bool> flags;         // per_channel
};

// `where` prefixes every error ("prices.yaml:12: openai/gpt-4o").
Price make_price(const std::string& provider, const std::string& model,
                 const EntryFields& fields, const std::string& where);

bool is_number_field(const std::string& name);
bool is_text_field(const std::string& name);
bool is_flag_field(const std::string& name);

}  // namespace aihost::pricing
