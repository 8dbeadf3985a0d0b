// Checksums and numbering-plan rules that separate real identifiers from
// look-alike digit strings. Inputs are plain digit (or IBAN alnum) strings.
#pragma once

#include <string_view>

namespace aihost::local_pii {

bool luhn_valid(std::string_view digits);
// Issuer ranges of cards in circulation (Visa, Mastercard incl. 2-series,
// Amex, Discover, Diners, JCB, UnionPay, Maestro, Mir, RuPay, Verve, Troy)
// with the lengths each issues.
bool card_iin_valid(std::string_view digits);
// Area 001-899 except 666, group 01-99, serial 0001-9999.
bool ssn_valid(std::string_view digits);
// Ten digits: NXX area code that is not N11, NXX exchange that is not N11.
bool nanp_valid(std::string_view ten_digits);
// E.164 digits without '+': a known country code and a plausible length.
bool e164_valid(std::string_view digits);
// Country code, per-country length and ISO 7064 mod-97; case-insensitive.
bool iban_valid(std::string_view compact);
// The registered IBAN length for a two-letter country code, or 0.
int iban_length(char c1, char c2);
bool ipv4_valid(std::string_view s);
bool ipv6_valid(std::string_view s);

}  // namespace aihost::local_pii
