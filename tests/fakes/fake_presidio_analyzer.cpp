// The fake analyzer's detection. Hand-written scanning over code points,
// like Presidio's recognizers run over a Python str, so every offset it
// reports is a code-point offset.
#include "fakes/fake_presidio.hpp"
#include "fakes/fake_presidio_text.hpp"

#include <algorithm>
#include <array>
#include <set>

namespace aihost::fakes {
namespace {

using json = nlohmann::json;

// Presidio's default English entity set (GET /supportedentities).
const std::set<std::string> kSupported = {"PHONE_NUMBER",
                                          "US_DRIVER_LICENSE",
                                          "US_PASSPORT",
                                          "SG_NRIC_FIN",
                                          "LOCATION",
                                          "CREDIT_CARD",
                                          "CRYPTO",
                                          "UK_NHS",
                                          "US_SSN",
                                          "US_BANK_NUMBER",
                                          "EMAIL_ADDRESS",
                                          "DATE_TIME",
                                          "IP_ADDRESS",
                                          "PERSON",
                                          "IBAN_CODE",
                                          "NRP",
                                          "US_ITIN",
                                          "MEDICAL_LICENSE",
                                          "AU_ABN",
                                          "AU_ACN",
                                          "AU_TFN",
                                          "AU_MEDICARE",
                                          "URL"};

// Full names (and one first name, found inside "Jane Doe" too, so that the
// anonymizer has overlapping findings of one type to merge).
struct Name {
  const char* text;
  double score;
};
const std::array<Name, 6> kNames = {{{"Jane Doe", kPersonScore},
                                     {"Jane", kFirstNameScore},
                                     {"John Smith", kPersonScore},
                                     {"José Álvarez", kPersonScore},
                                     {"Zoë Kowalski", kPersonScore},
                                     {"王小明", kPersonScore}}};

struct Hit {
  std::string type;
  size_t start, end;
  double score;
  const char* recognizer;
};

bool ascii_alnum(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z');
}
bool digit(char32_t c) { return c >= '0' && c <= '9'; }
// Letters that would continue a Latin-script word.
bool word_char(char32_t c) {
  return ascii_alnum(c) || c == '_' || (c >= 0xC0 && c <= 0x24F);
}
bool local_char(char32_t c) {
  return ascii_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' ||
         c == '-';
}
bool domain_char(char32_t c) { return ascii_alnum(c) || c == '-' || c == '.'; }

void find_emails(const std::u32string& t, std::vector<Hit>& out) {
  for (size_t at = 0; at < t.size(); ++at) {
    if (t[at] != '@') continue;
    size_t s = at;
    while (s > 0 && local_char(t[s - 1])) --s;
    size_t e = at + 1;
    while (e < t.size() && domain_char(t[e])) ++e;
    while (e > at + 1 && (t[e - 1] == '.' || t[e - 1] == '-')) --e;
    if (s == at) continue;
    std::u32string domain = t.substr(at + 1, e - at - 1);
    size_t dot = domain.rfind('.');
    if (dot == std::u32string::npos || dot == 0 || domain.size() - dot < 3)
      continue;
    bool tld_letters = std::all_of(domain.begin() + dot + 1, domain.end(),
                                   [](char32_t c) { return !digit(c); });
    if (!tld_letters) continue;
    out.push_back({"EMAIL_ADDRESS", s, e, kEmailScore, "EmailRecognizer"});
  }
}

bool luhn(const std::string& digits) {
  int sum = 0;
  bool twice = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = *it - '0';
    if (twice && (d *= 2) > 9) d -= 9;
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

// Runs of digits with phone/card separators: 16 digits passing Luhn are a
// credit card, 10 to 13 digits a phone number.
void find_numbers(const std::u32string& t, std::vector<Hit>& out) {
  auto sep = [](char32_t c) {
    return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')';
  };
  for (size_t i = 0; i < t.size();) {
    bool starts = digit(t[i]) || ((t[i] == '+' || t[i] == '(') &&
                                  i + 1 < t.size() && digit(t[i + 1]));
    if (!starts || (i > 0 && word_char(t[i - 1]))) {
      ++i;
      continue;
    }
    size_t s = i, e = i;
    std::string digits;
    size_t j = i;
    if (t[j] == '+' || t[j] == '(') ++j;
    while (j < t.size()) {
      if (digit(t[j])) {
        digits += static_cast<char>(t[j]);
        e = ++j;
        if (j < t.size() && t[j] == ')') e = ++j;
        continue;
      }
      size_t k = j;
      while (k < t.size() && k - j < 2 && sep(t[k])) ++k;
      if (k > j && k < t.size() && digit(t[k]))
        j = k;
      else
        break;
    }
    if (e < t.size() && word_char(t[e])) {
      i = e;
      continue;
    }
    if (digits.size() == 16 && luhn(digits))
      out.push_back(
          {"CREDIT_CARD", s, e, kCreditCardScore, "CreditCardRecognizer"});
    else if (digits.size() >= 10 && digits.size() <= 13)
      out.push_back({"PHONE_NUMBER", s, e, kPhoneScore, "PhoneRecognizer"});
    i = std::max(e, i + 1);
  }
}

void find_names(const std::u32string& t, std::vector<Hit>& out) {
  for (const Name& n : kNames) {
    std::u32string name = to_code_points(n.text);
    for (size_t pos = t.find(name); pos != std::u32string::npos;
         pos = t.find(name, pos + 1)) {
      size_t end = pos + name.size();
      bool latin = word_char(name.front());
      if (latin && ((pos > 0 && word_char(t[pos - 1])) ||
                    (end < t.size() && word_char(t[end]))))
        continue;
      out.push_back({"PERSON", pos, end, n.score, "SpacyRecognizer"});
    }
  }
}

json result_json(const Hit& h, bool explain) {
  json expl = nullptr;
  if (explain)
    expl = {{"recognizer", h.recognizer},
            {"pattern_name", nullptr},
            {"pattern", nullptr},
            {"original_score", h.score},
            {"score", h.score},
            {"textual_explanation",
             "Identified as " + h.type + " by the " + h.recognizer},
            {"score_context_improvement", 0},
            {"supportive_context_word", ""},
            {"validation_result", nullptr},
            {"regex_flags", nullptr}};
  return {{"entity_type", h.type},
          {"start", h.start},
          {"end", h.end},
          {"score", h.score},
          {"analysis_explanation", expl}};
}

json analyze_one(const std::string& text, const std::set<std::string>* only,
                 double threshold, bool explain) {
  std::u32string t = to_code_points(text);
  std::vector<Hit> hits;
  find_emails(t, hits);
  find_numbers(t, hits);
  find_names(t, hits);
  json list = json::array();
  for (const Hit& h : hits) {
    if (only && !only->count(h.type)) continue;
    if (h.score < threshold) continue;
    list.push_back(result_json(h, explain));
  }
  return list;
}

FakeResponse parse_failure(const std::string& why) {
  return presidio_error(
      400,
      "Failed to parse /analyze request for AnalyzerEngine.analyze(). " + why);
}

// Python truthiness of a JSON value, as `if not req_data.text` sees it.
bool truthy(const json& v) {
  if (v.is_null()) return false;
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_string() || v.is_array() || v.is_object()) return !v.empty();
  if (v.is_number()) return v.get<double>() != 0;
  return true;
}

}  // namespace

FakeResponse presidio_analyze(const json& req, bool explain) {
  if (!req.is_object())
    return presidio_error(500, "'list' object has no attribute 'get'");
  json text = req.value("text", json());
  json language = req.value("language", json());
  if (!truthy(text)) return presidio_error(500, "No text provided");
  if (!truthy(language)) return presidio_error(500, "No language provided");
  if (!text.is_string() && !text.is_array())
    return parse_failure("text must be a string or a list of strings");
  if (text.is_array())
    for (const auto& t : text)
      if (!t.is_string())
        return parse_failure("expected str, bytes or os.PathLike object");
  if (!language.is_string() || language.get<std::string>() != "en")
    return presidio_error(
        500, "No matching recognizers were found to serve the request.");

  std::set<std::string> only;
  bool filtered = false;
  if (auto e = req.find("entities"); e != req.end() && !e->is_null()) {
    if (!e->is_array()) return parse_failure("entities must be a list");
    for (const auto& name : *e) {
      if (!name.is_string()) return parse_failure("entities must be strings");
      if (kSupported.count(name.get<std::string>()))
        only.insert(name.get<std::string>());
    }
    filtered = !e->empty();
    if (filtered && only.empty())
      return presidio_error(
          500, "No matching recognizers were found to serve the request.");
  }
  double threshold = 0;
  if (auto s = req.find("score_threshold"); s != req.end() && !s->is_null()) {
    if (!s->is_number())
      return parse_failure("'<' not supported between 'float' and 'str'");
    threshold = s->get<double>();
  }
  if (auto d = req.find("return_decision_process"); d != req.end())
    explain = explain || truthy(*d);

  const std::set<std::string>* filter = filtered ? &only : nullptr;
  json answer;
  if (text.is_string()) {
    answer = analyze_one(text.get<std::string>(), filter, threshold, explain);
  } else {
    answer = json::array();
    for (const auto& t : text)
      answer.push_back(
          analyze_one(t.get<std::string>(), filter, threshold, explain));
  }
  // Python's json.dumps: sorted keys, non-ASCII escaped.
  return FakeResponse::json(200, answer.dump(-1, ' ', true));
}

}  // namespace aihost::fakes
