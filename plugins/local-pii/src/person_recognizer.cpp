// Names are only claimed where the speaker says one: "my name is ...",
// "this is ... speaking", "name's ...", "Mr. ...". Without a name list this
// is the precise end of the trade-off: no capitalised-word guessing.
#include "byte_scan.hpp"
#include "recognizers.hpp"
#include "utf8.hpp"
#include "word_set.hpp"

#include <array>
#include <cstdint>
#include <cstring>
#include <iterator>

namespace aihost::local_pii {
namespace {

// What introduces a name, each with the blank that must follow it. At one
// position the first that matches wins, as in the order people say them.
struct Trigger {
  std::string_view text;  // lower-case, ends with ' '
  bool title;             // Mr./Ms./Dr.: the name must be capitalised
  bool weak;              // "this is great": needs a closing cue
};

constexpr Trigger kTriggers[] = {
    {"my name is ", false, false},
    {"my name's ", false, false},
    {"my names ", false, false},
    {"name is ", false, false},
    {"name's ", false, false},
    {"the name is ", false, false},
    {"first name is ", false, false},
    {"last name is ", false, false},
    {"full name is ", false, false},
    {"surname is ", false, false},
    {"this is ", false, true},
    {"speaking with ", false, true},
    {"talking to ", false, true},
    {"talking with ", false, true},
    {"i am ", false, true},
    {"i'm ", false, true},
    {"call me ", false, true},
    {"mr. ", true, false},
    {"mr ", true, false},
    {"mrs. ", true, false},
    {"mrs ", true, false},
    {"ms. ", true, false},
    {"ms ", true, false},
    {"miss ", true, false},
    {"dr. ", true, false},
    {"dr ", true, false},
};

// The triggers by first letter, in order: most word starts are ruled out
// by one load.
struct ByFirstLetter {
  uint8_t begin[256] = {};
  uint8_t end[256] = {};
  uint8_t order[std::size(kTriggers)] = {};
  constexpr ByFirstLetter() {
    size_t n = 0;
    for (unsigned c = 0; c < 256; ++c) {
      begin[c] = static_cast<uint8_t>(n);
      for (size_t t = 0; t < std::size(kTriggers); ++t)
        if (static_cast<unsigned char>(kTriggers[t].text[0]) == c)
          order[n++] = static_cast<uint8_t>(t);
      end[c] = static_cast<uint8_t>(n);
    }
  }
};
constexpr ByFirstLetter kByFirst;

// Every letter a trigger starts with.
constexpr std::string_view kTriggerLetters = "cdfilmnst";

// The first two bytes of every trigger, as bits: one load rules out most
// word starts ("number", "from", "the") before the triggers are compared.
struct FirstTwo {
  uint8_t bits[256][32] = {};
  constexpr FirstTwo() {
    for (const Trigger& t : kTriggers) {
      auto a = static_cast<unsigned char>(t.text[0]);
      auto b = static_cast<unsigned char>(t.text[1]);
      bits[a][b >> 3] = static_cast<uint8_t>(bits[a][b >> 3] | 1u << (b & 7));
    }
  }
  bool has(unsigned char a, unsigned char b) const {
    return bits[a][b >> 3] & (1u << (b & 7));
  }
};
constexpr FirstTwo kFirstTwo;

// The leftmost trigger at or after `pos` that starts a word.
const Trigger* next_trigger(std::string_view s, size_t& pos) {
  const size_t n = s.size();
  for (size_t i = scan::next_word_start(s, pos, kTriggerLetters); i < n;
       i = scan::next_word_start(s, i + 1, kTriggerLetters)) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (i + 1 >= n || !kFirstTwo.has(c, static_cast<unsigned char>(s[i + 1])))
      continue;
    for (uint8_t k = kByFirst.begin[c]; k < kByFirst.end[c]; ++k) {
      const Trigger& t = kTriggers[kByFirst.order[k]];
      if (t.text.size() <= n - i && t.text[1] == s[i + 1] &&
          std::memcmp(s.data() + i, t.text.data(), t.text.size()) == 0) {
        pos = i;
        return &t;
      }
    }
  }
  return nullptr;
}

// Words that follow a trigger but are never names.
bool stop_word(std::string_view w) {
  static constexpr std::string_view kStop[] = {
      "a",        "an",        "the",        "and",        "or",
      "but",      "so",        "is",         "it",         "its",
      "i",        "im",        "my",         "me",         "you",
      "your",     "we",        "our",        "he",         "she",
      "they",     "his",       "her",        "their",      "this",
      "that",     "calling",   "speaking",   "here",       "from",
      "with",     "at",        "on",         "in",         "to",
      "for",      "of",        "just",       "not",        "very",
      "really",   "going",     "trying",     "looking",    "sorry",
      "sure",     "fine",      "good",       "great",      "glad",
      "happy",    "okay",      "ok",         "yes",        "no",
      "yeah",     "well",      "about",      "correct",    "right",
      "actually", "still",     "also",       "all",        "be",
      "been",     "being",     "have",       "has",        "had",
      "do",       "does",      "did",        "can",        "could",
      "would",    "will",      "should",     "may",        "might",
      "must",     "again",     "now",        "today",      "what",
      "how",      "why",       "when",       "where",      "who",
      "which",    "there",     "then",       "than",       "as",
      "by",       "if",        "because",    "like",       "uh",
      "um",       "please",    "thank",      "thanks",     "hello",
      "hi",       "hey",       "calling",    "call",       "number",
      "account",  "card",      "interested", "afraid",     "done",
      "ready",    "unable",    "able",       "new",        "one",
      "gonna",    "wondering", "having",     "getting",    "concerned",
      "confused", "worried",   "frustrated", "upset",      "available",
      "aware",    "unsure",    "not",        "definitely", "probably",
      "spelled",  "spelt"};
  static const auto set = [] {
    WordSet<bool, 512> words;  // under a third full
    for (auto s : kStop) words.add(s, true);
    return words;
  }();
  return set.find(w);
}

bool is_name_char(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  return (c >= 'a' && c <= 'z') || c == '\'' || c == '-' ||
         (c >= 0x80 && utf8::non_ascii_letter(s, i));
}

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

}  // namespace

