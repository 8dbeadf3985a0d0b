#include "context.hpp"

#include "finding.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <initializer_list>
#include <iterator>

namespace aihost::local_pii {
namespace {

constexpr size_t kWordsBefore = 6;
constexpr size_t kWordsAfter = 3;

using List = std::initializer_list<std::string_view>;

// Things that are numbered but are nobody's personal data.
#define AIHOST_NOT_PII                                                     \
  "order", "orders", "tracking", "invoice", "confirmation", "reference",   \
      "ref", "ticket", "case", "claim", "serial", "sku", "model", "part",  \
      "policy", "item", "dollars", "dollar", "usd", "cents", "bucks",      \
      "amount", "total", "balance", "price", "payment", "press", "option", \
      "version", "room", "flight", "invoices", "shipment", "package"

// What speaks for a phone number, "number" aside (see kPhoneWord).
#define AIHOST_PHONE_WORDS                                                     \
  "phone", "call", "reach", "cell", "mobile", "tel", "telephone", "contact",   \
      "fax", "callback", "dial", "text", "landline", "home", "work", "office", \
      "extension"

// The entity types that have context words, as bit positions.
enum Type : unsigned {
  kCard,
  kSsnType,
  kPhoneType,
  kBankType,
  kDateType,
  kIpType,
  kIbanType,
  kLicenseType,
  kTypes,
  // Not an entity type: the phone words without "number", which alone is
  // too common to make any short grouped number a phone.
  kPhoneWord = kTypes,
};

int type_bit(std::string_view type) {
  using namespace entity;
  // Recognisers pass the entity:: constants themselves: their addresses
  // settle it without comparing bytes.
  const std::string_view kByType[] = {
      kCreditCard, kSsn, kPhone, kBank, kDate, kIp, kIban, kDriverLicense};
  static_assert(std::size(kByType) == kTypes);
  for (unsigned t = 0; t < kTypes; ++t)
    if (type.data() == kByType[t].data()) return static_cast<int>(t);
  for (unsigned t = 0; t < kTypes; ++t)
    if (type == kByType[t]) return static_cast<int>(t);
  return -1;
}

// Every context word once, with the types it speaks for (positive) and
// against (negative): one hash probe per word around a candidate instead
// of a comparison against every list.
class WordTable {
 public:
  struct Marks {
    uint16_t positive = 0;
    uint16_t negative = 0;
  };

  WordTable() {
    add(kCard,
        {"card", "credit", "debit", "visa", "mastercard", "amex", "discover",
         "cc", "expiration", "expiry", "cvv"},
        {"order", "tracking", "invoice", "confirmation", "reference", "ticket",
         "sku"});
    add(kSsnType, {"social", "ssn", "security", "ss", "socials"},
        {AIHOST_NOT_PII, "account", "routing", "phone", "zip", "card", "member",
         "id"});
    add(kPhoneWord, {AIHOST_PHONE_WORDS}, {});
    add(kPhoneType, {AIHOST_PHONE_WORDS, "number"},
        {AIHOST_NOT_PII, "account", "routing", "member", "id", "card", "social",
         "ssn"});
    add(kBankType,
        {"account", "acct", "routing", "bank", "checking", "savings", "deposit",
         "aba", "wire"},
        {AIHOST_NOT_PII, "phone", "card"});
    add(kDateType, {"born", "birth", "dob", "birthday", "birthdate", "date"},
        {"version", "v", "release", "build", "ticket", "order"});
    add(kIpType, {"ip", "address", "server", "host", "ipv4", "ipv6"},
        {"version", "v", "release", "build"});
    add(kIbanType, {"iban", "account", "transfer", "bank", "wire"}, {});
    add(kLicenseType, {"driver", "drivers", "license", "licence", "dl"}, {});
  }

  Marks find(std::string_view w) const {
    // Possessives count as their word: "card's", "driver's".
    if (w.size() > 2 && w.substr(w.size() - 2) == "'s")
      w = w.substr(0, w.size() - 2);
    return probe(w).marks;
  }

