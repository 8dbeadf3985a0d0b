// Names are only claimed where the speaker says one: "my name is ...",
// "this is ... speaking", "name's ...", "Mr. ...". Without a name list this
// is the precise end of the trade-off: no capitalised-word guessing.
#include "recognizers.hpp"
#include "utf8.hpp"

#include <re2/re2.h>

#include <array>

namespace aihost::local_pii {
namespace {

const RE2& trigger_re() {
  static const RE2 re(
      "\\b(my name is|my name's|my names|name is|name's|the name is|"
      "first name is|last name is|full name is|surname is|this is|"
      "speaking with|talking to|talking with|i am|i'm|call me|"
      "mr\\.?|mrs\\.?|ms\\.?|miss|dr\\.?) ");
  return re;
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
  for (auto s : kStop)
    if (s == w) return true;
  return false;
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
  re2::StringPiece g[2];
  size_t pos = 0;
  while (pos < s.size() &&
         trigger_re().Match(s, pos, s.size(), RE2::UNANCHORED, g, 2)) {
    size_t trig_b = static_cast<size_t>(g[1].data() - s.data());
    std::string_view trigger(g[1].data(), g[1].size());
    size_t i = trig_b + g[0].size();
    pos = i;
    bool title = trigger.rfind("mr", 0) == 0 || trigger.rfind("ms", 0) == 0 ||
                 trigger == "miss" || trigger.rfind("dr", 0) == 0;
    bool weak = trigger == "this is" || trigger == "i am" || trigger == "i'm" ||
                trigger == "speaking with" || trigger == "talking to" ||
                trigger == "talking with" || trigger == "call me";
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
