// The recognisers. Each scans the normalised text and appends findings whose
// offsets index Normalised::text(); the analyzer maps them back.
#pragma once

#include "finding.hpp"
#include "normaliser.hpp"

#include <vector>

namespace aihost::local_pii {

// Digit runs with their separators: CREDIT_CARD, US_SSN, PHONE_NUMBER,
// US_BANK_NUMBER.
void find_digit_entities(const Normalised& n, std::vector<Finding>& out);
// Whitespace-delimited tokens: EMAIL_ADDRESS, URL, IP_ADDRESS.
void find_address_entities(const Normalised& n, std::vector<Finding>& out);
void find_ibans(const Normalised& n, std::vector<Finding>& out);
void find_dates(const Normalised& n, std::vector<Finding>& out);
void find_persons(const Normalised& n, std::vector<Finding>& out);
void find_driver_licenses(const Normalised& n, std::vector<Finding>& out);

}  // namespace aihost::local_pii