void find_persons(const Normalised& n, std::vector<Finding>& out) {
  std::string_view s = n.lower();
  std::string_view orig = n.text();
  size_t pos = 0;
  while (const Trigger* t = next_trigger(s, pos)) {
    std::string_view trigger = t->text.substr(0, t->text.size() - 1);
    size_t i = pos + t->text.size();
    pos = i;
    bool title = t->title;
    bool weak = t->weak;
    // Up to three name words; fillers between them are skipped.
    size_t name_b = std::string_view::npos, name_e = 0;
    int words = 0;
    bool capitalised = true;
    while (words < 3 && i < s.size()) {
      size_t b = i;
      while (i < s.size() && is_name_char(s, i))
        i += utf8::code_point_length(s, i);
      std::string_view w = s.substr(b, i - b);
      if (w.empty()) break;
      if (w == "uh" || w == "um" || w == "er") {
        if (i < s.size() && s[i] == ',') ++i;
        if (i < s.size() && s[i] == ' ') ++i;
        continue;
      }
      if (stop_word(w) || w.size() < 2) {
        i = b;
        break;
      }
      capitalised = capitalised && is_upper(orig[b]);
      if (name_b == std::string_view::npos) name_b = b;
      name_e = i;
      ++words;
      if (i < s.size() && s[i] == ' ' && i + 1 < s.size() &&
          is_name_char(s, i + 1))
        ++i;
      else
        break;
    }
    if (words == 0) continue;
    double score = 0.85;
    if (title) {
      if (!capitalised) continue;
      score = 0.6;
    } else if (weak) {
      // "this is great" must not be a name: ask for a closing cue.
      std::string_view rest = s.substr(name_e);
      bool cue = rest.rfind(" speaking", 0) == 0 ||
                 rest.rfind(" calling", 0) == 0 ||
                 rest.rfind(" from ", 0) == 0 || rest.rfind(" here", 0) == 0 ||
                 rest.rfind(" with ", 0) == 0;
      if (!cue && !(capitalised && trigger != "i am" && trigger != "i'm"))
        continue;
      score = cue ? 0.75 : 0.5;
    }
    out.push_back({entity::kPerson, name_b, name_e, score, "PersonRecognizer"});
    pos = name_e;
  }
}

}  // namespace aihost::local_pii
