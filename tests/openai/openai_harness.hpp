// The real OpenAI plugin behind the host's egress, pointed at FakeOpenAI.
#pragma once

#include "fakes/fake_openai.hpp"
#include "net/egress.hpp"
#include "plugins/plugin_library.hpp"
#include "plugins/provider_instance.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>

namespace aihost::testing {

using nlohmann::json;

inline constexpr const char* kOpenAiKey = "sk-proj-T3stK3y9f8e7d6c5b4a3";

struct OpenAiHarness {
  explicit OpenAiHarness(int max_retries = 0, json config = json::object())
      : fake(kOpenAiKey) {
    net::UpstreamPolicy policy;
    policy.connect_timeout_ms = 500;
    policy.read_timeout_ms = 1000;
    policy.total_timeout_ms = 5000;
    policy.max_retries = max_retries;
    policy.backoff_initial_ms = 10;
    policy.backoff_max_ms = 40;
    egress = std::make_shared<net::Egress>(policy);
    library =
        plugins::PluginLibrary::load(AIHOST_PLUGIN_DIR "/aihost-openai.so");
    config["base_url"] = fake.base_url();
    instance =
        std::make_unique<plugins::ProviderInstance>(library, config, egress);
  }

  plugins::Outcome chat(json params, std::string key = kOpenAiKey) const {
    plugins::Invocation call;
    call.operation = "llm.chat";
    call.params = std::move(params);
    call.api_key = std::move(key);
    return instance->invoke(call);
  }

  plugins::Outcome stream(
      json params, const std::function<bool(const json&)>& on_event) const {
    plugins::Invocation call;
    call.operation = "llm.chat";
    call.params = std::move(params);
    call.api_key = kOpenAiKey;
    return instance->chat_stream(call, on_event);
  }

  plugins::Outcome transcribe(json params, std::string audio,
                              std::string type = "audio/wav") const {
    plugins::Invocation call;
    call.operation = "audio.transcribe";
    call.params = std::move(params);
    call.payload = std::move(audio);
    call.payload_type = std::move(type);
    call.api_key = kOpenAiKey;
    return instance->invoke(call);
  }

  // The JSON body of the last request the fake received.
  json last_body() const {
    auto all = fake.requests();
    return all.empty() ? json() : fakes::FakeOpenAI::json_body(all.back());
  }

  fakes::FakeOpenAI fake;
  std::shared_ptr<net::Egress> egress;
  std::shared_ptr<plugins::PluginLibrary> library;
  std::unique_ptr<plugins::ProviderInstance> instance;
};

inline json user_says(const std::string& text) {
  return {{"messages", json::array({{{"role", "user"}, {"content", text}}})}};
}

// Some bytes the fake takes for audio: a RIFF header and silence.
inline std::string fake_wav(size_t bytes = 3200) {
  std::string wav = "RIFF\x24\x0c\x00\x00WAVEfmt ";
  wav.resize(bytes, '\0');
  return wav;
}

}  // namespace aihost::testing
