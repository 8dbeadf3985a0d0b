// Dual-channel transcription end to end: the Deepgram plugin loaded as the
// host loads it, against the fake Deepgram, once through Deepgram's native
// multichannel and once by splitting the call into two mono files.
#include "audio/dual_channel.hpp"
#include "audio/audio_error.hpp"
#include "audio/wav_channels.hpp"
#include "fakes/fake_deepgram.hpp"
#include "fakes/fake_deepgram_wav.hpp"
#include "plugins/plugin_library.hpp"
#include "test_signals.hpp"

#include <aihost/results.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>

using namespace aihost;
using namespace aihost::audio::testing;
using fakes::ScriptedWord;

namespace {

constexpr int16_t kAgentLevel = 1200;
constexpr int16_t kCustomerLevel = -700;
const std::string kKey = "dg-dual-key";

net::UpstreamPolicy fast_policy() {
  net::UpstreamPolicy p;
  p.connect_timeout_ms = 1000;
  p.read_timeout_ms = 2000;
  p.total_timeout_ms = 5000;
  p.max_retries = 0;
  return p;
}

// A call where the agent and the customer take turns.
struct Call {
  fakes::FakeDeepgram fake{kKey};
  plugins::ProviderInstance deepgram{
      plugins::PluginLibrary::load(AIHOST_PLUGIN_DIR "/aihost-deepgram.so"),
      {{"base_url", fake.base_url()}},
      std::make_shared<net::Egress>(fast_policy())};

  Call() {
    std::vector<ScriptedWord> agent = {
        {"Thanks", 0.30, 0.60}, {"for", 0.60, 0.75}, {"calling.", 0.75, 1.20},
        {"Let", 4.00, 4.20},    {"me", 4.20, 4.30},  {"check.", 4.30, 4.80}};
    std::vector<ScriptedWord> customer = {
        {"Hi,", 1.80, 2.00}, {"my", 2.00, 2.10},    {"order", 2.10, 2.40},
        {"is", 2.40, 2.50},  {"late.", 2.50, 3.00}, {"Okay.", 5.50, 5.90}};
    // The fake tells the channels apart by their sample values, whichever
    // position they arrive in.
    fake.set_voice(kAgentLevel, agent);
    fake.set_voice(kCustomerLevel, customer);
  }

  audio::DualChannelOptions options(bool native = true) const {
    audio::DualChannelOptions o;
    o.api_key = kKey;
    o.prefer_native = native;
    return o;
  }
};

std::string stereo(double seconds = 6.0) {
  return write_wav(constant_channels({kAgentLevel, kCustomerLevel}, seconds));
}

sdk::Transcript read(const plugins::Outcome& o) {
  INFO(o.message);
  REQUIRE(o.ok());
  return o.result.get<sdk::Transcript>();
}

void check_conversation(const sdk::Transcript& t,
                        const std::string& first_role = "agent",
                        const std::string& second_role = "customer") {
  REQUIRE(t.segments.size() == 4);
  const std::vector<std::string> texts = {
      "Thanks for calling.", "Hi, my order is late.", "Let me check.", "Okay."};
  const std::vector<int> channels = {0, 1, 0, 1};
  for (size_t i = 0; i < 4; ++i) {
    CAPTURE(i);
    const auto& s = t.segments[i];
    CHECK(s.id == static_cast<int>(i));
    CHECK(s.text == texts[i]);
    REQUIRE(s.channel);
    CHECK(*s.channel == channels[i]);
    REQUIRE(s.role);
    CHECK(*s.role == (channels[i] == 0 ? first_role : second_role));
    for (const auto& w : s.words) CHECK(w.channel == s.channel);
  }
  CHECK(t.segments[1].start == Approx(1.80));
  CHECK(t.segments[1].end == Approx(3.00));
  CHECK(t.text ==
        "Thanks for calling.\nHi, my order is late.\nLet me check.\nOkay.");
  REQUIRE(t.words.size() == 12);
  for (size_t i = 1; i < t.words.size(); ++i)
    CHECK(t.words[i - 1].start <= t.words[i].start);
  REQUIRE(t.channels.size() == 2);
  CHECK(t.channels[0].role == first_role);
  CHECK(t.channels[0].text == "Thanks for calling. Let me check.");
  CHECK(t.channels[1].role == second_role);
  CHECK(t.provider == "deepgram");
  CHECK(t.model == "general-nova-3");
  CHECK(t.duration == Approx(6.0));
}

}  // namespace

TEST_CASE("native: one multichannel request carrying the stereo file",
          "[dual]") {
  Call call;
  REQUIRE(audio::offers_native_multichannel(call.deepgram));
  std::string audio = stereo();
  auto t = read(
      audio::transcribe_dual_channel(call.deepgram, audio, call.options()));
  REQUIRE(call.fake.request_count() == 1);
  auto r = call.fake.requests()[0];
  CHECK(r.param("multichannel") == "true");
  CHECK(r.body == audio);
  check_conversation(t);
  // Billed once for the whole file.
  CHECK(t.usage.audio_seconds == Approx(6.0));
  CHECK(t.usage.requests == 1);
}

