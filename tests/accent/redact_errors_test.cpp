// Presidio's failures mapped onto the status enum, naming the service that
// failed; the analyzer's input-error 500s are never retried.
#include "accent_rig.hpp"

#include <catch2/catch.hpp>

using namespace accent_test;
using aihost::fakes::presidio_error;
using Service = FakePresidio::Service;

namespace {
const json kParams = {{"text", "call Jane Doe on 020 7946 0958"}};
}

TEST_CASE("unsupported language: 500 input error, not retried",
          "[accent][errors]") {
  Rig rig;  // max_retries = 2
  auto out = rig.redact({{"text", "Jane Doe"}, {"language", "zz"}});
  CHECK(out.status == AIHOST_INVALID_ARGUMENT);
  CHECK(out.http_status == 500);
  CHECK_THAT(out.message,
             Catch::Contains("analyzer") &&
                 Catch::Contains("No matching recognizers were found"));
  CHECK(rig.analyzer_calls() == 1);
  CHECK(rig.anonymizer_calls() == 0);
}

TEST_CASE("'No text provided' and 'No language provided' are not retried",
          "[accent][errors]") {
  for (const char* msg : {"No text provided", "No language provided"}) {
    CAPTURE(msg);
    Rig rig;
    rig.presidio.script(Service::kAnalyzer, presidio_error(500, msg), -1);
    auto out = rig.redact(kParams);
    CHECK(out.status == AIHOST_INVALID_ARGUMENT);
    CHECK_THAT(out.message,
               Catch::Contains("analyzer") && Catch::Contains(msg));
    CHECK(rig.analyzer_calls() == 1);
  }
}

TEST_CASE("other 5xx are UNAVAILABLE and name the service",
          "[accent][errors]") {
  SECTION("analyzer 503") {
    Rig rig;
    rig.presidio.script(Service::kAnalyzer,
                        presidio_error(503, "Service Unavailable"), -1);
    auto out = rig.redact(kParams);
    CHECK(out.status == AIHOST_UNAVAILABLE);
    CHECK(out.http_status == 503);
    CHECK_THAT(out.message, Catch::Contains("presidio analyzer"));
    CHECK(rig.analyzer_calls() == 3);  // retried twice by the egress
    CHECK(rig.anonymizer_calls() == 0);
  }
  SECTION("anonymizer 500 Internal server error") {
    Rig rig;
    rig.presidio.script(Service::kAnonymizer,
                        presidio_error(500, "Internal server error"), -1);
    auto out = rig.redact(kParams);
    CHECK(out.status == AIHOST_UNAVAILABLE);
    CHECK_THAT(out.message, Catch::Contains("presidio anonymizer") &&
                                Catch::Contains("Internal server error"));
  }
}

TEST_CASE("a transient 503 is retried by the host egress",
          "[accent][errors][retry]") {
  Rig rig;
  rig.presidio.script(Service::kAnalyzer,
                      presidio_error(503, "Service Unavailable"), 1);
  auto out = rig.redact(kParams);
  // Needs the egress's retries of 5xx; without them the first 503 is final.
  REQUIRE(out.ok());
  CHECK(rig.analyzer_calls() == 2);
  CHECK(out.result["text"] == "call <PERSON> on <PHONE_NUMBER>");
}

TEST_CASE("400 and 422 are INVALID_ARGUMENT", "[accent][errors]") {
  SECTION("anonymizer 400") {
    Rig rig;
    rig.presidio.script(Service::kAnonymizer,
                        presidio_error(400, "Invalid request json"));
    auto out = rig.redact(kParams);
    CHECK(out.status == AIHOST_INVALID_ARGUMENT);
    CHECK(out.http_status == 400);
    CHECK_THAT(out.message, Catch::Contains("anonymizer") &&
                                Catch::Contains("Invalid request json"));
  }
  SECTION("anonymizer 422") {
    Rig rig;
    rig.presidio.script(
        Service::kAnonymizer,
        presidio_error(422, "Invalid input, masking_char must be a character"));
    auto out = rig.redact(kParams);
    CHECK(out.status == AIHOST_INVALID_ARGUMENT);
    CHECK(out.http_status == 422);
    CHECK_THAT(out.message, Catch::Contains("anonymizer") &&
                                Catch::Contains("masking_char"));
  }
  SECTION("analyzer 400") {
    Rig rig;
    rig.presidio.script(Service::kAnalyzer,
                        presidio_error(400,
                                       "Failed to parse /analyze request for "
                                       "AnalyzerEngine.analyze(). bad"));
    auto out = rig.redact(kParams);
    CHECK(out.status == AIHOST_INVALID_ARGUMENT);
    CHECK_THAT(out.message, Catch::Contains("analyzer"));
  }
}

