// The Deepgram plugin loaded the way the host loads it, wired to a fake
// Deepgram through the host's egress with short timeouts.
#pragma once

#include "audio/wav.hpp"
#include "fakes/fake_deepgram.hpp"
#include "plugins/plugin_library.hpp"
#include "plugins/provider_instance.hpp"

#include <memory>
#include <string>
#include <vector>

namespace aihost::deepgram::testing {

using json = nlohmann::json;

inline net::UpstreamPolicy fast_policy() {
  net::UpstreamPolicy p;
  p.connect_timeout_ms = 1000;
  p.read_timeout_ms = 2000;
  p.total_timeout_ms = 5000;
  p.max_retries = 0;
  p.backoff_initial_ms = 10;
  p.backoff_max_ms = 20;
  return p;
}

inline std::shared_ptr<plugins::PluginLibrary> deepgram_library() {
  return plugins::PluginLibrary::load(AIHOST_PLUGIN_DIR "/aihost-deepgram.so");
}

// 16-bit PCM at 8 kHz; channel i holds the constant levels[i].
inline std::string stereo_wav(std::vector<int16_t> levels, double seconds) {
  audio::Wav w;
  w.format.channels = static_cast<uint16_t>(levels.size());
  w.format.sample_rate = 8000;
  w.format.bits_per_sample = 16;
  auto frames = static_cast<size_t>(seconds * 8000);
  for (size_t f = 0; f < frames; ++f)
    for (int16_t v : levels) {
      auto u = static_cast<uint16_t>(v);
      w.data += static_cast<char>(u & 0xFF);
      w.data += static_cast<char>(u >> 8);
    }
  return audio::write_wav(w);
}

inline std::string mono_wav(double seconds, int16_t level = 100) {
  return stereo_wav({level}, seconds);
}

struct Harness {
  explicit Harness(json config = json::object(),
                   net::UpstreamPolicy policy = fast_policy()) {
    if (!config.contains("base_url")) config["base_url"] = fake.base_url();
    instance = std::make_unique<plugins::ProviderInstance>(
        deepgram_library(), config, std::make_shared<net::Egress>(policy));
  }

  plugins::Outcome transcribe(std::string audio, json params = json::object(),
                              std::string type = "audio/wav",
                              std::optional<std::string> key = std::nullopt) {
    plugins::Invocation inv;
    inv.operation = "audio.transcribe";
    // A bare {} at a call site is JSON null; the plugin wants an object.
    inv.params = params.is_null() ? json::object() : std::move(params);
    inv.payload = std::move(audio);
    inv.payload_type = std::move(type);
    inv.api_key = key.value_or(fake.api_key());
    return instance->invoke(inv);
  }

  fakes::FakeRequest last_request() const {
    auto all = fake.requests();
    return all.empty() ? fakes::FakeRequest{} : all.back();
  }

  fakes::FakeDeepgram fake{"dg-secret-4f1c"};
  std::unique_ptr<plugins::ProviderInstance> instance;
};

}  // namespace aihost::deepgram::testing