TEST_CASE("native from two mono files: interleaved into one stereo upload",
          "[dual]") {
  Call call;
  std::string agent = write_wav(constant_channels({kAgentLevel}, 6.0));
  std::string customer = write_wav(constant_channels({kCustomerLevel}, 5.0));
  auto t = read(audio::transcribe_dual_channel(call.deepgram, agent, customer,
                                               call.options()));
  REQUIRE(call.fake.request_count() == 1);
  const std::string upload = call.fake.requests()[0].body;
  auto probe = fakes::probe_wav(upload);
  REQUIRE(probe);
  CHECK(probe->channels == 2);
  CHECK(probe->first_sample(0) == kAgentLevel);
  CHECK(probe->first_sample(1) == kCustomerLevel);
  // The shorter customer file is padded to the agent's length.
  CHECK(probe->duration() == Approx(6.0));
  check_conversation(t);
}

TEST_CASE("split: two concurrent mono requests, merged by time", "[dual]") {
  Call call;
  call.fake.set_delay_ms(400);
  auto start = std::chrono::steady_clock::now();
  auto t = read(audio::transcribe_dual_channel(call.deepgram, stereo(),
                                               call.options(false)));
  auto elapsed = std::chrono::steady_clock::now() - start;
  // Two 400 ms answers in parallel (at least 800 ms one after the other).
  CHECK(elapsed < std::chrono::milliseconds(700));

  auto requests = call.fake.requests();
  REQUIRE(requests.size() == 2);
  std::set<int64_t> levels;
  for (const auto& r : requests) {
    CHECK(r.param("multichannel") == "false");
    auto probe = fakes::probe_wav(r.body);
    REQUIRE(probe);
    CHECK(probe->channels == 1);
    CHECK(probe->sample_rate == 8000);
    CHECK(probe->duration() == Approx(6.0));
    levels.insert(probe->first_sample(0).value_or(0));
  }
  CHECK(levels == std::set<int64_t>{kCustomerLevel, kAgentLevel});
  check_conversation(t);
  // Both halves are billed.
  CHECK(t.usage.audio_seconds == Approx(12.0));
  CHECK(t.usage.requests == 2);
}

TEST_CASE("split from two mono files uploads each file unchanged", "[dual]") {
  Call call;
  std::string agent = write_wav(constant_channels({kAgentLevel}, 6.0));
  std::string customer = write_wav(constant_channels({kCustomerLevel}, 6.0));
  auto t = read(audio::transcribe_dual_channel(call.deepgram, agent, customer,
                                               call.options(false)));
  std::set<std::string> bodies;
  for (const auto& r : call.fake.requests()) bodies.insert(r.body);
  CHECK(bodies == std::set<std::string>{agent, customer});
  check_conversation(t);
}

TEST_CASE("both routes give the same conversation", "[dual]") {
  Call native_call, split_call;
  auto a = read(audio::transcribe_dual_channel(native_call.deepgram, stereo(),
                                               native_call.options(true)));
  auto b = read(audio::transcribe_dual_channel(split_call.deepgram, stereo(),
                                               split_call.options(false)));
  REQUIRE(a.segments.size() == b.segments.size());
  for (size_t i = 0; i < a.segments.size(); ++i) {
    CHECK(a.segments[i].text == b.segments[i].text);
    CHECK(a.segments[i].channel == b.segments[i].channel);
    CHECK(a.segments[i].role == b.segments[i].role);
    CHECK(a.segments[i].start == b.segments[i].start);
  }
  CHECK(a.text == b.text);
}

TEST_CASE("roles are configurable", "[dual]") {
  for (bool native : {true, false}) {
    CAPTURE(native);
    Call call;
    auto o = call.options(native);
    o.roles = {"customer", "agent"};
    auto t = read(audio::transcribe_dual_channel(call.deepgram, stereo(), o));
    check_conversation(t, "customer", "agent");
  }
}

TEST_CASE("transcription params pass through on both routes", "[dual]") {
  for (bool native : {true, false}) {
    CAPTURE(native);
    Call call;
    auto o = call.options(native);
    o.params = {{"language", "en"}, {"diarize", true}, {"multichannel", false}};
    auto t = read(audio::transcribe_dual_channel(call.deepgram, stereo(), o));
    for (const auto& r : call.fake.requests()) {
      CHECK(r.param("language") == "en");
      CHECK(r.param("diarize") == "true");
      CHECK(r.param("multichannel") == (native ? "true" : "false"));
    }
    CHECK(t.language == "en");
    CHECK(t.segments.size() == 4);
  }
}

