// The fake's /v1/chat/completions: request rules and answer shapes.
#include "fakes/fake_openai.hpp"

#include <strings.h>

#include <algorithm>
#include <set>

namespace aihost::fakes {

using nlohmann::json;

namespace {

constexpr long long kCreated = 1764000000;

bool starts_with(const std::string& s, const char* prefix) {
  return s.rfind(prefix, 0) == 0;
}

bool reasoning_model(const std::string& model) {
  return starts_with(model, "o1") || starts_with(model, "o3") ||
         starts_with(model, "o4") || starts_with(model, "gpt-5");
}

bool known_model(const std::string& model) {
  return starts_with(model, "gpt-") || starts_with(model, "chatgpt-") ||
         reasoning_model(model);
}

// The dated snapshot a real answer names.
std::string snapshot(const std::string& model) {
  if (model.size() > 11 && model[model.size() - 11] == '-' &&
      std::isdigit(static_cast<unsigned char>(model.back())))
    return model;
  return model + "-2025-04-14";
}

FakeResponse invalid(const std::string& message,
                     const std::optional<std::string>& param,
                     const std::optional<std::string>& code) {
  return openai_error(400, message, "invalid_request_error", param, code);
}

const char* json_type(const json& v) {
  if (v.is_string()) return "a string";
  if (v.is_boolean()) return "a boolean";
  if (v.is_number_integer()) return "an integer";
  if (v.is_number()) return "a decimal";
  if (v.is_array()) return "an array";
  if (v.is_object()) return "an object";
  return "null";
}

// The strict-mode rules the real API enforces on a json_schema: every
// object closes additionalProperties and requires all of its properties.
std::optional<std::string> strict_schema_problem(const json& schema,
                                                 const std::string& context) {
  if (!schema.is_object()) return std::nullopt;
  if (schema.value("type", json()) == "object") {
    if (schema.value("additionalProperties", json(true)) != json(false))
      return "In context=(" + context +
             "), 'additionalProperties' is required to be supplied and to be "
             "false.";
    std::set<std::string> required;
    for (const auto& r : schema.value("required", json::array()))
      if (r.is_string()) required.insert(r.get<std::string>());
    const json properties = schema.value("properties", json::object());
    for (const auto& [name, sub] : properties.items()) {
      if (!required.count(name))
        return "In context=(" + context +
               "), 'required' is required to be supplied and to be an array "
               "including every key in properties. Missing '" +
               name + "'.";
      if (auto p = strict_schema_problem(
              sub, context + (context.empty() ? "" : ", ") + "'properties', '" +
                       name + "'"))
        return p;
    }
  }
  if (auto items = schema.find("items"); items != schema.end())
    return strict_schema_problem(
        *items, context + (context.empty() ? "" : ", ") + "'items'");
  return std::nullopt;
}

std::optional<FakeResponse> check_response_format(const json& rf,
                                                  const json& messages) {
  if (!rf.is_object() || !rf.contains("type") || !rf["type"].is_string())
    return invalid("Missing required parameter: 'response_format.type'.",
                   "response_format.type", "missing_required_parameter");
  std::string type = rf["type"];
  if (type == "text") return std::nullopt;
  if (type == "json_object") {
    if (messages.dump().find("json") == std::string::npos &&
        messages.dump().find("JSON") == std::string::npos)
      return invalid(
          "'messages' must contain the word 'json' in some form, to use "
          "'response_format' of type 'json_object'.",
          "messages", std::nullopt);
    return std::nullopt;
  }
  if (type != "json_schema")
    return invalid("Invalid value: '" + type +
                       "'. Supported values are: 'text', 'json_object', and "
                       "'json_schema'.",
                   "response_format.type", "invalid_value");
  const json js = rf.value("json_schema", json());
  if (!js.is_object() || !js.contains("name"))
    return invalid(
        "Missing required parameter: 'response_format.json_schema.name'.",
        "response_format.json_schema.name", "missing_required_parameter");
  std::string name =
      js["name"].is_string() ? js["name"].get<std::string>() : "";
  bool name_ok = !name.empty() && name.size() <= 64 &&
                 std::all_of(name.begin(), name.end(), [](unsigned char c) {
                   return std::isalnum(c) || c == '_' || c == '-';
                 });
  if (!name_ok)
    return invalid(
        "Invalid 'response_format.json_schema.name': string does not "
        "match pattern. Expected a string that matches the pattern "
        "'^[a-zA-Z0-9_-]+$'.",
        "response_format.json_schema.name", "invalid_value");
  if (js.value("strict", json(false)) == json(true))
    if (auto problem =
            strict_schema_problem(js.value("schema", json::object()), ""))
      return invalid(
          "Invalid schema for response_format '" + name + "': " + *problem,
          "response_format", std::nullopt);
  return std::nullopt;
}

std::optional<FakeResponse> check_messages(const json& body) {
  if (!body.contains("messages"))
    return invalid("Missing required parameter: 'messages'.", "messages",
                   "missing_required_parameter");
  const json& messages = body["messages"];
  if (!messages.is_array())
    return invalid(
        std::string("Invalid type for 'messages': expected an array, "
                    "but got ") +
            json_type(messages) + " instead.",
        "messages", "invalid_type");
  if (messages.empty())
    return invalid(
        "Invalid 'messages': empty array. Expected an array with "
        "minimum length 1, but got an empty array instead.",
        "messages", "empty_array");
  static const std::set<std::string> kRoles = {
      "system", "assistant", "user", "function", "tool", "developer"};
  for (size_t i = 0; i < messages.size(); ++i) {
    const json& m = messages[i];
    std::string at = "messages[" + std::to_string(i) + "]";
    std::string role =
        m.is_object() && m.contains("role") && m["role"].is_string()
            ? m["role"].get<std::string>()
            : "";
    if (!kRoles.count(role))
      return invalid("Invalid value: '" + role +
                         "'. Supported values are: 'system', 'assistant', "
                         "'user', 'function', 'tool', and 'developer'.",
                     at + ".role", "invalid_value");
    if (!m.contains("content") && role != "assistant")
      return invalid("Missing required parameter: '" + at + ".content'.",
                     at + ".content", "missing_required_parameter");
  }
  return std::nullopt;
}

std::optional<FakeResponse> check_chat(const json& body) {
  static const std::set<std::string> kKnown = {"model",
                                               "messages",
                                               "response_format",
                                               "max_completion_tokens",
                                               "max_tokens",
                                               "temperature",
                                               "top_p",
                                               "n",
                                               "seed",
                                               "stop",
                                               "stream",
                                               "stream_options",
                                               "logprobs",
                                               "top_logprobs",
                                               "tools",
                                               "tool_choice",
                                               "parallel_tool_calls",
                                               "store",
                                               "metadata",
                                               "user",
                                               "safety_identifier",
                                               "service_tier",
                                               "reasoning_effort",
                                               "verbosity",
                                               "prompt_cache_key",
                                               "frequency_penalty",
                                               "presence_penalty",
                                               "logit_bias",
                                               "modalities",
                                               "audio",
                                               "prediction",
                                               "web_search_options"};
  for (const auto& [key, value] : body.items()) {
    (void)value;
    if (!kKnown.count(key))
      return invalid("Unrecognized request argument supplied: " + key,
                     std::nullopt, std::nullopt);
  }
  if (!body.contains("model") || !body["model"].is_string())
    return invalid("you must provide a model parameter", std::nullopt,
                   std::nullopt);
  std::string model = body["model"];
  if (!known_model(model))
    return openai_error(404,
                        "The model `" + model +
                            "` does not exist or you do not have access to it.",
                        "invalid_request_error", std::nullopt,
                        std::string("model_not_found"));
  if (auto bad = check_messages(body)) return bad;
  if (body.contains("max_tokens") && reasoning_model(model))
    return invalid(
        "Unsupported parameter: 'max_tokens' is not supported with "
        "this model. Use 'max_completion_tokens' instead.",
        "max_tokens", "unsupported_parameter");
  if (auto it = body.find("max_completion_tokens"); it != body.end()) {
    if (!it->is_number_integer())
      return invalid(std::string("Invalid type for 'max_completion_tokens': "
                                 "expected an integer, but got ") +
                         json_type(*it) + " instead.",
                     "max_completion_tokens", "invalid_type");
    if (it->get<long long>() < 1)
      return invalid(
          "Invalid 'max_completion_tokens': integer below minimum "
          "value. Expected a value >= 1.",
          "max_completion_tokens", "integer_below_min_value");
  }
  if (auto it = body.find("temperature"); it != body.end())
    if (!it->is_number() || it->get<double>() < 0 || it->get<double>() > 2)
      return invalid(
          "Invalid 'temperature': expected a decimal between 0 and 2.",
          "temperature", "invalid_value");
  if (auto it = body.find("stream"); it != body.end() && !it->is_boolean())
    return invalid(std::string("Invalid type for 'stream': expected a boolean, "
                               "but got ") +
                       json_type(*it) + " instead.",
                   "stream", "invalid_type");
  if (body.contains("stream_options") && body.value("stream", false) != true)
    return invalid(
        "The 'stream_options' parameter is only allowed when "
        "'stream' is enabled.",
        "stream_options", "invalid_value");
  if (auto it = body.find("response_format"); it != body.end())
    if (auto bad = check_response_format(*it, body["messages"])) return bad;
  return std::nullopt;
}

json usage_json(const ChatReply& reply) {
  json u = {{"prompt_tokens", reply.prompt_tokens},
            {"completion_tokens", reply.completion_tokens},
            {"total_tokens", reply.prompt_tokens + reply.completion_tokens}};
  if (reply.cached_tokens)
    u["prompt_tokens_details"] = {{"cached_tokens", *reply.cached_tokens},
                                  {"audio_tokens", 0}};
  if (reply.reasoning_tokens)
    u["completion_tokens_details"] = {
        {"reasoning_tokens", *reply.reasoning_tokens},
        {"audio_tokens", 0},
        {"accepted_prediction_tokens", 0},
        {"rejected_prediction_tokens", 0}};
  return u;
}

json opt(const std::optional<std::string>& s) {
  return s ? json(*s) : json(nullptr);
}

// Splits text the way token deltas arrive: a few characters at a time.
std::vector<std::string> pieces(const std::string& text) {
  std::vector<std::string> out;
  for (size_t i = 0; i < text.size(); i += 5) out.push_back(text.substr(i, 5));
  return out;
}

}  // namespace

FakeResponse FakeOpenAI::chat(const FakeRequest& request,
                              std::optional<OpenAiFault> fault) {
  auto ct = request.header("Content-Type").value_or("");
  json body = json::parse(request.body, nullptr, false);
  if (strncasecmp(ct.c_str(), "application/json", 16) != 0 ||
      body.is_discarded() || !body.is_object())
    return invalid(
        "We could not parse the JSON body of your request. (HINT: This likely "
        "means you aren't using your HTTP library correctly. The OpenAI API "
        "expects a JSON payload, but what was sent was not valid JSON.)",
        std::nullopt, std::nullopt);
  if (auto bad = check_chat(body)) return *bad;

  ChatReply reply;
  std::function<ChatReply(const json&)> responder;
  int id;
  {
    std::lock_guard lock(mu_);
    reply = chat_reply_;
    responder = chat_responder_;
    id = next_id_;
  }
  if (responder) reply = responder(body);
  if (body.value("stream", false)) return stream(body, reply, fault);

  json answer = {{"id", "chatcmpl-fake" + std::to_string(id)},
                 {"object", "chat.completion"},
                 {"created", kCreated},
                 {"model", snapshot(body["model"])}};
  if (fault != OpenAiFault::no_choices)
    answer["choices"] = json::array({{{"index", 0},
                                      {"message",
                                       {{"role", "assistant"},
                                        {"content", opt(reply.content)},
                                        {"refusal", opt(reply.refusal)},
                                        {"annotations", json::array()}}},
                                      {"logprobs", nullptr},
                                      {"finish_reason", reply.finish_reason}}});
  answer["usage"] = usage_json(reply);
  answer["service_tier"] = "default";
  answer["system_fingerprint"] = "fp_fake0001";
  return FakeResponse::json(200, answer.dump(2));
}

FakeResponse FakeOpenAI::stream(const json& body, const ChatReply& reply,
                                std::optional<OpenAiFault> fault) {
  size_t chunk_bytes;
  int id;
  {
    std::lock_guard lock(mu_);
    chunk_bytes = stream_chunk_bytes_;
    id = next_id_;
  }
  bool include_usage = body.value("stream_options", json::object())
                           .value("include_usage", false);
  json base = {{"id", "chatcmpl-fake" + std::to_string(id)},
               {"object", "chat.completion.chunk"},
               {"created", kCreated},
               {"model", snapshot(body["model"])},
               {"service_tier", "default"},
               {"system_fingerprint", "fp_fake0001"}};
  std::vector<std::string> events;
  auto add = [&](const json& delta, const json& finish) {
    json c = base;
    c["choices"] = json::array({{{"index", 0},
                                 {"delta", delta},
                                 {"logprobs", nullptr},
                                 {"finish_reason", finish}}});
    if (include_usage) c["usage"] = nullptr;
    events.push_back("data: " + c.dump() + "\n\n");
  };
  add({{"role", "assistant"},
       {"content", reply.refusal ? json(nullptr) : json("")},
       {"refusal", nullptr}},
      nullptr);
  for (const auto& p : pieces(reply.content.value_or("")))
    add({{"content", p}}, nullptr);
  for (const auto& p : pieces(reply.refusal.value_or("")))
    add({{"refusal", p}}, nullptr);

  FakeResponse r;
  r.status = 200;
  r.headers = {{"Content-Type", "text/event-stream; charset=utf-8"},
               {"Cache-Control", "no-cache"}};
  if (fault == OpenAiFault::stream_cut) {
    events.resize(std::min<size_t>(events.size(), 3));
    r.cut = true;
  } else if (fault == OpenAiFault::stream_error) {
    events.resize(std::min<size_t>(events.size(), 2));
    json err = {{"error",
                 {{"message",
                   "The server had an error while processing your "
                   "request. Sorry about that!"},
                  {"type", "server_error"},
                  {"param", nullptr},
                  {"code", nullptr}}}};
    events.push_back("data: " + err.dump() + "\n\n");
  } else {
    add(json::object(), reply.finish_reason);
    if (include_usage) {
      json u = base;
      u["choices"] = json::array();
      u["usage"] = usage_json(reply);
      events.push_back("data: " + u.dump() + "\n\n");
    }
    events.push_back("data: [DONE]\n\n");
  }
  if (chunk_bytes == 0) {
    r.chunks = std::move(events);
  } else {
    std::string all;
    for (const auto& e : events) all += e;
    for (size_t i = 0; i < all.size(); i += chunk_bytes)
      r.chunks.push_back(all.substr(i, chunk_bytes));
  }
  return r;
}

}  // namespace aihost::fakes
