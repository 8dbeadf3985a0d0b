// The params of pii.redact (sdk/README.md), parsed and checked in one place
// so that every redaction plugin refuses the same bad input with the same
// words: sdk::Error(AIHOST_INVALID_ARGUMENT, "params.<field> ...").
//
// What depends on the engine stays with the plugin and is checked on the
// parsed result: which languages it serves, how much input it takes, the
// shortest hash salt its service accepts, the defaults its configuration
// gives for an absent language, entity list or threshold.
//
//   sdk::PiiRedactParams p = sdk::parse_pii_redact_params(request.params);
//   std::string language = p.language.value_or("en");
#pragma once

#include <aihost/plugin.h>
#include <aihost/plugin.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aihost::sdk {

// One transcript segment; redacted on its own, its timings handed back.
struct PiiSegment {
  int id = 0;  // its index in the array when absent
  double start = 0;
  double end = 0;
  std::string text;
  std::optional<int> speaker;
  std::optional<int> channel;
  std::optional<std::string> role;
};

// What replaces a finding.
struct PiiOperator {
  std::string method = "replace";        // replace, mask, redact, hash
  std::optional<std::string> new_value;  // replace: "<ENTITY_TYPE>" if absent
  std::string masking_char = "*";        // mask: one character (code point)
  std::optional<int64_t> chars_to_mask;  // mask: every character if absent
  bool from_end = false;                 // mask
  std::string hash_type = "sha256";      // hash: sha256, sha512
  std::optional<std::string> hash_salt;  // hash: reproducible digests
};

struct PiiRedactParams {
  bool segmented = false;
  std::string text;                     // when !segmented
  std::vector<PiiSegment> segments;     // when segmented
  std::optional<std::string> language;  // never empty when given
  // Entity type names ([A-Z0-9_], as PERSON or US_SSN); all when absent.
  std::optional<std::vector<std::string>> entities;
  std::optional<double> score_threshold;  // in [0, 1]
  PiiOperator op;

  // Bytes of text over the whole input, for the plugin's size limit.
  size_t input_bytes() const {
    if (!segmented) return text.size();
    size_t total = 0;
    for (const auto& s : segments) total += s.text.size();
    return total;
  }
};

namespace pii_detail {

using json = nlohmann::json;

[[noreturn]] inline void refuse(const std::string& message) {
  throw Error(AIHOST_INVALID_ARGUMENT, "params." + message);
}

// Absent and null are the same: the field takes its default.
inline const json* field(const json& obj, const char* key) {
  auto it = obj.find(key);
  return it == obj.end() || it->is_null() ? nullptr : &*it;
}

inline std::optional<std::string> string_field(const json& obj, const char* key,
                                               const std::string& where = "") {
  const json* v = field(obj, key);
  if (!v) return std::nullopt;
  if (!v->is_string()) refuse(where + key + " must be a string");
  return v->get<std::string>();
}

inline std::optional<int> int_field(const json& obj, const char* key,
                                    const std::string& where) {
  const json* v = field(obj, key);
  if (!v) return std::nullopt;
  if (!v->is_number_integer() || v->get<int64_t>() < INT32_MIN ||
      v->get<int64_t>() > INT32_MAX)
    refuse(where + key + " must be an integer");
  return v->get<int>();
}

inline double number_field(const json& obj, const char* key,
                           const std::string& where) {
  const json* v = field(obj, key);
  if (!v || !v->is_number()) refuse(where + key + " must be a number");
  return v->get<double>();
}

// Whether `s` is well-formed UTF-8 holding exactly one code point.
inline bool one_code_point(std::string_view s) {
  if (s.empty()) return false;
  auto byte = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  unsigned char c = byte(0);
  size_t len = c < 0x80           ? 1
               : (c >> 5) == 0x6  ? 2
               : (c >> 4) == 0xE  ? 3
               : (c >> 3) == 0x1E ? 4
                                  : 0;
  if (len == 0 || s.size() != len) return false;
  uint32_t cp = len == 1 ? c : c & (0x3F >> (len - 1));
  for (size_t i = 1; i < len; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return false;
    cp = (cp << 6) | (byte(i) & 0x3F);
  }
  static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  return cp >= kMin[len] && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
}

inline bool entity_name_ok(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name)
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
      return false;
  return true;
}

