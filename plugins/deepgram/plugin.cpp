// The Deepgram provider: audio.transcribe over POST /v1/listen with the raw
// audio as the body, including native multichannel transcription.
#include "config.hpp"
#include "errors.hpp"
#include "listen_query.hpp"
#include "listen_response.hpp"

#include <aihost/plugin.hpp>

namespace aihost::deepgram {
namespace {

using sdk::Error;
using sdk::json;

// Deepgram sniffs the container itself but still wants a media type; a
// JSON or form type would make it read the body as a URL request.
bool is_media_type(std::string_view type) {
  return type.rfind("audio/", 0) == 0 || type.rfind("video/", 0) == 0 ||
         type == "application/octet-stream";
}

class DeepgramInstance : public sdk::Instance {
 public:
  explicit DeepgramInstance(Config config) : config_(std::move(config)) {}

  json invoke(const aihost_call* call, const sdk::Request& req) override {
    ListenOptions options = parse_listen_params(req.params, config_);
    if (req.payload.empty())
      throw Error(AIHOST_INVALID_ARGUMENT, "the audio payload is empty");
    if (!is_media_type(req.payload_type))
      throw Error(AIHOST_INVALID_ARGUMENT,
                  "payload_type must be an audio media type such as "
                  "audio/wav, got '" +
                      std::string(req.payload_type) + "'");
    if (req.api_key.empty())
      throw Error(AIHOST_UNAUTHENTICATED, "no Deepgram API key for this call");

    sdk::HttpRequest http;
    http.method = "POST";
    http.url =
        config_.base_url + "/v1/listen?" + build_listen_query(options, config_);
    http.headers = {{"Authorization", "Token " + std::string(req.api_key)},
                    {"Content-Type", std::string(req.payload_type)},
                    {"Accept", "application/json"}};
    http.body = std::string(req.payload);
    http.timeout_ms = config_.timeout_ms;
    // Deepgram: retrying a 4xx other than 408/429 cannot succeed.
    http.retry_veto = [](int status, const std::vector<sdk::Header>&,
                         std::string_view) {
      return status >= 400 && status < 500 && status != 408 && status != 429;
    };

    sdk::HttpResponse resp = sdk::Host::get().send(call, http);
    if (resp.status < 200 || resp.status > 299)
      throw map_error(resp, req.api_key);
    return map_listen_response(resp.body, options);
  }

 private:
  Config config_;
};

struct DeepgramPlugin {
  static constexpr const char* id = "deepgram";
  static constexpr const char* version = "1.0.0";
  static constexpr const char* description =
      "Deepgram pre-recorded speech to text (POST /v1/listen)";
  static constexpr bool streams = false;
  // Deepgram transcribes up to 20 channels of one file separately.
  static constexpr uint32_t multichannel = 20;

  static const char* const* capabilities() {
    static const char* const caps[] = {AIHOST_OP_AUDIO_TRANSCRIBE, nullptr};
    return caps;
  }

  static std::unique_ptr<sdk::Instance> create(const json& config) {
    return std::make_unique<DeepgramInstance>(parse_config(config));
  }
};

}  // namespace
}  // namespace aihost::deepgram

AIHOST_DEFINE_PLUGIN(aihost::deepgram::DeepgramPlugin)