TEST_CASE("a failed half fails the whole with the provider's status",
          "[dual]") {
  Call call;
  call.fake.push_response(fakes::FakeDeepgram::legacy_error(
      402, "ASR_PAYMENT_REQUIRED", "Project does not have enough credits."));
  auto out = audio::transcribe_dual_channel(call.deepgram, stereo(),
                                            call.options(false));
  CHECK(out.status == AIHOST_QUOTA_EXCEEDED);
  CHECK(out.http_status == 402);
  CHECK(out.provider_code == "ASR_PAYMENT_REQUIRED");
  CHECK_THAT(out.message, Catch::Contains("channel "));
  CHECK_THAT(out.message, Catch::Contains("enough credits"));
  CHECK(out.result.is_null());
  CHECK(call.fake.request_count() == 2);
}

TEST_CASE("a wrong key fails either route as UNAUTHENTICATED", "[dual]") {
  for (bool native : {true, false}) {
    CAPTURE(native);
    Call call;
    auto o = call.options(native);
    o.api_key = "not-the-key";
    auto out = audio::transcribe_dual_channel(call.deepgram, stereo(), o);
    CHECK(out.status == AIHOST_UNAUTHENTICATED);
    CHECK(out.provider_code == "INVALID_AUTH");
    CHECK_THAT(out.message, !Catch::Contains("not-the-key"));
  }
}

TEST_CASE("unusable audio is refused before any request", "[dual]") {
  Call call;
  auto code_of = [&](auto&& run) -> std::string {
    try {
      run();
    } catch (const audio::AudioError& e) {
      return e.code();
    }
    return "accepted";
  };
  std::string mono = write_wav(constant_channels({5}, 1.0));
  std::string three = write_wav(constant_channels({1, 2, 3}, 1.0));
  std::string mono16k = write_wav(constant_channels({5}, 1.0, 16000));
  CHECK(code_of([&] {
          audio::transcribe_dual_channel(call.deepgram, mono, call.options());
        }) == audio::kAudioMismatch);
  CHECK(code_of([&] {
          audio::transcribe_dual_channel(call.deepgram, three, call.options());
        }) == audio::kAudioMismatch);
  CHECK(code_of([&] {
          audio::transcribe_dual_channel(call.deepgram, "not audio",
                                         call.options());
        }) == audio::kAudioInvalid);
  CHECK(code_of([&] {
          audio::transcribe_dual_channel(call.deepgram, mono, mono16k,
                                         call.options());
        }) == audio::kAudioMismatch);
  CHECK(code_of([&] {
          audio::transcribe_dual_channel(call.deepgram, stereo(1), mono,
                                         call.options());
        }) == audio::kAudioMismatch);
  auto same_roles = call.options();
  same_roles.roles = {"agent", "agent"};
  CHECK_THROWS_AS(
      audio::transcribe_dual_channel(call.deepgram, stereo(1), same_roles),
      std::invalid_argument);
  CHECK(call.fake.request_count() == 0);
}

TEST_CASE("a provider that does not transcribe is UNSUPPORTED", "[dual]") {
  plugins::ProviderInstance echo(
      plugins::PluginLibrary::load(AIHOST_PLUGIN_DIR "/test-c-echo.so"),
      {{"base_url", "http://127.0.0.1:9"}}, nullptr);
  CHECK_FALSE(audio::offers_native_multichannel(echo));
  audio::DualChannelOptions o;
  o.api_key = "k";
  auto out = audio::transcribe_dual_channel(echo, stereo(1), o);
  CHECK(out.status == AIHOST_UNSUPPORTED);
}

TEST_CASE("through a callable the caller's route decides native or split",
          "[dual][callable]") {
  for (bool native : {true, false}) {
    CAPTURE(native);
    Call call;
    std::mutex mu;
    std::vector<plugins::Invocation> seen;
    audio::TranscribeCall transcribe = [&](plugins::Invocation inv) {
      {
        std::lock_guard lock(mu);
        seen.push_back(inv);
      }
      return call.deepgram.invoke(inv);
    };
    auto t = read(audio::transcribe_dual_channel(transcribe, native, stereo(),
                                                 call.options()));
    check_conversation(t);
    REQUIRE(seen.size() == (native ? 1u : 2u));
    for (const auto& inv : seen) {
      CHECK(inv.operation == "audio.transcribe");
      CHECK(inv.payload_type == "audio/wav");
      CHECK(inv.api_key == kKey);
      CHECK(inv.params["multichannel"] == native);
    }
    CHECK(call.fake.request_count() == seen.size());
  }
}

TEST_CASE(
    "a callable that throws on one half does not leave the other "
    "running",
    "[dual][callable]") {
  Call call;
  std::atomic<int> calls{0};
  audio::TranscribeCall transcribe = [&](plugins::Invocation inv) {
    if (calls++ == 0) throw std::runtime_error("refused before calling");
    return call.deepgram.invoke(inv);
  };
  CHECK_THROWS_WITH(audio::transcribe_dual_channel(transcribe, false, stereo(),
                                                   call.options(false)),
                    "refused before calling");
  CHECK(calls == 2);
}
