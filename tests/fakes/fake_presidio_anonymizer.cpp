// The fake anonymizer: Presidio's conflict resolution (merge overlapping
// findings of one type, drop findings contained in others) and its
// operators, applied on code points; items carry OUTPUT offsets and come in
// reverse order of position, as the real service sends them.
#include "fakes/fake_presidio.hpp"
#include "fakes/fake_presidio_sha2.hpp"
#include "fakes/fake_presidio_text.hpp"

#include <algorithm>
#include <random>

namespace aihost::fakes {
namespace {

using json = nlohmann::json;

struct Result {
  std::string type;
  long long start, end;
  double score;
};

// Raised for Presidio's InvalidParamError (422) and BadRequest (400).
struct Refusal {
  int status;
  std::string message;
};

[[noreturn]] void invalid(const std::string& message) {
  throw Refusal{422, message};
}

std::vector<Result> parse_results(const json& list, size_t length) {
  if (list.is_null())
    invalid("Invalid input, analyzer results can not be empty");
  if (!list.is_array())
    invalid("Invalid input, analyzer results must be a list");
  std::vector<Result> out;
  for (const auto& r : list) {
    if (!r.is_object() || !r.contains("entity_type") || !r.contains("start") ||
        !r.contains("end") || !r.contains("score") ||
        !r["entity_type"].is_string() || !r["start"].is_number_integer() ||
        !r["end"].is_number_integer() || !r["score"].is_number())
      invalid(
          "Invalid input, analyzer result must have entity_type, start, "
          "end and score");
    Result x{r["entity_type"].get<std::string>(), r["start"].get<long long>(),
             r["end"].get<long long>(), r["score"].get<double>()};
    if (x.start < 0 || x.end < 0 || x.start > x.end)
      invalid("Invalid input, result start index '" + std::to_string(x.start) +
              "' must be smaller than end '" + std::to_string(x.end) + "'");
    if (x.end > static_cast<long long>(length))
      invalid("Invalid analyzer result, start: " + std::to_string(x.start) +
              " and end: " + std::to_string(x.end) +
              ", while text length is only " + std::to_string(length) + ".");
    out.push_back(x);
  }
  return out;
}

// MERGE_SIMILAR_OR_CONTAINED, the only strategy offered over REST, in the
// order Presidio's engine applies it.
std::vector<Result> resolve_conflicts(std::vector<Result> rs) {
  auto intersects = [](const Result& a, const Result& b) {
    return a.start < b.end && b.start < a.end;
  };
  auto erase = [](std::vector<size_t>& v, size_t x) {
    v.erase(std::find(v.begin(), v.end(), x));
  };
  // A finding overlapping a later (or already kept) one of its type is
  // folded into it: the union, at the higher score.
  std::vector<size_t> others(rs.size()), merged;
  for (size_t i = 0; i < rs.size(); ++i) others[i] = i;
  for (size_t i = 0; i < rs.size(); ++i) {
    erase(others, i);
    bool absorbed = false;
    for (size_t j : others)
      if (rs[j].type == rs[i].type && intersects(rs[i], rs[j])) {
        rs[j].start = std::min(rs[j].start, rs[i].start);
        rs[j].end = std::max(rs[j].end, rs[i].end);
        rs[j].score = std::max(rs[j].score, rs[i].score);
        absorbed = true;
        break;
      }
    if (!absorbed) {
      others.push_back(i);
      merged.push_back(i);
    }
  }
  // A finding contained in another, or on the same span at a score no
  // higher, is dropped.
  auto conflicts = [&](const Result& a, const Result& b) {
    if (a.start == b.start && a.end == b.end) return a.score <= b.score;
    return b.start <= a.start && a.end <= b.end;
  };
  std::vector<size_t> pool = merged;
  std::vector<Result> kept;
  for (size_t i : merged) {
    erase(pool, i);
    bool conflicted = std::any_of(pool.begin(), pool.end(), [&](size_t j) {
      return conflicts(rs[i], rs[j]);
    });
    if (!conflicted) {
      pool.push_back(i);
      kept.push_back(rs[i]);
    }
  }
  std::sort(kept.begin(), kept.end(), [](const Result& a, const Result& b) {
    return a.start != b.start ? a.start < b.start : a.end > b.end;
  });
  return kept;
}

std::string random_salt() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  std::string salt(32, '\0');
  for (char& c : salt) c = static_cast<char>(rng() & 0xff);
  return salt;
}

// Applies `op` to one finding's text; returns the replacement.
std::u32string operate(const json& op, const std::string& type,
                       const std::u32string& span) {
  std::string kind = op.value("type", std::string("replace"));
  if (kind == "replace") {
    json v = op.value("new_value", json());
    if (!v.is_null() && !v.is_string())
      invalid("Invalid parameter value for new_value");
    std::string nv = v.is_string() ? v.get<std::string>() : "";
    return to_code_points(nv.empty() ? "<" + type + ">" : nv);
  }
  if (kind == "redact") return U"";
  if (kind == "keep") return span;
  if (kind == "mask") {
    json c = op.value("masking_char", json());
    json n = op.value("chars_to_mask", json());
    json from_end = op.value("from_end", json(false));
    if (!c.is_string() || to_code_points(c.get<std::string>()).size() != 1)
      invalid("Invalid input, masking_char must be a character");
    if (!n.is_number_integer())
      invalid("Invalid input, chars_to_mask must be an integer");
    if (!from_end.is_boolean())
      invalid("Invalid input, from_end must be a boolean");
    long long count = n.get<long long>();
    size_t effective =
        count > 0 ? std::min<size_t>(span.size(), static_cast<size_t>(count))
                  : 0;
    size_t start = from_end.get<bool>() ? span.size() - effective : 0;
    std::u32string out = span;
    char32_t mc = to_code_points(c.get<std::string>())[0];
    for (size_t i = start; i < start + effective; ++i) out[i] = mc;
    return out;
  }
  if (kind == "hash") {
    std::string hash_type = op.value("hash_type", std::string("sha256"));
    if (hash_type != "sha256" && hash_type != "sha512")
      invalid("Parameter hash_type value " + hash_type +
              " is not in range of values ['sha256', 'sha512']");
    json s = op.value("salt", json());
    std::string salt;
    if (s.is_null()) {
      salt = random_salt();
    } else {
      if (!s.is_string() || s.get<std::string>().size() < 16)
        invalid("Invalid input, salt must be a string of at least 16 bytes");
      salt = s.get<std::string>();
    }
    std::string data = to_utf8(span) + salt;
    return to_code_points(hash_type == "sha256" ? sha256_hex(data)
                                                : sha512_hex(data));
  }
  if (kind == "encrypt")
    invalid("the fake anonymizer does not implement encrypt");
  invalid("Invalid operator class '" + kind + "'.");
}

json anonymize(const json& req) {
  if (!req.is_object() || req.empty())
    throw Refusal{400, "Invalid request json"};
  json anonymizers = req.value("anonymizers", json::object());
  if (anonymizers.is_null()) anonymizers = json::object();
  if (!anonymizers.is_object())
    invalid("Invalid input, anonymizers must be an object");
  for (const auto& [name, op] : anonymizers.items()) {
    if (!op.is_object() || !op.contains("type") || !op["type"].is_string())
      invalid("Invalid input, operator " + name + " has no type");
    if (op["type"] == "custom")
      throw Refusal{400, "Custom type anonymizer is not supported"};
  }
  json text_json = req.value("text", json(""));
  if (!text_json.is_string()) invalid("Invalid input, text must be a string");
  std::u32string text = to_code_points(text_json.get<std::string>());
  auto results = resolve_conflicts(
      parse_results(req.value("analyzer_results", json()), text.size()));

  std::u32string out;
  json items = json::array();
  size_t cursor = 0;
  for (const Result& r : results) {
    size_t s = static_cast<size_t>(r.start), e = static_cast<size_t>(r.end);
    if (s < cursor) continue;  // partial overlap of two types: first wins
    json op = anonymizers.contains(r.type)      ? anonymizers[r.type]
              : anonymizers.contains("DEFAULT") ? anonymizers["DEFAULT"]
                                                : json{{"type", "replace"}};
    std::u32string replacement = operate(op, r.type, text.substr(s, e - s));
    out += text.substr(cursor, s - cursor);
    size_t out_start = out.size();
    out += replacement;
    items.push_back({{"operator", op["type"]},
                     {"entity_type", r.type},
                     {"start", out_start},
                     {"end", out.size()},
                     {"text", to_utf8(replacement)}});
    cursor = e;
  }
  out += text.substr(cursor);
  std::reverse(items.begin(), items.end());
  return {{"text", to_utf8(out)}, {"items", items}};
}

}  // namespace

FakeResponse presidio_anonymize(const json& req) {
  try {
    return FakeResponse::json(200, anonymize(req).dump(-1, ' ', true));
  } catch (const Refusal& r) {
    return presidio_error(r.status, r.message);
  }
}

}  // namespace aihost::fakes
