#include "fakes/fake_openai.hpp"

#include <strings.h>

namespace aihost::fakes {

using nlohmann::json;

FakeResponse openai_error(int status, const std::string& message,
                          const std::string& type,
                          const std::optional<std::string>& param,
                          const std::optional<std::string>& code) {
  json body = {{"error",
                {{"message", message},
                 {"type", type},
                 {"param", param ? json(*param) : json(nullptr)},
                 {"code", code ? json(*code) : json(nullptr)}}}};
  return FakeResponse::json(status, body.dump(2));
}

FakeOpenAI::FakeOpenAI(std::string api_key)
    : api_key_(std::move(api_key)),
      server_([this](const FakeRequest& r) { return handle(r); }) {}

void FakeOpenAI::fail_next(OpenAiFault fault, int times) {
  std::lock_guard lock(mu_);
  for (int i = 0; i < times; ++i) faults_.push_back(fault);
}

void FakeOpenAI::set_chat_reply(ChatReply reply) {
  std::lock_guard lock(mu_);
  chat_reply_ = std::move(reply);
}

void FakeOpenAI::set_chat_responder(
    std::function<ChatReply(const nlohmann::json& body)> responder) {
  std::lock_guard lock(mu_);
  chat_responder_ = std::move(responder);
}

void FakeOpenAI::set_transcript(TranscriptReply reply) {
  std::lock_guard lock(mu_);
  transcript_ = std::move(reply);
}

void FakeOpenAI::set_slow_ms(int ms) {
  std::lock_guard lock(mu_);
  slow_ms_ = ms;
}

void FakeOpenAI::set_stream_chunk_bytes(size_t n) {
  std::lock_guard lock(mu_);
  stream_chunk_bytes_ = n;
}

json FakeOpenAI::json_body(const FakeRequest& request) {
  return json::parse(request.body);
}

std::vector<FormPart> FakeOpenAI::form(const FakeRequest& request) {
  auto boundary =
      multipart_boundary(request.header("Content-Type").value_or(""));
  if (!boundary) throw MultipartError("not multipart/form-data");
  return parse_multipart(request.body, *boundary);
}

namespace {

// The key as OpenAI echoes it in a 401: a prefix, stars, the last four.
std::string masked(const std::string& key) {
  if (key.size() <= 8) return "****";
  return key.substr(0, 3) + "*****" + key.substr(key.size() - 4);
}

}  // namespace

FakeResponse FakeOpenAI::handle(const FakeRequest& request) {
  FakeResponse r = respond(request);
  int id;
  {
    std::lock_guard lock(mu_);
    id = next_id_++;
  }
  r.headers.push_back({"x-request-id", "req_fake" + std::to_string(id)});
  r.headers.push_back({"openai-processing-ms", "12"});
  return r;
}

FakeResponse FakeOpenAI::respond(const FakeRequest& request) {
  bool is_chat = request.path == "/v1/chat/completions";
  bool is_audio = request.path == "/v1/audio/transcriptions";
  if (request.method != "POST" || (!is_chat && !is_audio))
    return openai_error(
        404, "Invalid URL (" + request.method + " " + request.path + ")",
        "invalid_request_error", std::nullopt, std::nullopt);

  auto auth = request.header("Authorization");
  if (!auth || auth->empty())
    return openai_error(
        401,
        "You didn't provide an API key. You need to provide your API key in an "
        "Authorization header using Bearer auth (i.e. Authorization: Bearer "
        "YOUR_KEY).",
        "invalid_request_error", std::nullopt, std::nullopt);
  if (auth->size() < 7 || strncasecmp(auth->c_str(), "Bearer ", 7) != 0 ||
      auth->substr(7) != api_key_)
    return openai_error(401,
                        "Incorrect API key provided: " +
                            masked(auth->size() > 7 ? auth->substr(7) : *auth) +
                            ". You can find your API key at "
                            "https://platform.openai.com/account/api-keys.",
                        "invalid_request_error", std::nullopt,
                        std::string("invalid_api_key"));

  std::optional<OpenAiFault> fault;
  int slow_ms;
  {
    std::lock_guard lock(mu_);
    if (!faults_.empty()) {
      fault = faults_.front();
      faults_.pop_front();
    }
    slow_ms = slow_ms_;
  }
  if (fault) {
    FakeResponse r;
    switch (*fault) {
      case OpenAiFault::rate_limit:
      case OpenAiFault::rate_limit_retry_after:
      case OpenAiFault::rate_limit_retry_after_ms:
        r = openai_error(
            429,
            "Rate limit reached for requests per min (RPM): Limit 3, Used 3, "
            "Requested 1. Please try again in 20ms.",
            "requests", std::nullopt, std::string("rate_limit_exceeded"));
        r.headers.push_back({"x-ratelimit-remaining-requests", "0"});
        r.headers.push_back({"x-ratelimit-reset-requests", "20ms"});
        if (*fault != OpenAiFault::rate_limit)
          r.headers.push_back({"Retry-After", "1"});
        if (*fault == OpenAiFault::rate_limit_retry_after_ms)
          r.headers.push_back({"retry-after-ms", "20"});
        return r;
      case OpenAiFault::insufficient_quota:
        return openai_error(
            429,
            "You exceeded your current quota, please check your plan and "
            "billing details.",
            "insufficient_quota", std::nullopt,
            std::string("insufficient_quota"));
      case OpenAiFault::server_error:
        return openai_error(
            500,
            "The server had an error while processing your request. Sorry "
            "about that!",
            "server_error", std::nullopt, std::nullopt);
      case OpenAiFault::overloaded:
        return openai_error(503, "The server is overloaded or not ready yet.",
                            "server_error", std::nullopt, std::nullopt);
      case OpenAiFault::reset:
        r.reset = true;
        return r;
      case OpenAiFault::malformed_json:
        return FakeResponse::json(
            200, R"({"id":"chatcmpl-cut","object":"chat.completion","choi)");
      case OpenAiFault::slow:
      case OpenAiFault::no_choices:
      case OpenAiFault::stream_cut:
      case OpenAiFault::stream_error:
        break;  // shaped by the endpoint
    }
  }
  FakeResponse r =
      is_chat ? chat(request, fault) : transcription(request, fault);
  if (fault == OpenAiFault::slow) r.delay_ms = slow_ms;
  return r;
}

}  // namespace aihost::fakes