 private:
  static constexpr size_t kSlots = 512;  // power of two, under half full

  struct Slot {
    std::string_view word;
    Marks marks;
    bool found = false;
  };

  static size_t hash(std::string_view w) {
    uint32_t h = 2166136261u;
    for (unsigned char c : w) h = (h ^ c) * 16777619u;
    return h & (kSlots - 1);
  }

  const Slot& probe(std::string_view w) const {
    static const Slot kNone;
    if (w.empty() || w.size() > 16) return kNone;
    for (size_t i = hash(w);; i = (i + 1) & (kSlots - 1)) {
      if (!slots_[i].found) return kNone;
      if (slots_[i].word == w) return slots_[i];
    }
  }

  Slot& slot(std::string_view w) {
    size_t i = hash(w);
    while (slots_[i].found && slots_[i].word != w) i = (i + 1) & (kSlots - 1);
    slots_[i].word = w;
    slots_[i].found = true;
    return slots_[i];
  }

  void add(unsigned type, List positive, List negative) {
    for (auto w : positive) slot(w).marks.positive |= 1u << type;
    for (auto w : negative) slot(w).marks.negative |= 1u << type;
  }

  std::array<Slot, kSlots> slots_{};
};

const WordTable& words() {
  static const WordTable table;
  return table;
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

bool money_sign_before(std::string_view s, size_t start) {
  size_t i = start;
  while (i > 0 && s[i - 1] == ' ') --i;
  return i > 0 && (s[i - 1] == '$' || s[i - 1] == '#');
}

}  // namespace

double score_in_context(std::string_view lower, size_t start, size_t end,
                        std::string_view type, double base) {
  int t = type_bit(type);
  double score = base;
  if (t >= 0) {
    const unsigned bit = 1u << t;
    std::array<std::string_view, kWordsBefore> before{};
    std::array<std::string_view, kWordsAfter> after{};
    size_t nb = words_before(lower, start, before);
    size_t na = words_after(lower, end, after);
    bool positive = false, negative = false;
    // Negative words only count close by: "order 1234" but not a phone
    // number said a sentence after an order was mentioned.
    for (size_t i = 0; i < nb; ++i) {
      auto m = words().find(before[i]);
      positive = positive || (m.positive & bit);
      negative = negative || (i < 3 && (m.negative & bit));
    }
    for (size_t i = 0; i < na; ++i) {
      auto m = words().find(after[i]);
      positive = positive || (m.positive & bit);
      negative = negative || (i < 1 && (m.negative & bit));
    }
    if (positive) score += kContextBoost;
    if (negative) score -= kContextPenalty;
  }
  if (t != kDateType && money_sign_before(lower, start))
    score -= kContextPenalty;
  return std::clamp(score, 0.0, 1.0);
}

namespace {

// True when a word in the context window around [start, end) is a positive
// word for `bit`.
bool has_context_bit(std::string_view lower, size_t start, size_t end,
                     unsigned bit) {
  std::array<std::string_view, kWordsBefore> before{};
  std::array<std::string_view, kWordsAfter> after{};
  size_t nb = words_before(lower, start, before);
  size_t na = words_after(lower, end, after);
  for (size_t i = 0; i < nb; ++i)
    if (words().find(before[i]).positive & bit) return true;
  for (size_t i = 0; i < na; ++i)
    if (words().find(after[i]).positive & bit) return true;
  return false;
}

}  // namespace

bool has_phone_word(std::string_view lower, size_t start, size_t end) {
  return has_context_bit(lower, start, end, 1u << kPhoneWord);
}

bool has_positive_context(std::string_view lower, size_t start, size_t end,
                          std::string_view type) {
  int t = type_bit(type);
  return t >= 0 && has_context_bit(lower, start, end, 1u << t);
}

}  // namespace aihost::local_pii
