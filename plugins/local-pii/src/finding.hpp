// One detected entity: where it is, what it is, how sure we are and which
// recogniser said so. Offsets are bytes, end exclusive; whether they index the
// normalised or the original text is stated by whoever holds the Finding.
#pragma once

#include <cstddef>
#include <string_view>

namespace aihost::local_pii {

struct Finding {
  std::string_view entity_type;  // points at a string literal
  size_t start = 0;
  size_t end = 0;
  double score = 0;
  std::string_view recognizer;  // points at a string literal
  bool spoken = false;          // found in text the normaliser rewrote
};

// Entity type names, shared by recognisers, context rules and tests.
namespace entity {
inline constexpr std::string_view kCreditCard = "CREDIT_CARD";
inline constexpr std::string_view kSsn = "US_SSN";
inline constexpr std::string_view kPhone = "PHONE_NUMBER";
inline constexpr std::string_view kEmail = "EMAIL_ADDRESS";
inline constexpr std::string_view kIp = "IP_ADDRESS";
inline constexpr std::string_view kIban = "IBAN_CODE";
inline constexpr std::string_view kBank = "US_BANK_NUMBER";
inline constexpr std::string_view kDriverLicense = "US_DRIVER_LICENSE";
inline constexpr std::string_view kUrl = "URL";
inline constexpr std::string_view kDate = "DATE_TIME";
inline constexpr std::string_view kPerson = "PERSON";
}  // namespace entity

// Findings under this score are noise: recognisers emit weak candidates and
// let context decide, and whatever context leaves below it is dropped.
inline constexpr double kMinScore = 0.3;

}  // namespace aihost::local_pii
