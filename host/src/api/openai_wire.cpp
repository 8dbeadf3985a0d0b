#include "api/openai_wire.hpp"

#include "api/api_error.hpp"

#include <cmath>
#include <cstdio>

namespace aihost::api::openai_wire {
namespace {

using json = nlohmann::json;

[[noreturn]] void invalid(const std::string& field, const std::string& why) {
  throw ApiError(400, "invalid_request", "'" + field + "' " + why);
}

// Content as a string, or the text parts of a content array joined.
std::string message_text(const json& content, const std::string& field) {
  if (content.is_string()) return content.get<std::string>();
  if (content.is_null()) return {};
  if (!content.is_array()) invalid(field, "must be a string or an array");
  std::string text;
  for (size_t i = 0; i < content.size(); ++i) {
    const auto& part = content[i];
    const std::string at = field + "[" + std::to_string(i) + "]";
    if (!part.is_object() || !part.contains("type"))
      invalid(at, "must be an object with a 'type'");
    if (part["type"] != "text")
      invalid(at + ".type", "'" + part["type"].dump() +
                                "' is not supported; only text parts are");
    if (!part.contains("text") || !part["text"].is_string())
      invalid(at + ".text", "must be a string");
    text += part["text"].get<std::string>();
  }
  return text;
}

int64_t non_negative_int(const json& v, const std::string& field) {
  if (!v.is_number_integer() || v.get<int64_t>() < 1)
    invalid(field, "must be a positive integer");
  return v.get<int64_t>();
}

}  // namespace

ChatRequest parse_chat_request(const json& body) {
  if (!body.is_object()) invalid("body", "must be a JSON object");
  ChatRequest out;
  json params = json::object();

  if (!body.contains("model") || !body["model"].is_string() ||
      body["model"].get<std::string>().empty())
    invalid("model", "is required and must be a non-empty string");
  out.model = body["model"].get<std::string>();
  params["model"] = out.model;

  if (!body.contains("messages") || !body["messages"].is_array() ||
      body["messages"].empty())
    invalid("messages", "is required and must be a non-empty array");
  json messages = json::array();
  for (size_t i = 0; i < body["messages"].size(); ++i) {
    const auto& m = body["messages"][i];
    const std::string at = "messages[" + std::to_string(i) + "]";
    if (!m.is_object()) invalid(at, "must be an object");
    if (!m.contains("role") || !m["role"].is_string())
      invalid(at + ".role", "is required and must be a string");
    const std::string role = m["role"];
    if (role != "system" && role != "developer" && role != "user" &&
        role != "assistant")
      invalid(at + ".role", "'" + role +
                                "' is not supported (system, developer, user, "
                                "assistant)");
    if (m.contains("tool_calls") || m.contains("function_call"))
      invalid(at, "tool calls are not supported");
    std::string text =
        message_text(m.value("content", json()), at + ".content");
    out.prompt_chars += static_cast<int64_t>(text.size());
    messages.push_back({{"role", role}, {"content", std::move(text)}});
  }
  params["messages"] = std::move(messages);

  for (const char* unsupported : {"tools", "functions", "tool_choice",
                                  "function_call", "audio", "prediction"})
    if (body.contains(unsupported) && !body[unsupported].is_null())
      invalid(unsupported, "is not supported by this gateway");
  if (body.contains("n") && !body["n"].is_null() && body["n"] != 1)
    invalid("n", "must be 1");

  if (body.contains("response_format") && !body["response_format"].is_null()) {
    const auto& rf = body["response_format"];
    if (!rf.is_object() || !rf.contains("type") || !rf["type"].is_string())
      invalid("response_format", "must be an object with a string 'type'");
    const std::string type = rf["type"];
    if (type == "json_schema") {
      if (!rf.contains("json_schema") || !rf["json_schema"].is_object() ||
          !rf["json_schema"].contains("name") ||
          !rf["json_schema"]["name"].is_string())
        invalid("response_format.json_schema",
                "must be an object with a string 'name'");
    } else if (type != "text" && type != "json_object") {
      invalid("response_format.type",
              "must be text, json_object or json_schema");
    }
    params["response_format"] = rf;
  }

  for (const char* field : {"max_completion_tokens", "max_tokens"})
    if (body.contains(field) && !body[field].is_null()) {
      out.max_output_tokens = non_negative_int(body[field], field);
      break;
    }
  if (out.max_output_tokens > 0)
    params["max_output_tokens"] = out.max_output_tokens;

  for (const char* field : {"temperature", "top_p"})
    if (body.contains(field) && !body[field].is_null()) {
      if (!body[field].is_number()) invalid(field, "must be a number");
      params[field] = body[field];
    }
  if (body.contains("seed") && !body["seed"].is_null()) {
    if (!body["seed"].is_number_integer())
      invalid("seed", "must be an integer");
    params["seed"] = body["seed"];
  }
  if (body.contains("stop") && !body["stop"].is_null()) {
    const auto& stop = body["stop"];
    if (stop.is_string()) {
      params["stop"] = json::array({stop});
    } else if (stop.is_array() && stop.size() <= 4 &&
               std::all_of(stop.begin(), stop.end(),
                           [](const json& s) { return s.is_string(); })) {
      params["stop"] = stop;
    } else {
      invalid("stop", "must be a string or an array of up to 4 strings");
    }
  }

  if (body.contains("stream") && !body["stream"].is_null()) {
    if (!body["stream"].is_boolean()) invalid("stream", "must be a boolean");
    out.stream = body["stream"].get<bool>();
  }
  if (body.contains("stream_options") && !body["stream_options"].is_null()) {
    const auto& so = body["stream_options"];
    if (!so.is_object()) invalid("stream_options", "must be an object");
    if (!out.stream) invalid("stream_options", "is only allowed with stream");
    if (so.contains("include_usage")) {
      if (!so["include_usage"].is_boolean())
        invalid("stream_options.include_usage", "must be a boolean");
      out.include_usage = so["include_usage"].get<bool>();
    }
  }
  out.params = std::move(params);
  return out;
}

json chat_usage(const json& usage) {
  const int64_t in = usage.value("input_tokens", int64_t{0});
  const int64_t out = usage.value("output_tokens", int64_t{0});
  return {
      {"prompt_tokens", in},
      {"completion_tokens", out},
      {"total_tokens", in + out},
      {"prompt_tokens_details",
       {{"cached_tokens", usage.value("cached_tokens", int64_t{0})},
        {"audio_tokens", usage.value("audio_input_tokens", int64_t{0})}}},
      {"completion_tokens_details",
       {{"reasoning_tokens", usage.value("reasoning_tokens", int64_t{0})}}}};
}

json chat_completion(const json& result, const std::string& requested_model,
                     int64_t created) {
  std::string id = result.value("response_id", std::string());
  if (id.empty()) id = "chatcmpl-aihost";
  std::string model = result.value("model", std::string());
  if (model.empty()) model = requested_model;
  json message = {{"role", "assistant"},
                  {"content", result.value("content", json())},
                  {"refusal", result.value("refusal", json())}};
  std::string finish = result.value("finish_reason", std::string("stop"));
  if (finish.empty()) finish = "stop";
  return {{"id", id},
          {"object", "chat.completion"},
          {"created", created},
          {"model", model},
          {"choices", json::array({{{"index", 0},
                                    {"message", message},
                                    {"logprobs", nullptr},
                                    {"finish_reason", finish}}})},
          {"usage", chat_usage(result.value("usage", json::object()))},
          {"system_fingerprint", nullptr}};
}

json chat_chunk(const std::string& id, const std::string& model,
                int64_t created, const json& delta, const json& finish_reason) {
  return {{"id", id},
          {"object", "chat.completion.chunk"},
          {"created", created},
          {"model", model},
          {"system_fingerprint", nullptr},
          {"choices", json::array({{{"index", 0},
                                    {"delta", delta},
                                    {"logprobs", nullptr},
                                    {"finish_reason", finish_reason}}})}};
}

std::string timestamp(double seconds, char millis_separator) {
  if (!(seconds >= 0)) seconds = 0;
  const auto total_ms = static_cast<int64_t>(std::llround(seconds * 1000));
  char text[32];
  std::snprintf(text, sizeof text, "%02lld:%02lld:%02lld%c%03lld",
                static_cast<long long>(total_ms / 3600000),
                static_cast<long long>(total_ms / 60000 % 60),
                static_cast<long long>(total_ms / 1000 % 60), millis_separator,
                static_cast<long long>(total_ms % 1000));
  return text;
}

json transcription_body(const json& t, const std::string& format) {
  const std::string text = t.value("text", std::string());
  const json segments = t.value("segments", json::array());
  if (format == "text") return text;
  if (format == "srt" || format == "vtt") {
    const char sep = format == "srt" ? ',' : '.';
    std::string out = format == "vtt" ? "WEBVTT\n\n" : "";
    int n = 0;
    for (const auto& s : segments) {
      if (format == "srt") out += std::to_string(++n) + "\n";
      out += timestamp(s.value("start", 0.0), sep) + " --> " +
             timestamp(s.value("end", 0.0), sep) + "\n" +
             s.value("text", std::string()) + "\n\n";
    }
    return out;
  }
  const json usage = t.value("usage", json::object());
  if (format == "json") {
    json body = {{"text", text}};
    if (usage.value("input_tokens", int64_t{0}) > 0)
      body["usage"] = {
          {"type", "tokens"},
          {"input_tokens", usage.value("input_tokens", int64_t{0})},
          {"output_tokens", usage.value("output_tokens", int64_t{0})},
          {"total_tokens", usage.value("input_tokens", int64_t{0}) +
                               usage.value("output_tokens", int64_t{0})}};
    return body;
  }
  // verbose_json
  json out_segments = json::array();
  for (const auto& s : segments)
    out_segments.push_back({{"id", s.value("id", 0)},
                            {"seek", 0},
                            {"start", s.value("start", 0.0)},
                            {"end", s.value("end", 0.0)},
                            {"text", s.value("text", std::string())},
                            {"tokens", json::array()},
                            {"temperature", 0.0},
                            {"avg_logprob", 0.0},
                            {"compression_ratio", 0.0},
                            {"no_speech_prob", 0.0}});
  json words = json::array();
  for (const auto& w : t.value("words", json::array()))
    words.push_back({{"word", w.value("word", std::string())},
                     {"start", w.value("start", 0.0)},
                     {"end", w.value("end", 0.0)}});
  return {{"task", "transcribe"},
          {"language", t.value("language", std::string())},
          {"duration", t.value("duration", 0.0)},
          {"text", text},
          {"segments", out_segments},
          {"words", words}};
}

}  // namespace aihost::api::openai_wire
