// The plugin exports its entry and nothing else (hidden visibility plus
// the version script), and declares what it offers.
#include "openai_harness.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <sstream>

using namespace aihost;

TEST_CASE("aihost-openai.so exports only aihost_plugin_entry",
          "[openai][abi]") {
  std::string cmd =
      "nm -D --defined-only " AIHOST_PLUGIN_DIR "/aihost-openai.so";
  FILE* pipe = ::popen(cmd.c_str(), "r");
  REQUIRE(pipe);
  std::string out;
  char buf[512];
  while (size_t n = std::fread(buf, 1, sizeof(buf), pipe)) out.append(buf, n);
  REQUIRE(::pclose(pipe) == 0);
  std::vector<std::string> symbols;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    auto name = line.substr(line.rfind(' ') + 1);
    if (!name.empty()) symbols.push_back(name);
  }
  CHECK(symbols == std::vector<std::string>{"aihost_plugin_entry"});
}

TEST_CASE("the plugin declares id, capabilities and streaming",
          "[openai][abi]") {
  auto lib =
      plugins::PluginLibrary::load(AIHOST_PLUGIN_DIR "/aihost-openai.so");
  CHECK(lib->id() == "openai");
  CHECK(lib->capabilities() ==
        std::vector<std::string>{"llm.chat", "audio.transcribe"});
  CHECK(lib->offers("llm.chat"));
  CHECK(lib->offers("audio.transcribe"));
  CHECK_FALSE(lib->offers("pii.redact"));
  CHECK(lib->extension(AIHOST_EXT_LLM_STREAM_V1) != nullptr);
  CHECK(lib->extension(AIHOST_EXT_AUDIO_MULTICHANNEL_V1) == nullptr);

  fakes::FakeOpenAI fake(testing::kOpenAiKey);
  plugins::ProviderInstance inst(lib, {{"base_url", fake.base_url()}}, nullptr);
  plugins::Invocation call;
  call.operation = "pii.redact";
  call.params = {{"text", "x"}};
  call.api_key = testing::kOpenAiKey;
  CHECK(inst.invoke(call).status == AIHOST_UNSUPPORTED);
}