TEST_CASE("a 2xx that is not JSON is UPSTREAM_PROTOCOL", "[accent][errors]") {
  SECTION("analyzer") {
    Rig rig;
    rig.presidio.script(Service::kAnalyzer,
                        aihost::fakes::presidio_malformed());
    auto out = rig.redact(kParams);
    CHECK(out.status == AIHOST_UPSTREAM_PROTOCOL);
    CHECK_THAT(out.message, Catch::Contains("analyzer"));
  }
  SECTION("anonymizer") {
    Rig rig;
    rig.presidio.script(Service::kAnonymizer,
                        aihost::fakes::presidio_malformed());
    auto out = rig.redact(kParams);
    CHECK(out.status == AIHOST_UPSTREAM_PROTOCOL);
    CHECK_THAT(out.message, Catch::Contains("anonymizer"));
  }
  SECTION("analyzer offsets beyond the text") {
    Rig rig;
    rig.presidio.script(
        Service::kAnalyzer,
        aihost::fakes::FakeResponse::json(
            200, R"([{"entity_type":"PERSON","start":3,"end":400,"score":0.9,)"
                 R"("analysis_explanation":null}])"));
    auto out = rig.redact(kParams);
    CHECK(out.status == AIHOST_UPSTREAM_PROTOCOL);
    CHECK_THAT(out.message, Catch::Contains("analyzer"));
  }
}

TEST_CASE("a slow service exceeds the deadline", "[accent][errors]") {
  auto policy = fast_policy();
  policy.read_timeout_ms = 100;
  policy.max_retries = 0;
  Rig rig(json::object(), policy);
  rig.presidio.script(Service::kAnonymizer, aihost::fakes::presidio_slow(400),
                      -1);
  auto out = rig.redact(kParams);
  CHECK(out.status == AIHOST_DEADLINE_EXCEEDED);
  CHECK_THAT(out.message, Catch::Contains("anonymizer"));
}

TEST_CASE("a reset connection is UNAVAILABLE", "[accent][errors]") {
  auto policy = fast_policy();
  policy.max_retries = 0;
  Rig rig(json::object(), policy);
  rig.presidio.script(Service::kAnalyzer, aihost::fakes::presidio_reset(), -1);
  auto out = rig.redact(kParams);
  CHECK(out.status == AIHOST_UNAVAILABLE);
  CHECK_THAT(out.message, Catch::Contains("analyzer"));
}

TEST_CASE("a gateway's 429 is RATE_LIMITED with its delay",
          "[accent][errors]") {
  auto policy = fast_policy();
  policy.max_retries = 0;
  Rig rig(json::object(), policy);
  auto r = presidio_error(429, "slow down");
  r.headers.push_back({"Retry-After", "3"});
  rig.presidio.script(Service::kAnalyzer, r, -1);
  auto out = rig.redact(kParams);
  CHECK(out.status == AIHOST_RATE_LIMITED);
  CHECK(out.retry_after_ms == 3000);
}

TEST_CASE("bad params are refused before any call", "[accent][errors]") {
  Rig rig;
  struct Case {
    json params;
    const char* says;
  };
  const Case cases[] = {
      {json::object(), "text or segments is required"},
      {{{"text", "a"}, {"segments", json::array()}}, "exclusive"},
      {{{"text", 5}}, "params.text must be a string"},
      {{{"text", "a"}, {"method", "encrypt"}}, "method must be one of"},
      {{{"text", "a"}, {"method", "mask"}, {"masking_char", "**"}},
       "masking_char must be exactly one character"},
      {{{"text", "a"}, {"chars_to_mask", -1}}, "chars_to_mask"},
      {{{"text", "a"}, {"from_end", "yes"}}, "from_end must be a boolean"},
      {{{"text", "a"}, {"hash_type", "md5"}},
       "hash_type must be sha256 or sha512"},
      {{{"text", "a"}, {"score_threshold", 2}}, "score_threshold"},
      {{{"text", "a"}, {"entities", "PERSON"}}, "entities must be an array"},
      {{{"text", "a"}, {"language", ""}}, "language must not be empty"},
      {{{"segments", {"x"}}}, "segments[0] must be an object"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.params.dump());
    auto out = rig.redact(c.params);
    CHECK(out.status == AIHOST_INVALID_ARGUMENT);
    CHECK_THAT(out.message, Catch::Contains(c.says));
  }
  CHECK(rig.analyzer_calls() == 0);
  CHECK(rig.anonymizer_calls() == 0);
}

TEST_CASE("only pii.redact is offered", "[accent][errors]") {
  Rig rig;
  aihost::plugins::Invocation call;
  call.operation = "llm.chat";
  auto out = rig.instance->invoke(call);
  CHECK(out.status == AIHOST_UNSUPPORTED);
  CHECK(rig.analyzer_calls() == 0);
}
