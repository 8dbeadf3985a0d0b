#include "context.hpp"

#include "finding.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace aihost::local_pii {
namespace {

constexpr size_t kWordsBefore = 6;
constexpr size_t kWordsAfter = 3;

using List = std::vector<std::string_view>;

struct Rules {
  List positive;
  List negative;
};

// Things that are numbered but are nobody's personal data.
#define AIHOST_NOT_PII                                                     \
  "order", "orders", "tracking", "invoice", "confirmation", "reference",   \
      "ref", "ticket", "case", "claim", "serial", "sku", "model", "part",  \
      "policy", "item", "dollars", "dollar", "usd", "cents", "bucks",      \
      "amount", "total", "balance", "price", "payment", "press", "option", \
      "version", "room", "flight", "invoices", "shipment", "package"

const Rules& rules_for(std::string_view type) {
  using namespace entity;
  if (type == kCreditCard) {
    static const Rules r{
        {"card", "credit", "debit", "visa", "mastercard", "amex", "discover",
         "cc", "expiration", "expiry", "cvv"},
        {"order", "tracking", "invoice", "confirmation", "reference", "ticket",
         "sku"}};
    return r;
  }
  if (type == kSsn) {
    static const Rules r{{"social", "ssn", "security", "ss", "socials"},
                         {AIHOST_NOT_PII, "account", "routing", "phone", "zip",
                          "card", "member", "id"}};
    return r;
  }
  if (type == kPhone) {
    static const Rules r{
        {"phone", "call", "reach", "cell", "mobile", "number", "tel",
         "telephone", "contact", "fax", "callback", "dial", "text", "landline",
         "home", "work", "office", "extension"},
        {AIHOST_NOT_PII, "account", "routing", "member", "id", "card", "social",
         "ssn"}};
    return r;
  }
  if (type == kBank) {
    static const Rules r{{"account", "acct", "routing", "bank", "checking",
                          "savings", "deposit", "aba", "wire"},
                         {AIHOST_NOT_PII, "phone", "card"}};
    return r;
  }
  if (type == kDate) {
    static const Rules r{
        {"born", "birth", "dob", "birthday", "birthdate", "date"},
        {"version", "v", "release", "build", "ticket", "order"}};
    return r;
  }
  if (type == kIp) {
    static const Rules r{{"ip", "address", "server", "host", "ipv4", "ipv6"},
                         {"version", "v", "release", "build"}};
    return r;
  }
  if (type == kIban) {
    static const Rules r{{"iban", "account", "transfer", "bank", "wire"}, {}};
    return r;
  }
  if (type == kDriverLicense) {
    static const Rules r{
        {"driver", "driver's", "drivers", "license", "licence", "dl"}, {}};
    return r;
  }
  {
    static const Rules r{{}, {}};
    return r;
  }
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_word_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || c == '\'' || c == '$' || c >= 0x80;
}

// Collects up to `max` words ending before `pos` (backwards) or starting at
// `pos` (forwards). Digits end the window: the words belong to that number.
template <size_t N>
size_t words_before(std::string_view s, size_t pos,
                    std::array<std::string_view, N>& out) {
  size_t n = 0;
  size_t i = pos;
  while (n < N && i > 0) {
    while (i > 0 && !is_word_char(static_cast<unsigned char>(s[i - 1]))) {
      if (s[i - 1] == '\n' || is_digit(s[i - 1])) return n;
      --i;
    }
    size_t e = i;
    while (i > 0 && is_word_char(static_cast<unsigned char>(s[i - 1]))) --i;
    if (e == i) break;
    out[n++] = s.substr(i, e - i);
    if (s[i] == '$' && e - i > 1) out[n - 1] = s.substr(i + 1, e - i - 1);
  }
  return n;
}

template <size_t N>
size_t words_after(std::string_view s, size_t pos,
                   std::array<std::string_view, N>& out) {
  size_t n = 0;
  size_t i = pos;
  while (n < N && i < s.size()) {
    while (i < s.size() && !is_word_char(static_cast<unsigned char>(s[i]))) {
      if (s[i] == '\n' || is_digit(s[i])) return n;
      ++i;
    }
    size_t b = i;
    while (i < s.size() && is_word_char(static_cast<unsigned char>(s[i]))) ++i;
    if (b == i) break;
    out[n++] = s.substr(b, i - b);
  }
  return n;
}

bool any_of(const std::string_view* words, size_t n, List list) {
  for (size_t i = 0; i < n; ++i) {
    std::string_view w = words[i];
    if (w.size() > 2 && w.substr(w.size() - 2) == "'s")
      w = w.substr(0, w.size() - 2);
    for (auto l : list)
      if (w == l) return true;
  }
  return false;
}

bool money_sign_before(std::string_view s, size_t start) {
  size_t i = start;
  while (i > 0 && s[i - 1] == ' ') --i;
  return i > 0 && (s[i - 1] == '$' || s[i - 1] == '#');
}

}  // namespace

double score_in_context(std::string_view lower, size_t start, size_t end,
                        std::string_view type, double base) {
  const Rules& r = rules_for(type);
  std::array<std::string_view, kWordsBefore> before{};
  std::array<std::string_view, kWordsAfter> after{};
  size_t nb = words_before(lower, start, before);
  size_t na = words_after(lower, end, after);
  double score = base;
  if (any_of(before.data(), nb, r.positive) ||
      any_of(after.data(), na, r.positive))
    score += kContextBoost;
  // Negative words only count close by: "order 1234" but not a phone
  // number said a sentence after an order was mentioned.
  size_t near_b = std::min<size_t>(nb, 3);
  if (any_of(before.data(), near_b, r.negative) ||
      any_of(after.data(), std::min<size_t>(na, 1), r.negative))
    score -= kContextPenalty;
  if (type != entity::kDate && money_sign_before(lower, start))
    score -= kContextPenalty;
  return std::clamp(score, 0.0, 1.0);
}

bool has_positive_context(std::string_view lower, size_t start, size_t end,
                          std::string_view type) {
  const Rules& r = rules_for(type);
  std::array<std::string_view, kWordsBefore> before{};
  std::array<std::string_view, kWordsAfter> after{};
  size_t nb = words_before(lower, start, before);
  size_t na = words_after(lower, end, after);
  return any_of(before.data(), nb, r.positive) ||
         any_of(after.data(), na, r.positive);
}

}  // namespace aihost::local_pii
