#include "validators.hpp"

#include <cctype>
#include <cstdint>
#include <cstring>

namespace aihost::local_pii {
namespace {

bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

int prefix(std::string_view d, size_t n) {
  int v = 0;
  for (size_t i = 0; i < n && i < d.size(); ++i) v = v * 10 + (d[i] - '0');
  return v;
}

bool in(int v, int lo, int hi) { return v >= lo && v <= hi; }

char upper(char c) { return c >= 'a' && c <= 'z' ? c - 32 : c; }

}  // namespace

bool luhn_valid(std::string_view d) {
  if (!all_digits(d) || d.size() < 2) return false;
  int sum = 0;
  bool dbl = false;
  for (size_t i = d.size(); i-- > 0;) {
    int v = d[i] - '0';
    if (dbl) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
    dbl = !dbl;
  }
  return sum % 10 == 0;
}

bool card_iin_valid(std::string_view d) {
  if (!all_digits(d)) return false;
  const size_t n = d.size();
  if (n < 12 || n > 19) return false;
  const int p1 = prefix(d, 1), p2 = prefix(d, 2), p3 = prefix(d, 3),
            p4 = prefix(d, 4), p6 = prefix(d, 6);
  // Visa: 4, 13/16/19 digits.
  if (p1 == 4) return n == 13 || n == 16 || n == 19;
  // Mastercard: 51-55 and 2221-2720, 16 digits.
  if ((in(p2, 51, 55) || in(p4, 2221, 2720)) && n == 16) return true;
  // Mir: 2200-2204, 16-19.
  if (in(p4, 2200, 2204) && n >= 16) return true;
  // American Express: 34, 37, 15 digits.
  if ((p2 == 34 || p2 == 37) && n == 15) return true;
  // Discover: 6011, 644-649, 65, 622126-622925; 16-19.
  if ((p4 == 6011 || in(p3, 644, 649) || p2 == 65 || in(p6, 622126, 622925)) &&
      n >= 16)
    return true;
  // UnionPay: 62, 16-19.
  if (p2 == 62 && n >= 16) return true;
  // Diners Club: 300-305, 309, 36, 38, 39; 14-19.
  if ((in(p3, 300, 305) || p3 == 309 || p2 == 36 || p2 == 38 || p2 == 39) &&
      n >= 14)
    return true;
  // JCB: 3528-3589, 16-19; the older 15-digit 1800 and 2131 ranges.
  if (in(p4, 3528, 3589) && n >= 16) return true;
  if ((p4 == 1800 || p4 == 2131) && n == 15) return true;
  // RuPay: 60, 65, 81, 82, 508; Verve: 506099-506198, 650002-650027.
  if ((p2 == 60 || p2 == 81 || p2 == 82 || p3 == 508 ||
       in(p6, 506099, 506198)) &&
      n >= 16)
    return true;
  // Troy: 9792, 16.
  if (p4 == 9792 && n == 16) return true;
  // Maestro: 50, 56-69, 12-19.
  if ((p2 == 50 || in(p2, 56, 69)) && n >= 12) return true;
  return false;
}

bool ssn_valid(std::string_view d) {
  if (!all_digits(d) || d.size() != 9) return false;
  int area = prefix(d, 3);
  int group = prefix(d.substr(3), 2);
  int serial = prefix(d.substr(5), 4);
  if (area == 0 || area == 666 || area >= 900) return false;
  if (group == 0 || serial == 0) return false;
  // Repeated digits are placeholders, never issued numbers.
  bool same = true;
  for (char c : d) same = same && c == d[0];
  return !same;
}

bool nanp_valid(std::string_view d) {
  if (!all_digits(d) || d.size() != 10) return false;
  auto nxx_ok = [](std::string_view x) {
    if (x[0] < '2') return false;
    return !(x[1] == '1' && x[2] == '1');  // N11 are service codes
  };
  return nxx_ok(d.substr(0, 3)) && nxx_ok(d.substr(3, 3));
}

bool e164_valid(std::string_view d) {
  if (!all_digits(d) || d.size() < 8 || d.size() > 15 || d[0] == '0')
    return false;
  if (d[0] == '1') return d.size() == 11 && nanp_valid(d.substr(1));
  if (d[0] == '7') return d.size() == 11;
  // ITU zones 2-9: accept the assigned 2-digit codes and any 3-digit code
  // whose zone has them; unassigned 2-digit codes are refused.
  static constexpr int kTwoDigit[] = {
      20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46,
      47, 48, 49, 51, 52, 53, 54, 55, 56, 57, 58, 60, 61, 62, 63,
      64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98};
  int cc2 = prefix(d, 2);
  for (int c : kTwoDigit)
    if (c == cc2) return d.size() >= 10;
  static constexpr int kThreeDigitZones[] = {21, 22, 23, 24, 25, 26, 29, 35,
                                             37, 38, 42, 50, 59, 67, 68, 69,
                                             85, 87, 88, 96, 97, 99};
  for (int z : kThreeDigitZones)
    if (z == cc2) return d.size() >= 9;
  return false;
}

int iban_length(char c1, char c2) {
  struct Len {
    char code[3];
    int len;
  };
  // ISO 13616 registry lengths.
  static constexpr Len kLengths[] = {
      {"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20},
      {"BE", 16}, {"BG", 22}, {"BH", 22}, {"BI", 27}, {"BR", 29}, {"BY", 28},
      {"CH", 21}, {"CR", 22}, {"CY", 28}, {"CZ", 24}, {"DE", 22}, {"DJ", 27},
      {"DK", 18}, {"DO", 28}, {"EE", 20}, {"EG", 29}, {"ES", 24}, {"FI", 18},
      {"FK", 18}, {"FO", 18}, {"FR", 27}, {"GB", 22}, {"GE", 22}, {"GI", 23},
      {"GL", 18}, {"GR", 27}, {"GT", 28}, {"HR", 21}, {"HU", 28}, {"IE", 22},
      {"IL", 23}, {"IQ", 23}, {"IS", 26}, {"IT", 27}, {"JO", 30}, {"KW", 30},
      {"KZ", 20}, {"LB", 28}, {"LC", 32}, {"LI", 21}, {"LT", 20}, {"LU", 20},
      {"LV", 21}, {"LY", 25}, {"MC", 27}, {"MD", 24}, {"ME", 22}, {"MK", 19},
      {"MN", 20}, {"MR", 27}, {"MT", 31}, {"MU", 30}, {"NI", 28}, {"NL", 18},
      {"NO", 15}, {"OM", 23}, {"PK", 24}, {"PL", 28}, {"PS", 29}, {"PT", 25},
      {"QA", 29}, {"RO", 24}, {"RS", 22}, {"RU", 33}, {"SA", 24}, {"SC", 31},
      {"SD", 18}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27}, {"SO", 23},
      {"ST", 25}, {"SV", 28}, {"TL", 23}, {"TN", 24}, {"TR", 26}, {"UA", 29},
      {"VA", 22}, {"VG", 24}, {"XK", 20}};
  // Indexed by the two letters: this runs for every letter pair in front
  // of a digit.
  struct Table {
    uint8_t len[26][26] = {};
    constexpr Table() {
      for (const auto& l : kLengths)
        len[l.code[0] - 'A'][l.code[1] - 'A'] = static_cast<uint8_t>(l.len);
    }
  };
  static constexpr Table kTable;
  c1 = upper(c1);
  c2 = upper(c2);
  if (c1 < 'A' || c1 > 'Z' || c2 < 'A' || c2 > 'Z') return 0;
  return kTable.len[c1 - 'A'][c2 - 'A'];
}

bool iban_valid(std::string_view s) {
  if (s.size() < 15 || s.size() > 34) return false;
  if (iban_length(s[0], s[1]) != static_cast<int>(s.size())) return false;
  if (s[2] < '0' || s[2] > '9' || s[3] < '0' || s[3] > '9') return false;
  // Move the first four characters to the end, letters count 10-35.
  uint32_t rem = 0;
  auto feed = [&](char c) {
    c = upper(c);
    if (c >= '0' && c <= '9') {
      rem = (rem * 10 + static_cast<uint32_t>(c - '0')) % 97;
      return true;
    }
    if (c >= 'A' && c <= 'Z') {
      rem = (rem * 100 + static_cast<uint32_t>(c - 'A' + 10)) % 97;
      return true;
    }
    return false;
  };
  for (size_t i = 4; i < s.size(); ++i)
    if (!feed(s[i])) return false;
  for (size_t i = 0; i < 4; ++i)
    if (!feed(s[i])) return false;
  return rem == 1;
}

bool ipv4_valid(std::string_view s) {
  int parts = 0;
  size_t i = 0;
  while (parts < 4) {
    size_t b = i;
    int v = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i - b < 3)
      v = v * 10 + (s[i++] - '0');
    size_t len = i - b;
    if (len == 0 || v > 255 || (len > 1 && s[b] == '0')) return false;
    ++parts;
    if (parts < 4) {
      if (i >= s.size() || s[i] != '.') return false;
      ++i;
    }
  }
  return i == s.size();
}

