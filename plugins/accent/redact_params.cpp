#include "redact_params.hpp"

#include "code_points.hpp"

#include <aihost/plugin.hpp>

namespace aihost::accent {
namespace {

using json = nlohmann::json;

[[noreturn]] void refuse(const std::string& message) {
  throw sdk::Error(AIHOST_INVALID_ARGUMENT, "params." + message);
}

const json* field(const json& obj, const char* key) {
  auto it = obj.find(key);
  return it == obj.end() || it->is_null() ? nullptr : &*it;
}

std::optional<std::string> string_field(const json& obj, const char* key,
                                        const std::string& where) {
  const json* v = field(obj, key);
  if (!v) return std::nullopt;
  if (!v->is_string()) refuse(where + key + " must be a string");
  return v->get<std::string>();
}

std::optional<bool> bool_field(const json& obj, const char* key) {
  const json* v = field(obj, key);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) refuse(std::string(key) + " must be a boolean");
  return v->get<bool>();
}

std::optional<int> int_field(const json& obj, const char* key,
                             const std::string& where) {
  const json* v = field(obj, key);
  if (!v) return std::nullopt;
  if (!v->is_number_integer()) refuse(where + key + " must be an integer");
  return v->get<int>();
}

double number_field(const json& obj, const char* key,
                    const std::string& where) {
  const json* v = field(obj, key);
  if (!v || !v->is_number()) refuse(where + key + " must be a number");
  return v->get<double>();
}

SegmentInput parse_segment(const json& s, size_t index) {
  std::string where = "segments[" + std::to_string(index) + "].";
  if (!s.is_object())
    refuse(where.substr(0, where.size() - 1) + " must be an object");
  SegmentInput seg;
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

OperatorSpec parse_operator(const json& p) {
  OperatorSpec op;
  if (auto m = string_field(p, "method", "")) op.method = *m;
  if (op.method != "replace" && op.method != "mask" && op.method != "redact" &&
      op.method != "hash")
    refuse("method must be one of replace, mask, redact, hash");
  op.new_value = string_field(p, "new_value", "");
  if (auto c = string_field(p, "masking_char", "")) {
    if (!valid_utf8(*c) || CodePointIndex(*c).size() != 1)
      refuse("masking_char must be exactly one character");
    op.masking_char = *c;
  }
  if (const json* n = field(p, "chars_to_mask")) {
    if (!n->is_number_integer() || n->get<int64_t>() < 0)
      refuse("chars_to_mask must be a non-negative integer");
    op.chars_to_mask = n->get<int64_t>();
  }
  op.from_end = bool_field(p, "from_end").value_or(false);
  if (auto h = string_field(p, "hash_type", "")) op.hash_type = *h;
  if (op.hash_type != "sha256" && op.hash_type != "sha512")
    refuse("hash_type must be sha256 or sha512");
  op.hash_salt = string_field(p, "hash_salt", "");
  if (op.hash_salt && op.hash_salt->size() < kMinHashSaltBytes)
    refuse(
        "hash_salt must be at least 16 bytes (Presidio refuses shorter "
        "salts)");
  return op;
}

}  // namespace

RedactParams parse_redact_params(const json& p, const Config& defaults) {
  RedactParams r;
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
    for (size_t i = 0; i < segments->size(); ++i)
      r.segments.push_back(parse_segment((*segments)[i], i));
  }

  r.language = string_field(p, "language", "").value_or(defaults.language);
  if (r.language.empty()) refuse("language must not be empty");

  r.entities = defaults.entities;
  if (const json* e = field(p, "entities")) {
    if (!e->is_array()) refuse("entities must be an array of strings");
    std::vector<std::string> list;
    for (const auto& name : *e) {
      if (!name.is_string() || name.get<std::string>().empty())
        refuse("entities must be an array of non-empty strings");
      list.push_back(name.get<std::string>());
    }
    r.entities = std::move(list);
  }

  r.score_threshold = defaults.score_threshold;
  if (const json* t = field(p, "score_threshold")) {
    if (!t->is_number() || t->get<double>() < 0 || t->get<double>() > 1)
      refuse("score_threshold must be a number between 0 and 1");
    r.score_threshold = t->get<double>();
  }

  r.op = parse_operator(p);
  return r;
}

}  // namespace aihost::accent
