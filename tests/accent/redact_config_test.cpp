// Instance configuration: the two service URLs, the optional gateway bearer,
// and refusals that name the field.
#include "accent_rig.hpp"

#include <catch2/catch.hpp>

using namespace accent_test;
using aihost::fakes::FakeRequest;
using aihost::fakes::FakeResponse;
using aihost::fakes::FakeServer;

TEST_CASE("base_url alone serves both services", "[accent][config]") {
  // One gateway in front of both Presidio services, routing by path.
  FakeServer gateway([](const FakeRequest& r) {
    json body = json::parse(r.body, nullptr, false);
    if (r.path == "/presidio/analyze")
      return aihost::fakes::presidio_analyze(body, false);
    if (r.path == "/presidio/anonymize")
      return aihost::fakes::presidio_anonymize(body);
    return FakeResponse::json(404, R"({"error":"no route"})");
  });
  aihost::plugins::ProviderInstance inst(
      accent_library(), {{"base_url", gateway.base_url() + "/presidio/"}},
      std::make_shared<aihost::net::Egress>(fast_policy()));
  aihost::plugins::Invocation call;
  call.operation = "pii.redact";
  call.params = {{"text", "ask John Smith"}};
  auto out = inst.invoke(call);
  REQUIRE(out.ok());
  CHECK(out.result["text"] == "ask <PERSON>");
  auto reqs = gateway.requests();
  REQUIRE(reqs.size() == 2);
  CHECK(reqs[0].path == "/presidio/analyze");
  CHECK(reqs[1].path == "/presidio/anonymize");
}

TEST_CASE("no key is sent unless auth is bearer", "[accent][config]") {
  Rig rig;
  auto out = rig.redact({{"text", "ask John Smith"}}, "sk-gw-secret-1");
  REQUIRE(out.ok());
  for (const auto& r : rig.presidio.analyzer().requests())
    CHECK_FALSE(r.header("Authorization").has_value());
  for (const auto& r : rig.presidio.anonymizer().requests())
    CHECK_FALSE(r.header("Authorization").has_value());
}

TEST_CASE("auth bearer sends the key to both services", "[accent][config]") {
  Rig rig(json{{"auth", "bearer"}});
  auto out = rig.redact({{"text", "ask John Smith"}}, "sk-gw-secret-2");
  REQUIRE(out.ok());
  const std::optional<std::string> bearer("Bearer sk-gw-secret-2");
  CHECK(rig.presidio.analyzer().requests().at(0).header("Authorization") ==
        bearer);
  CHECK(rig.presidio.anonymizer().requests().at(0).header("Authorization") ==
        bearer);
}

TEST_CASE("auth bearer without a key is UNAUTHENTICATED", "[accent][config]") {
  Rig rig(json{{"auth", "bearer"}});
  auto out = rig.redact({{"text", "ask John Smith"}});
  CHECK(out.status == AIHOST_UNAUTHENTICATED);
  CHECK(rig.analyzer_calls() == 0);
}

TEST_CASE("the key never appears in an error", "[accent][config]") {
  Rig rig(json{{"auth", "bearer"}});
  rig.presidio.script(FakePresidio::Service::kAnalyzer,
                      aihost::fakes::presidio_error(401, "bad token"), -1);
  auto out = rig.redact({{"text", "ask John Smith"}}, "sk-gw-secret-3");
  CHECK(out.status == AIHOST_UNAUTHENTICATED);
  CHECK_THAT(out.message,
             Catch::Contains("analyzer") && !Catch::Contains("sk-gw-secret-3"));
}

TEST_CASE("configs the plugin cannot use are refused by field",
          "[accent][config]") {
  auto make = [](const json& cfg) {
    return aihost::plugins::ProviderInstance(accent_library(), cfg, nullptr);
  };
  CHECK_THROWS_WITH(make(json::object()),
                    Catch::Contains("config.analyzer_url is required"));
  CHECK_THROWS_WITH(make({{"analyzer_url", "http://127.0.0.1:9"}}),
                    Catch::Contains("config.anonymizer_url is required"));
  CHECK_THROWS_WITH(make({{"base_url", "ftp://x"}}),
                    Catch::Contains("config.base_url must be an http"));
  CHECK_THROWS_WITH(make({{"base_url", "http://x"}, {"auth", "basic"}}),
                    Catch::Contains("config.auth must be"));
  CHECK_THROWS_WITH(make({{"base_url", "http://x"}, {"score_threshold", 3}}),
                    Catch::Contains("config.score_threshold"));
  CHECK_THROWS_WITH(make({{"base_url", "http://x"}, {"language", 1}}),
                    Catch::Contains("config.language"));
}

TEST_CASE("the instance language is the default", "[accent][config]") {
  Rig rig(json{{"language", "zz"}});
  auto out = rig.redact({{"text", "ask John Smith"}});
  CHECK(out.status == AIHOST_INVALID_ARGUMENT);
  CHECK(rig.analyzer_body()["language"] == "zz");
  auto ok = rig.redact({{"text", "ask John Smith"}, {"language", "en"}});
  CHECK(ok.ok());
}
