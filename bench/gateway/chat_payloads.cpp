#include "chat_payloads.hpp"

#include <nlohmann/json.hpp>

namespace aihost::bench {
namespace {

using nlohmann::json;

constexpr const char* kWords[] = {
    "The",        " caller", " asked",  " to",       " move",    " the",
    " delivery",  " window", " to",     " Thursday", " morning", ",",
    " and",       " the",    " agent",  " agreed",   " after",   " checking",
    " the",       " route",  " plan",   ".",         " Both",    " sides",
    " confirmed", " the",    " new",    " slot",     " and",     " the",
    " reference", " number", " before", " ending",   " the",     " call",
    "."};
constexpr int kWordCount = sizeof(kWords) / sizeof(kWords[0]);

// The reply repeats the sentence as often as needed, a space between turns.
std::string word(int i) {
  std::string w = kWords[i % kWordCount];
  if (i > 0 && i % kWordCount == 0) w.insert(0, 1, ' ');
  return w;
}

std::string json_string(std::string_view s) { return json(s).dump(); }

const char* kFingerprint = "\"fp_b3nch0001\"";

}  // namespace

ApiError api_error(int status, std::string_view message, std::string_view type,
                   std::string_view param, std::string_view code) {
  json err = {{"message", message},
              {"type", type},
              {"param", param.empty() ? json(nullptr) : json(param)},
              {"code", code.empty() ? json(nullptr) : json(code)}};
  return {status, json{{"error", err}}.dump()};
}

bool parse_chat_request(std::string_view body, ChatRequest& out,
                        ApiError& error) {
  json req = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (req.is_discarded() || !req.is_object()) {
    error = api_error(400,
                      "We could not parse the JSON body of your request. "
                      "(HINT: This likely means you aren't using your HTTP "
                      "library correctly.)",
                      "invalid_request_error", "", "");
    return false;
  }
  auto model = req.find("model");
  if (model == req.end() || !model->is_string() ||
      model->get_ref<const std::string&>().empty()) {
    error = api_error(400, "you must provide a model parameter",
                      "invalid_request_error", "model", "");
    return false;
  }
  auto messages = req.find("messages");
  if (messages == req.end() || !messages->is_array() || messages->empty()) {
    error = api_error(
        400,
        messages == req.end() ? "Missing required parameter: 'messages'."
                              : "Invalid 'messages': empty array. Expected an "
                                "array with minimum length 1.",
        "invalid_request_error", "messages",
        messages == req.end() ? "missing_required_parameter" : "empty_array");
    return false;
  }
  int chars = 0;
  for (const auto& m : *messages) {
    auto role = m.is_object() ? m.find("role") : m.end();
    if (!m.is_object() || role == m.end() || !role->is_string()) {
      error = api_error(400, "Missing required parameter: 'messages[].role'.",
                        "invalid_request_error", "messages",
                        "missing_required_parameter");
      return false;
    }
    if (auto c = m.find("content"); c != m.end() && c->is_string())
      chars += static_cast<int>(c->get_ref<const std::string&>().size());
  }
  out.stream = false;
  if (auto s = req.find("stream"); s != req.end() && !s->is_null()) {
    if (!s->is_boolean()) {
      error = api_error(400,
                        "Invalid type for 'stream': expected a boolean, but "
                        "got a value instead.",
                        "invalid_request_error", "stream", "invalid_type");
      return false;
    }
    out.stream = s->get<bool>();
  }
  out.include_usage = false;
  if (auto so = req.find("stream_options"); so != req.end() && !so->is_null()) {
    if (!out.stream) {
      error = api_error(400,
                        "The 'stream_options' parameter is only allowed when "
                        "'stream' is enabled.",
                        "invalid_request_error", "stream_options", "");
      return false;
    }
    auto iu = so->is_object() ? so->find("include_usage") : so->end();
    out.include_usage = iu != so->end() && iu->is_boolean() && iu->get<bool>();
  }
  out.model_json = model->dump();
  // Roughly what a tokenizer gives for English: four characters a token,
  // plus the per-message framing tokens.
  out.prompt_tokens = chars / 4 + 7 * static_cast<int>(messages->size());
  return true;
}

ChatReply::ChatReply(const ChatRequest& request, uint64_t id, int64_t created_s)
    : request_(request),
      id_(json_string("chatcmpl-bench" + std::to_string(id))),
      created_(std::to_string(created_s)) {}

std::string ChatReply::usage_json(int completion_tokens) const {
  int p = request_.prompt_tokens;
  return "{\"prompt_tokens\":" + std::to_string(p) +
         ",\"completion_tokens\":" + std::to_string(completion_tokens) +
         ",\"total_tokens\":" + std::to_string(p + completion_tokens) +
         ",\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0}"
         ",\"completion_tokens_details\":{\"reasoning_tokens\":0,"
         "\"audio_tokens\":0,\"accepted_prediction_tokens\":0,"
         "\"rejected_prediction_tokens\":0}}";
}

std::string ChatReply::completion(int words) const {
  std::string text;
  for (int i = 0; i < words; ++i) text += word(i);
  return "{\"id\":" + id_ +
         ",\"object\":\"chat.completion\",\"created\":" + created_ +
         ",\"model\":" + request_.model_json +
         ",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
         "\"content\":" +
         json_string(text) +
         ",\"refusal\":null,\"annotations\":[]},\"logprobs\":null,"
         "\"finish_reason\":\"stop\"}],\"usage\":" +
         usage_json(words) +
         ",\"service_tier\":\"default\",\"system_fingerprint\":" +
         kFingerprint + "}";
}

std::string ChatReply::chunk(std::string_view choices,
                             std::string_view usage) const {
  std::string out =
      "{\"id\":" + id_ +
      ",\"object\":\"chat.completion.chunk\",\"created\":" + created_ +
      ",\"model\":" + request_.model_json +
      ",\"service_tier\":\"default\",\"system_fingerprint\":" + kFingerprint +
      ",\"choices\":" + std::string(choices);
  // With include_usage every chunk but the last carries "usage":null.
  if (request_.include_usage) out += ",\"usage\":" + std::string(usage);
  out += "}";
  return out;
}

std::string ChatReply::role_chunk() const {
  return chunk(
      "[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\","
      "\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}]",
      "null");
}

std::string ChatReply::content_chunk(int index) const {
  return chunk(
      "[{\"index\":0,\"delta\":{\"content\":" + json_string(word(index)) +
          "},\"logprobs\":null,\"finish_reason\":null}]",
      "null");
}

std::string ChatReply::finish_chunk() const {
  return chunk(
      "[{\"index\":0,\"delta\":{},\"logprobs\":null,"
      "\"finish_reason\":\"stop\"}]",
      "null");
}

std::string ChatReply::usage_chunk(int completion_tokens) const {
  return chunk("[]", usage_json(completion_tokens));
}

std::string sse_event(std::string_view json) {
  std::string e;
  e.reserve(json.size() + 8);
  e += "data: ";
  e += json;
  e += "\n\n";
  return e;
}

}  // namespace aihost::bench