bool ipv6_valid(std::string_view s) {
  if (s.size() < 2 || s.size() > 45) return false;
  int groups = 0;
  bool compressed = false;
  size_t i = 0;
  if (s.substr(0, 2) == "::") {
    compressed = true;
    i = 2;
    if (i == s.size()) return false;  // "::" alone is not an address here
  } else if (s[0] == ':') {
    return false;
  }
  while (i < s.size()) {
    size_t b = i;
    while (i < s.size() && std::isxdigit(static_cast<unsigned char>(s[i])) &&
           i - b < 5)
      ++i;
    size_t len = i - b;
    if (i < s.size() && s[i] == '.') {
      // Embedded IPv4 tail takes two groups.
      if (!ipv4_valid(s.substr(b))) return false;
      groups += 2;
      i = s.size();
      break;
    }
    if (len == 0 || len > 4) return false;
    ++groups;
    if (i == s.size()) break;
    if (s[i] != ':') return false;
    ++i;
    if (i < s.size() && s[i] == ':') {
      if (compressed) return false;
      compressed = true;
      ++i;
      if (i == s.size()) break;
    } else if (i == s.size()) {
      return false;
    }
  }
  return compressed ? groups <= 7 && groups >= 1 : groups == 8;
}

}  // namespace aihost::local_pii
