// Pipelines wired to real plugins against fake upstreams: the OpenAI plugin
// on FakeOpenAI (chat with structured output, transcription), the Deepgram
// plugin on FakeDeepgram, and local-pii offline; the shipped task catalog;
// the handlers registered as the worker registers them.
#pragma once

#include "audio/test_signals.hpp"
#include "direct_caller.hpp"
#include "fakes/fake_deepgram.hpp"
#include "fakes/fake_openai.hpp"
#include "memory_job_context.hpp"
#include "pipelines/handlers.hpp"
#include "pipelines/task_catalog.hpp"
#include "plugins/registry.hpp"

#include <nlohmann/json.hpp>

#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <string>

namespace aihost::testing {

using nlohmann::json;

inline constexpr const char* kOpenAiKey = "sk-proj-pipel1nes0123456789abcd";
inline constexpr const char* kDeepgramKey = "dg-pipelines-key-42";
inline constexpr int16_t kAgentLevel = 900;
inline constexpr int16_t kCustomerLevel = -1300;
inline constexpr const char* kCardNumber = "4111 1111 1111 1111";

// Answers that satisfy the shipped tasks' schemas.
inline json good_summary() {
  return {{"overview",
           "The customer called about a delayed order. The agent checked the "
           "order and promised a delivery update."},
          {"key_points", {"The order is late.", "A card was read out."}},
          {"action_items",
           {{{"owner", "agent"},
             {"description", "Send the customer the new delivery date."},
             {"due", "tomorrow"}}}}};
}

inline json good_sentiment() {
  return {
      {"overall",
       {{"label", "mixed"},
        {"score", -0.1},
        {"rationale", "Frustration about the delay, eased by the help."}}},
      {"speakers",
       {{{"speaker", "Agent"}, {"label", "positive"}, {"score", 0.5}},
        {{"speaker", "Customer"}, {"label", "negative"}, {"score", -0.4}}}}};
}

inline json good_coaching() {
  return {{"scores",
           {{{"criterion", "greeting"},
             {"score", 4},
             {"rationale", "Thanked the caller at once."}},
            {{"criterion", "closing"},
             {"score", 2},
             {"rationale", "Ended without a summary."}}}},
          {"strengths", {"Prompt greeting."}},
          {"improvements",
           {{{"area", "closing"},
             {"suggestion", "Summarise the next step before ending."},
             {"quote", "Let me check."}}}}};
}

inline fakes::ChatReply json_reply(const json& answer) {
  fakes::ChatReply r;
  r.content = answer.dump();
  r.prompt_tokens = 420;
  r.completion_tokens = 80;
  return r;
}

// The fake model: per schema name, scripted replies first, then a valid
// answer; every chat body it saw, in order.
class FakeModel {
 public:
  void script(const std::string& schema, fakes::ChatReply reply) {
    std::lock_guard lock(mu_);
    scripted_[schema].push_back(std::move(reply));
  }

  fakes::ChatReply answer(const json& body) {
    std::string name = body.value("response_format", json::object())
                           .value("json_schema", json::object())
                           .value("name", "");
    std::lock_guard lock(mu_);
    bodies_.push_back(body);
    auto& queue = scripted_[name];
    if (!queue.empty()) {
      fakes::ChatReply r = queue.front();
      queue.pop_front();
      return r;
    }
    if (name == "call_summary") return json_reply(good_summary());
    if (name == "call_sentiment") return json_reply(good_sentiment());
    if (name == "agent_coaching") return json_reply(good_coaching());
    return fakes::ChatReply{};
  }

  std::vector<json> bodies(const std::string& schema = "") const {
    std::lock_guard lock(mu_);
    std::vector<json> out;
    for (const auto& b : bodies_)
      if (schema.empty() ||
          b["response_format"]["json_schema"]["name"] == schema)
        out.push_back(b);
    return out;
  }

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::deque<fakes::ChatReply>> scripted_;
  std::vector<json> bodies_;
};

inline std::filesystem::path temp_dir(const std::string& tag) {
  std::string pattern =
      (std::filesystem::temp_directory_path() / ("aihost-" + tag + "-XXXXXX"))
          .string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  return pattern;
}

inline void write_file(const std::filesystem::path& p, const std::string& s) {
  std::ofstream(p, std::ios::binary) << s;
}

struct PipelineHarness {
  fakes::FakeOpenAI openai{kOpenAiKey};
  fakes::FakeDeepgram deepgram{kDeepgramKey};
  FakeModel model;
  std::filesystem::path dir = temp_dir("pipelines");
  std::shared_ptr<const plugins::Registry> registry;
  std::unique_ptr<DirectCaller> caller;
  pipelines::TaskCatalog tasks =
      pipelines::TaskCatalog::load(AIHOST_SOURCE_DIR "/config/tasks");
  std::map<std::string, jobs::JobHandler> handlers;