inline PiiSegment parse_segment(const json& s, size_t index) {
  std::string where = "segments[" + std::to_string(index) + "].";
  if (!s.is_object())
    refuse("segments[" + std::to_string(index) + "] must be an object");
  PiiSegment seg;
  seg.id = int_field(s, "id", where).value_or(static_cast<int>(index));
  seg.start = number_field(s, "start", where);
  seg.end = number_field(s, "end", where);
  auto text = string_field(s, "text", where);
  if (!text) refuse(where + "text is required");
  seg.text = std::move(*text);
  seg.speaker = int_field(s, "speaker", where);
  seg.channel = int_field(s, "channel", where);
  seg.role = string_field(s, "role", where);
  return seg;
}

inline PiiOperator parse_operator(const json& p) {
  PiiOperator op;
  if (auto m = string_field(p, "method")) op.method = *m;
  if (op.method != "replace" && op.method != "mask" && op.method != "redact" &&
      op.method != "hash")
    refuse("method must be one of replace, mask, redact, hash");
  op.new_value = string_field(p, "new_value");
  if (auto c = string_field(p, "masking_char")) {
    if (!one_code_point(*c))
      refuse("masking_char must be exactly one character");
    op.masking_char = *c;
  }
  if (const json* n = field(p, "chars_to_mask")) {
    if (!n->is_number_integer() || n->get<int64_t>() < 0)
      refuse("chars_to_mask must be a non-negative integer");
    op.chars_to_mask = n->get<int64_t>();
  }
  if (const json* b = field(p, "from_end")) {
    if (!b->is_boolean()) refuse("from_end must be a boolean");
    op.from_end = b->get<bool>();
  }
  if (auto h = string_field(p, "hash_type")) op.hash_type = *h;
  if (op.hash_type != "sha256" && op.hash_type != "sha512")
    refuse("hash_type must be sha256 or sha512");
  op.hash_salt = string_field(p, "hash_salt");
  return op;
}

}  // namespace pii_detail

// Throws Error(AIHOST_INVALID_ARGUMENT) naming the first offending field.
inline PiiRedactParams parse_pii_redact_params(const nlohmann::json& p) {
  using namespace pii_detail;
  if (!p.is_object())
    throw Error(AIHOST_INVALID_ARGUMENT, "params must be an object");
  PiiRedactParams r;
  const json* text = field(p, "text");
  const json* segments = field(p, "segments");
  if (text && segments) refuse("text and segments are exclusive");
  if (!text && !segments) refuse("text or segments is required");
  if (text) {
    if (!text->is_string()) refuse("text must be a string");
    r.text = text->get<std::string>();
  } else {
    if (!segments->is_array()) refuse("segments must be an array");
    r.segmented = true;
    r.segments.reserve(segments->size());
    for (size_t i = 0; i < segments->size(); ++i)
      r.segments.push_back(parse_segment((*segments)[i], i));
  }

  r.language = string_field(p, "language");
  if (r.language && r.language->empty()) refuse("language must not be empty");

  if (const json* e = field(p, "entities")) {
    if (!e->is_array()) refuse("entities must be an array of strings");
    std::vector<std::string> list;
    list.reserve(e->size());
    for (const auto& name : *e) {
      if (!name.is_string() || !entity_name_ok(name.get<std::string>()))
        refuse(
            "entities must be an array of entity type names "
            "(upper-case letters, digits and '_')");
      list.push_back(name.get<std::string>());
    }
    r.entities = std::move(list);
  }

  if (const json* t = field(p, "score_threshold")) {
    if (!t->is_number() || t->get<double>() < 0 || t->get<double>() > 1)
      refuse("score_threshold must be a number between 0 and 1");
    r.score_threshold = t->get<double>();
  }

  r.op = parse_operator(p);
  return r;
}

}  // namespace aihost::sdk
