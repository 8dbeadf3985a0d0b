#include "chat_response.hpp"

namespace aihost::openai {
namespace {

using sdk::Error;
using sdk::json;

[[noreturn]] void off_contract(const std::string& what) {
  throw Error(AIHOST_UPSTREAM_PROTOCOL, "OpenAI chat answer " + what);
}

int64_t count(const json& obj, const char* key) {
  if (!obj.is_object()) return 0;
  auto it = obj.find(key);
  return it != obj.end() && it->is_number() ? it->get<int64_t>() : 0;
}

std::optional<std::string> optional_text(const json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) off_contract(std::string("has a non-string ") + key);
  return it->get<std::string>();
}

}  // namespace

sdk::Usage parse_chat_usage(const json& usage) {
  sdk::Usage u;
  if (!usage.is_object()) return u;
  u.input_tokens = count(usage, "prompt_tokens");
  u.output_tokens = count(usage, "completion_tokens");
  if (auto it = usage.find("prompt_tokens_details"); it != usage.end())
    u.cached_tokens = count(*it, "cached_tokens");
  if (auto it = usage.find("completion_tokens_details"); it != usage.end())
    u.reasoning_tokens = count(*it, "reasoning_tokens");
  return u;
}

void settle_structured(sdk::LlmResult& result, bool structured) {
  result.truncated = result.finish_reason == "length";
  result.parsed = nullptr;
  if (!structured || result.truncated || result.refusal || !result.content ||
      result.finish_reason == "content_filter")
    return;
  json parsed = sdk::parse_json_or_discard(*result.content);
  if (parsed.is_discarded())
    off_contract("claims a complete structured answer that is not valid JSON");
  result.parsed = std::move(parsed);
}

sdk::LlmResult parse_chat_response(std::string_view body, bool structured) {
  json doc = sdk::parse_json_or_discard(body);
  if (doc.is_discarded()) off_contract("is not valid JSON");
  if (!doc.is_object()) off_contract("is not a JSON object");
  auto choices = doc.find("choices");
  if (choices == doc.end() || !choices->is_array() || choices->empty())
    off_contract("has no choices");
  const json& choice = (*choices)[0];
  if (!choice.is_object()) off_contract("has a malformed choice");
  auto message = choice.find("message");
  if (message == choice.end() || !message->is_object())
    off_contract("has no message in its first choice");

  sdk::LlmResult r;
  r.provider = kProvider;
  r.content = optional_text(*message, "content");
  r.refusal = optional_text(*message, "refusal");
  if (auto fr = optional_text(choice, "finish_reason")) r.finish_reason = *fr;
  if (auto m = optional_text(doc, "model")) r.model = *m;
  if (auto id = optional_text(doc, "id")) r.response_id = *id;
  if (auto u = doc.find("usage"); u != doc.end())
    r.usage = parse_chat_usage(*u);
  settle_structured(r, structured);
  return r;
}

}  // namespace aihost::openai
