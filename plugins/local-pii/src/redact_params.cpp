#include "redact_params.hpp"

#include "utf8.hpp"

#include <aihost/plugin.hpp>

namespace aihost::local_pii {
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
                                        const std::string& where = "") {
  const json* v = field(obj, key);
  if (!v) return std::nullopt;
  if (!v->is_string()) refuse(where + key + " must be a string");
  return v->get<std::string>();
}

std::optional<int> int_field(const json& obj, const char* key,
                             const std::string& where) {
  const json* v = field(obj, key);
  if (!v) return std::nullopt;
  if (!v->is_number_integer() || v->get<int64_t>() < INT32_MIN ||
      v->get<int64_t>() > INT32_MAX)
    refuse(where + key + " must be an integer");
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
    refuse("segments[" + std::to_string(index) + "] must be an object");
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

bool entity_name_ok(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name)
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
      return false;
  return true;
}

Operator parse_operator(const json& p, bool& salt_given) {
  Operator op;
  if (auto m = string_field(p, "method")) op.method = *m;
  if (op.method != "replace" && op.method != "mask" && op.method != "redact" &&
      op.method != "hash")
    refuse("method must be one of replace, mask, redact, hash");
  op.new_value = string_field(p, "new_value");
  if (auto c = string_field(p, "masking_char")) {
    if (c->empty() || utf8::count_code_points(*c) != 1)
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
  auto salt = string_field(p, "hash_salt");
  salt_given = salt.has_value();
  if (salt) op.hash_salt = *salt;
  return op;
}

}  // namespace

RedactParams parse_redact_params(const json& p) {
  RedactParams r;
  const json* text = field(p, "text");
  const json* segments = field(p, "segments");
  if (text && segments) refuse("text and segments are exclusive");
  if (!text && !segments) refuse("text or segments is required");
  size_t total = 0;
  if (text) {
    if (!text->is_string()) refuse("text must be a string");
    r.text = text->get<std::string>();
    total = r.text.size();
  } else {
    if (!segments->is_array()) refuse("segments must be an array");
    r.segmented = true;
    for (size_t i = 0; i < segments->size(); ++i) {
      r.segments.push_back(parse_segment((*segments)[i], i));
      total += r.segments.back().text.size();
    }
  }
  if (total > kMaxInputBytes)
    throw sdk::Error(AIHOST_PAYLOAD_TOO_LARGE,
                     "input of " + std::to_string(total) +
                         " bytes is over the limit of " +
                         std::to_string(kMaxInputBytes));

  std::string language = string_field(p, "language").value_or("en");
  if (language != "en" && language.rfind("en-", 0) != 0 &&
      language.rfind("en_", 0) != 0)
    throw sdk::Error(AIHOST_UNSUPPORTED,
                     "params.language '" + language +
                         "' is not supported: the local recognisers are "
                         "English only");

  if (const json* e = field(p, "entities")) {
    if (!e->is_array()) refuse("entities must be an array of strings");
    std::vector<std::string> list;
    for (const auto& name : *e) {
      if (!name.is_string() || !entity_name_ok(name.get<std::string>()))
        refuse(
            "entities must be an array of entity type names "
            "(upper-case letters, digits and '_')");
      list.push_back(name.get<std::string>());
    }
    r.analyze.entities = std::move(list);
  }

  if (const json* t = field(p, "score_threshold")) {
    if (!t->is_number() || t->get<double>() < 0 || t->get<double>() > 1)
      refuse("score_threshold must be a number between 0 and 1");
    r.analyze.score_threshold = t->get<double>();
  }

  r.op = parse_operator(p, r.salt_given);
  return r;
}

}  // namespace aihost::local_pii
