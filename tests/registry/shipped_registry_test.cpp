// The registry the project ships (config/providers.yaml) is valid, and every
// plugin of it that has been built loads.
#include "plugins/registry.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace aihost;
using plugins::PluginStatus;

TEST_CASE("config/providers.yaml is valid and its built plugins load",
          "[registry][shipped]") {
  const std::filesystem::path file = AIHOST_SOURCE_DIR "/config/providers.yaml";
  auto env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "AIHOST_PLUGIN_DIR") return std::string(AIHOST_PLUGIN_DIR);
    return std::nullopt;
  };
  auto registry = plugins::Registry::load(file, env);
  std::vector<std::string> ids;
  for (const auto& entry : registry->plugins()) {
    ids.push_back(entry.id());
    INFO(entry.refusal(file));
    CHECK_FALSE(entry.spec.problem);  // the schema holds
    CHECK(entry.spec.enabled);
    if (std::filesystem::exists(entry.library_path))
      CHECK(entry.status == PluginStatus::loaded);
    else
      CHECK(entry.field == "library");
  }
  CHECK(ids ==
        std::vector<std::string>{"openai", "deepgram", "accent", "local-pii"});
  CHECK(registry->find("openai")->spec.capabilities ==
        std::vector<std::string>{"llm.chat", "audio.transcribe"});
  CHECK(registry->find("local-pii")->spec.base_url.empty());
  CHECK(registry->find("accent")->instance_config(
            "pii.redact")["analyzer_url"] == "http://127.0.0.1:5002");
}