  explicit PipelineHarness(const std::string& transcriber = "deepgram") {
    write_file(dir / "providers.yaml", registry_yaml());
    registry = plugins::Registry::load(dir / "providers.yaml");
    caller = std::make_unique<DirectCaller>(
        registry,
        std::map<std::string, std::string>{{"llm.chat", "openai"},
                                           {"audio.transcribe", transcriber},
                                           {"pii.redact", "local-pii"}},
        std::map<std::string, std::string>{{"openai", kOpenAiKey},
                                           {"deepgram", kDeepgramKey}});
    openai.set_chat_responder(
        [this](const json& body) { return model.answer(body); });
    pipelines::register_handlers(handlers, {*caller, tasks, std::nullopt});
    script_call();
  }
  ~PipelineHarness() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }

  std::string registry_yaml() const {
    auto lib = [](const char* name) {
      return std::string(AIHOST_PLUGIN_DIR) + "/aihost-" + name + ".so";
    };
    auto upstream = [](const std::string& url) {
      return "    upstream:\n      base_url: " + url +
             "\n      connect_timeout_ms: 1000\n      read_timeout_ms: 3000\n"
             "      total_timeout_ms: 5000\n      max_retries: 0\n";
    };
    return "version: 1\nplugins:\n"
           "  - id: openai\n    library: " +
           lib("openai") +
           "\n    abi: \"1.0\"\n    capabilities: [llm.chat, "
           "audio.transcribe]\n" +
           upstream(openai.base_url()) +
           "    defaults:\n      models: {llm.chat: gpt-4o-mini, "
           "audio.transcribe: whisper-1}\n"
           "  - id: deepgram\n    library: " +
           lib("deepgram") +
           "\n    abi: \"1.0\"\n    capabilities: [audio.transcribe]\n" +
           upstream(deepgram.base_url()) +
           "    defaults:\n      models: {audio.transcribe: nova-3}\n"
           "  - id: local-pii\n    library: " +
           lib("local-pii") +
           "\n    abi: \"1.0\"\n    capabilities: [pii.redact]\n";
  }

  // A support call: the agent on channel 0, the customer on channel 1, who
  // reads out a card number.
  void script_call() {
    using fakes::ScriptedWord;
    deepgram.set_voice(kAgentLevel, {{"Thanks", 0.20, 0.50},
                                     {"for", 0.50, 0.70},
                                     {"calling.", 0.70, 1.10},
                                     {"Let", 6.00, 6.20},
                                     {"me", 6.20, 6.30},
                                     {"check.", 6.30, 6.80}});
    deepgram.set_voice(kCustomerLevel, {{"My", 1.60, 1.80},
                                        {"order", 1.80, 2.10},
                                        {"is", 2.10, 2.20},
                                        {"late.", 2.20, 2.60},
                                        {"My", 3.60, 3.80},
                                        {"card", 3.80, 3.95},
                                        {"is", 3.95, 4.05},
                                        {"4111", 4.05, 4.40},
                                        {"1111", 4.40, 4.80},
                                        {"1111", 4.80, 5.20},
                                        {"1111.", 5.20, 5.60}});
  }

  static std::string call_wav(double seconds = 8.0) {
    return audio::write_wav(audio::testing::constant_channels(
        {kAgentLevel, kCustomerLevel}, seconds));
  }

  json run(MemoryJobContext& ctx) {
    return handlers.at(ctx.job().job_type)(ctx);
  }
};

// The code of the JobFailure `run` throws, or "none".
template <class F>
std::string failure_code(F&& run, bool* retryable = nullptr) {
  try {
    run();
  } catch (const jobs::JobFailure& f) {
    if (retryable) *retryable = f.retryable;
    return f.code;
  }
  return "none";
}

}  // namespace aihost::testing
