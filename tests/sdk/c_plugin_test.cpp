// A plugin written in C is loaded, negotiated and called through the host's
// egress against a fake upstream on 127.0.0.1.
#include "fakes/fake_server.hpp"
#include "plugins/plugin_library.hpp"
#include "plugins/provider_instance.hpp"

#include <catch2/catch.hpp>

using namespace aihost;

TEST_CASE("a C99 plugin round-trips through the host egress", "[abi][c]") {
  fakes::FakeServer upstream([](const fakes::FakeRequest& r) {
    if (r.path != "/echo" || r.header("X-Key") != std::optional<std::string>("k-123"))
      return fakes::FakeResponse::json(401, R"({"error":"bad"})");
    return fakes::FakeResponse::json(200, r.body);
  });
  auto lib = plugins::PluginLibrary::load(AIHOST_PLUGIN_DIR "/test-c-echo.so");
  REQUIRE(lib->id() == "c-echo");
  REQUIRE(lib->offers("llm.chat"));
  REQUIRE_FALSE(lib->offers("audio.transcribe"));

  plugins::ProviderInstance inst(lib, {{"base_url", upstream.base_url()}}, nullptr);
  plugins::Invocation call;
  call.operation = "llm.chat";
  call.params = {{"hello", "world"}};
  call.api_key = "k-123";
  auto out = inst.invoke(call);
  REQUIRE(out.ok());
  CHECK(out.result["status"] == 200);
  CHECK(out.result["content"]["hello"] == "world");
  CHECK(upstream.request_count() == 1);

  call.operation = "audio.transcribe";
  auto refused = inst.invoke(call);
  CHECK(refused.status == AIHOST_UNSUPPORTED);
  CHECK(refused.message == "only llm.chat is offered");
}

TEST_CASE("a C plugin refuses a bad config with its own message", "[abi][c]") {
  auto lib = plugins::PluginLibrary::load(AIHOST_PLUGIN_DIR "/test-c-echo.so");
  CHECK_THROWS_WITH(plugins::ProviderInstance(lib, {{"model", "x"}}, nullptr),
                    Catch::Contains("config.base_url is required"));
}
