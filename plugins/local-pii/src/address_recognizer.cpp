// Email addresses, URLs and IP addresses live inside one whitespace-free
// token. Tokens are cut by hand in one pass; only tokens holding '@', ':' or
// a dot between letters or digits reach RE2 (linear-time, no backtracking)
// or the hand-written IP validators, so prose costs almost nothing.
#include "byte_scan.hpp"
#include "context.hpp"
#include "recognizers.hpp"
#include "utf8.hpp"
#include "validators.hpp"

#include <re2/re2.h>

namespace aihost::local_pii {
namespace {

bool is_delim(unsigned char c) {
  switch (c) {
    case ' ':
    case '\t':
    case '\n':
    case '\r':
    case ',':
    case ';':
    case '<':
    case '>':
    case '"':
    case '(':
    case ')':
    case '[':
    case ']':
    case '{':
    case '}':
    case '\'':
    case '|':
    case '\\':
      return true;
    default:
      return false;
  }
}

bool is_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z');
}

bool is_local_char(char c) {
  if (is_alnum(c)) return true;
  switch (c) {
    case '.':
    case '_':
    case '%':
    case '+':
    case '-':
    case '!':
    case '#':
    case '&':
    case '*':
    case '=':
    case '?':
    case '^':
    case '~':
      return true;
    default:
      return false;
  }
}

const RE2& email_re() {
  static const RE2 re(
      "[\\p{L}\\p{N}!#$%&*+=?^_~-]+(?:\\.[\\p{L}\\p{N}!#$%&*+=?^_~-]+)*@"
      "(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,24}");
  return re;
}

const RE2& url_re() {
  static const RE2 re(
      "(?:(?:https?|ftp)://[a-z0-9.-]+(?::[0-9]{1,5})?(?:[/?#][^\\s]*)?)|"
      "(?:www\\.[a-z0-9-]+(?:\\.[a-z0-9-]+)+(?::[0-9]{1,5})?(?:[/?#][^\\s]*)?)"
      "|(?:(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+"
      "(?:com|org|net|edu|gov|mil|io|co|us|uk|ca|de|fr|es|it|nl|au|in|jp|"
      "info|biz|me|ai|app|dev|ly|tv|eu|ch|se|ie|mx|br|xyz|online)"
      "(?::[0-9]{1,5})?(?:[/?#][^\\s]*)?)");
  return re;
}

class TokenScanner {
 public:
  TokenScanner(const Normalised& n, std::vector<Finding>& out)
      : lower_(n.lower()), out_(out) {}

  void token(size_t b, size_t e) {
    // Sentence punctuation after a token is not part of it.
    while (e > b && (lower_[e - 1] == '.' || lower_[e - 1] == ':' ||
                     lower_[e - 1] == '!' || lower_[e - 1] == '?'))
      --e;
    if (e - b < 3) return;
    std::string_view t = lower_.substr(b, e - b);
    size_t at = t.find('@');
    if (at != std::string_view::npos) {
      email(b, at);
      return;
    }
    bool colon = t.find(':') != std::string_view::npos;
    if (!colon && !dotted(t)) return;
    if (t.find("://") != std::string_view::npos || t.substr(0, 4) == "www.") {
      url(b, e);
      return;
    }
    if (ip(b, e)) return;
    if (!colon) url(b, e);
  }

 private:
  static bool dotted(std::string_view t) {
    for (size_t i = 1; i + 1 < t.size(); ++i)
      if (t[i] == '.' && is_alnum(t[i - 1]) && is_alnum(t[i + 1])) return true;
    return false;
  }

  void email(size_t b, size_t at_rel) {
    size_t at = b + at_rel;
    size_t l = at;
    while (l > 0) {
      if (static_cast<unsigned char>(lower_[l - 1]) < 0x80) {
        if (!is_local_char(lower_[l - 1])) break;
        --l;
        continue;
      }
      // Internationalised local parts (RFC 6531): letters, not quotes.
      size_t cp = utf8::floor_boundary(lower_, l - 1);
      if (!utf8::non_ascii_letter(lower_, cp)) break;
      l = cp;
    }
    size_t r = at + 1;
    while (r < lower_.size() &&
           (is_alnum(lower_[r]) || lower_[r] == '.' || lower_[r] == '-'))
      ++r;
    while (l < at && (lower_[l] == '.' || lower_[l] == '-')) ++l;
    while (r > at + 1 && (lower_[r - 1] == '.' || lower_[r - 1] == '-')) --r;
    if (l == at || r == at + 1) return;
    if (RE2::FullMatch(lower_.substr(l, r - l), email_re()))
      out_.push_back({entity::kEmail, l, r, 1.0, "EmailRecognizer"});
  }

  void url(size_t b, size_t e) {
    std::string_view t = lower_.substr(b, e - b);
    if (RE2::FullMatch(t, url_re())) {
      bool strong =
          t.find("://") != std::string_view::npos || t.substr(0, 4) == "www.";
      out_.push_back({entity::kUrl, b, e, strong ? 0.6 : 0.5, "UrlRecognizer"});
    }
  }

  bool ip(size_t b, size_t e) {
    std::string_view t = lower_.substr(b, e - b);
    size_t core_e = t.size();
    // A CIDR suffix or a v4 port belongs to the address.
    size_t slash = t.find('/');
    if (slash != std::string_view::npos) core_e = slash;
    std::string_view core = t.substr(0, core_e);
    bool v4 = false, v6 = false;
    if (ipv4_valid(core)) {
      v4 = true;
    } else {
      size_t colon = core.rfind(':');
      if (colon != std::string_view::npos && core.find(':') == colon &&
          ipv4_valid(core.substr(0, colon)))
        v4 = true;
      else
        v6 = ipv6_valid(core);
    }
    if (!v4 && !v6) return false;
    double s = score_in_context(lower_, b, e, entity::kIp, 0.85);
    if (s >= kMinScore) out_.push_back({entity::kIp, b, e, s, "IpRecognizer"});
    return true;
  }

  std::string_view lower_;
  std::vector<Finding>& out_;
};

}  // namespace

void find_address_entities(const Normalised& n, std::vector<Finding>& out) {
  std::string_view s = n.lower();
  TokenScanner scanner(n, out);
  // Only tokens holding '@', ':' or '.' can be addresses: jump from one such
  // byte to the next and cut the token around it.
  size_t i = 0;
  while (i < s.size()) {
    i = scan::next_of(s, i, '@', ':', '.');
    if (i == s.size()) break;
    size_t b = i;
    while (b > 0 && !is_delim(static_cast<unsigned char>(s[b - 1]))) --b;
    size_t e = i;
    while (e < s.size() && !is_delim(static_cast<unsigned char>(s[e]))) ++e;
    scanner.token(b, e);
    i = e;
  }
}

}  // namespace aihost::local_pii
