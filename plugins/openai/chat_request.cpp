#include "chat_request.hpp"

#include <array>
#include <cctype>
#include <string_view>

namespace aihost::openai {
namespace {

using sdk::Error;
using sdk::json;

[[noreturn]] void bad(const std::string& what) {
  throw Error(AIHOST_INVALID_ARGUMENT, what);
}

bool known_role(const std::string& role) {
  static constexpr std::array<std::string_view, 5> kRoles = {
      "system", "developer", "user", "assistant", "tool"};
  for (auto r : kRoles)
    if (role == r) return true;
  return false;
}

json build_messages(const json& params) {
  auto it = params.find("messages");
  if (it == params.end() || it->is_null()) bad("messages is required");
  if (!it->is_array() || it->empty()) bad("messages must be a non-empty array");
  json out = json::array();
  for (size_t i = 0; i < it->size(); ++i) {
    const json& m = (*it)[i];
    std::string at = "messages[" + std::to_string(i) + "]";
    if (!m.is_object()) bad(at + " must be an object");
    auto role = m.find("role");
    if (role == m.end() || !role->is_string() ||
        !known_role(role->get<std::string>()))
      bad(at + ".role must be one of system, developer, user, assistant, tool");
    auto content = m.find("content");
    if (content == m.end() || !(content->is_string() || content->is_array()))
      bad(at + ".content must be a string or an array of parts");
    json msg = {{"role", *role}, {"content", *content}};
    if (auto name = m.find("name"); name != m.end()) {
      if (!name->is_string()) bad(at + ".name must be a string");
      msg["name"] = *name;
    }
    if (auto id = m.find("tool_call_id"); id != m.end()) {
      if (!id->is_string()) bad(at + ".tool_call_id must be a string");
      msg["tool_call_id"] = *id;
    }
    out.push_back(std::move(msg));
  }
  return out;
}

bool valid_schema_name(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (unsigned char ch : name)
    if (!std::isalnum(ch) && ch != '_' && ch != '-') return false;
  return true;
}

// Returns true when the answer will be JSON text.
bool check_response_format(const json& rf) {
  if (!rf.is_object()) bad("response_format must be an object");
  auto type = rf.find("type");
  if (type == rf.end() || !type->is_string())
    bad("response_format.type must be a string");
  const auto& t = type->get_ref<const std::string&>();
  if (t == "text") return false;
  if (t == "json_object") return true;
  if (t != "json_schema")
    bad("response_format.type must be text, json_object or json_schema");
  auto js = rf.find("json_schema");
  if (js == rf.end() || !js->is_object())
    bad("response_format.json_schema must be an object");
  auto name = js->find("name");
  if (name == js->end() || !name->is_string() ||
      !valid_schema_name(name->get<std::string>()))
    bad("response_format.json_schema.name must be 1-64 characters of "
        "a-z, A-Z, 0-9, '_' or '-'");
  auto schema = js->find("schema");
  if (schema == js->end() || !schema->is_object())
    bad("response_format.json_schema.schema must be an object");
  if (auto strict = js->find("strict");
      strict != js->end() && !strict->is_null() && !strict->is_boolean())
    bad("response_format.json_schema.strict must be a boolean");
  return true;
}

void copy_number(const json& params, const char* name, double lo, double hi,
                 const char* range, json& body) {
  auto it = params.find(name);
  if (it == params.end() || it->is_null()) return;
  if (!it->is_number() || it->get<double>() < lo || it->get<double>() > hi)
    bad(std::string(name) + " must be a number from " + range);
  body[name] = *it;
}

}  // namespace

ChatRequest build_chat_request(const Config& config, const json& params,
                               bool stream) {
  ChatRequest req;
  json& body = req.body;
  body = json::object();

  std::string model = config.model_for(AIHOST_OP_LLM_CHAT, kDefaultChatModel);
  if (auto it = params.find("model"); it != params.end() && !it->is_null()) {
    if (!it->is_string() || it->get_ref<const std::string&>().empty())
      bad("model must be a non-empty string");
    model = it->get<std::string>();
  }
  body["model"] = model;
  body["messages"] = build_messages(params);

  if (auto it = params.find("response_format");
      it != params.end() && !it->is_null()) {
    req.structured = check_response_format(*it);
    body["response_format"] = *it;
  }
  // max_tokens is deprecated and refused by reasoning models.
  if (auto it = params.find("max_output_tokens");
      it != params.end() && !it->is_null()) {
    if (!it->is_number_integer() || it->get<long long>() < 1)
      bad("max_output_tokens must be a positive integer");
    body["max_completion_tokens"] = *it;
  }
  copy_number(params, "temperature", 0.0, 2.0, "0 to 2", body);
  copy_number(params, "top_p", 0.0, 1.0, "0 to 1", body);
  if (auto it = params.find("stop"); it != params.end() && !it->is_null()) {
    if (it->is_string()) {
      body["stop"] = json::array({*it});
    } else {
      if (!it->is_array() || it->size() > 4)
        bad("stop must be an array of at most 4 strings");
      for (const auto& s : *it)
        if (!s.is_string()) bad("stop must be an array of at most 4 strings");
      body["stop"] = *it;
    }
  }
  if (auto it = params.find("seed"); it != params.end() && !it->is_null()) {
    if (!it->is_number_integer()) bad("seed must be an integer");
    body["seed"] = *it;
  }
  if (stream) {
    body["stream"] = true;
    // Without it the stream carries no usage and cost can't be settled.
    body["stream_options"] = {{"include_usage", true}};
  }
  return req;
}

}  // namespace aihost::openai
