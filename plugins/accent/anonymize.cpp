#include "anonymize.hpp"

#include "code_points.hpp"

#include <aihost/plugin.hpp>

#include <algorithm>

namespace aihost::accent {
namespace {

using json = nlohmann::json;

[[noreturn]] void off_contract(const std::string& what) {
  throw sdk::Error(AIHOST_UPSTREAM_PROTOCOL,
                   "presidio anonymizer answered off-contract: " + what);
}

std::string string_or_empty(const json& obj, const char* key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

json operator_config(const OperatorSpec& s, size_t code_points) {
  if (s.method == "mask") {
    int64_t n = s.chars_to_mask
                    ? *s.chars_to_mask
                    : static_cast<int64_t>(std::max<size_t>(code_points, 1));
    return {{"type", "mask"},
            {"masking_char", s.masking_char},
            {"chars_to_mask", n},
            {"from_end", s.from_end}};
  }
  if (s.method == "redact") return {{"type", "redact"}};
  if (s.method == "hash") {
    json op = {{"type", "hash"}, {"hash_type", s.hash_type}};
    if (s.hash_salt) op["salt"] = *s.hash_salt;
    return op;
  }
  // Without new_value Presidio writes "<ENTITY_TYPE>" itself.
  json op = {{"type", "replace"}};
  if (s.new_value) op["new_value"] = *s.new_value;
  return op;
}

json anonymize_body(const std::string& text, const json& analyzer_results,
                    const json& op) {
  return {{"text", text},
          {"analyzer_results", analyzer_results},
          {"anonymizers", {{"DEFAULT", op}}}};
}

Anonymized parse_anonymize_response(const json& body) {
  if (!body.is_object()) off_contract("the answer is not an object");
  auto text = body.find("text");
  auto items = body.find("items");
  if (text == body.end() || !text->is_string()) off_contract("text is missing");
  if (items == body.end() || !items->is_array())
    off_contract("items is missing");
  Anonymized a;
  a.text = text->get<std::string>();
  size_t length = CodePointIndex(a.text).size();
  for (size_t i = 0; i < items->size(); ++i) {
    const json& it = (*items)[i];
    std::string at = "items[" + std::to_string(i) + "]";
    if (!it.is_object()) off_contract(at + " is not an object");
    auto start = it.find("start");
    auto end = it.find("end");
    if (start == it.end() || !start->is_number_unsigned() || end == it.end() ||
        !end->is_number_unsigned())
      off_contract(at + " has no integer start/end");
    Item item;
    item.start = start->get<size_t>();
    item.end = end->get<size_t>();
    if (item.start > item.end || item.end > length)
      off_contract(at + " span is outside the anonymized text");
    item.op = string_or_empty(it, "operator");
    item.entity_type = string_or_empty(it, "entity_type");
    item.text = string_or_empty(it, "text");
    a.items.push_back(std::move(item));
  }
  std::sort(a.items.begin(), a.items.end(), [](const Item& x, const Item& y) {
    return x.start != y.start ? x.start < y.start : x.end < y.end;
  });
  for (size_t i = 1; i < a.items.size(); ++i)
    if (a.items[i].start < a.items[i - 1].end)
      off_contract("items overlap in the anonymized text");
  return a;
}

}  // namespace aihost::accent
