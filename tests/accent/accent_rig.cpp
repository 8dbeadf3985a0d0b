#include "accent_rig.hpp"

#include <catch2/catch.hpp>

namespace accent_test {

aihost::net::UpstreamPolicy fast_policy() {
  aihost::net::UpstreamPolicy p;
  p.connect_timeout_ms = 1000;
  p.read_timeout_ms = 1000;
  p.total_timeout_ms = 5000;
  p.max_retries = 2;
  p.backoff_initial_ms = 10;
  p.backoff_max_ms = 20;
  p.max_retry_after_ms = 50;
  return p;
}

std::shared_ptr<aihost::plugins::PluginLibrary> accent_library() {
  static auto lib = aihost::plugins::PluginLibrary::load(AIHOST_PLUGIN_DIR
                                                         "/aihost-accent.so");
  return lib;
}

Rig::Rig(const json& extra, aihost::net::UpstreamPolicy policy) {
  json config = {{"base_url", "http://127.0.0.1:1"},
                 {"analyzer_url", presidio.analyzer_url()},
                 {"anonymizer_url", presidio.anonymizer_url()}};
  config.update(extra);
  instance = std::make_unique<aihost::plugins::ProviderInstance>(
      accent_library(), config, std::make_shared<aihost::net::Egress>(policy));
}

aihost::plugins::Outcome Rig::redact(const json& params,
                                     const std::string& api_key) const {
  aihost::plugins::Invocation call;
  call.operation = "pii.redact";
  call.params = params;
  call.api_key = api_key;
  return instance->invoke(call);
}

json Rig::analyzer_body(size_t i) const {
  auto bodies = presidio.bodies(FakePresidio::Service::kAnalyzer);
  REQUIRE(i < bodies.size());
  return bodies[i];
}

json Rig::anonymizer_body(size_t i) const {
  auto bodies = presidio.bodies(FakePresidio::Service::kAnonymizer);
  REQUIRE(i < bodies.size());
  return bodies[i];
}

std::string placeholder(const json& entity) {
  std::string p = "<";
  p += entity.at("entity_type").get<std::string>();
  p += '>';
  return p;
}

std::string slice(const std::string& s, const json& start, const json& end) {
  size_t b = start.get<size_t>(), e = end.get<size_t>();
  REQUIRE(b <= e);
  REQUIRE(e <= s.size());
  return s.substr(b, e - b);
}

}  // namespace accent_test
