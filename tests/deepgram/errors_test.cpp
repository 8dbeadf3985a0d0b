// Deepgram's error answers in both body styles, transport faults and
// off-contract 2xx bodies, each mapped to its status without leaking the
// key.
#include "deepgram_harness.hpp"

#include <catch2/catch.hpp>

using namespace aihost;
using namespace aihost::deepgram::testing;
using fakes::FakeDeepgram;
using fakes::FakeResponse;

namespace {

void check_no_secret(const plugins::Outcome& o) {
  CHECK_THAT(o.message, !Catch::Contains("dg-secret-4f1c"));
  CHECK_THAT(o.provider_code, !Catch::Contains("dg-secret-4f1c"));
}

}  // namespace

TEST_CASE("a wrong key is UNAUTHENTICATED with Deepgram's code",
          "[deepgram][errors]") {
  Harness h;
  auto out = h.transcribe(mono_wav(0.1), {}, "audio/wav", "dg-wrong-key");
  CHECK(out.status == AIHOST_UNAUTHENTICATED);
  CHECK(out.http_status == 401);
  CHECK(out.provider_code == "INVALID_AUTH");
  CHECK_THAT(out.message, Catch::Contains("Invalid credentials."));
  CHECK_THAT(out.message, !Catch::Contains("dg-wrong-key"));
}

TEST_CASE("each documented error answer maps to its status",
          "[deepgram][errors]") {
  struct Case {
    FakeResponse answer;
    aihost_status status;
    int http;
    std::string code;
    std::string text;
  };
  std::vector<Case> cases = {
      {FakeDeepgram::legacy_error(402, "ASR_PAYMENT_REQUIRED",
                                  "Project does not have enough credits."),
       AIHOST_QUOTA_EXCEEDED, 402, "ASR_PAYMENT_REQUIRED", "enough credits"},
      {FakeDeepgram::legacy_error(422, "ASR_UNPROCESSABLE_ENTITY",
                                  "Unable to read the entire client request."),
       AIHOST_INVALID_ARGUMENT, 422, "ASR_UNPROCESSABLE_ENTITY",
       "entire client"},
      {FakeDeepgram::legacy_error(429, "TOO_MANY_REQUESTS",
                                  "Too many requests. Please try again later"),
       AIHOST_RATE_LIMITED, 429, "TOO_MANY_REQUESTS", "try again later"},
      {FakeDeepgram::legacy_error(
           403, "INSUFFICIENT_PERMISSIONS",
           "Project does not have access to the requested model."),
       AIHOST_PERMISSION_DENIED, 403, "INSUFFICIENT_PERMISSIONS",
       "requested model"},
      {FakeDeepgram::modern_error(400, "INVALID_JSON",
                                  "Invalid JSON submitted.",
                                  "expected value at line 1 column 2"),
       AIHOST_INVALID_ARGUMENT, 400, "INVALID_JSON",
       "(expected value at line 1 column 2)"},
      {FakeDeepgram::modern_error(404, "NOT_FOUND", "Model not found.",
                                  "nova-9"),
       AIHOST_NOT_FOUND, 404, "NOT_FOUND", "Model not found."},
      {FakeDeepgram::legacy_error(413, "PAYLOAD_TOO_LARGE",
                                  "Request entity too large"),
       AIHOST_PAYLOAD_TOO_LARGE, 413, "PAYLOAD_TOO_LARGE", "too large"},
      {FakeDeepgram::modern_error(500, "INTERNAL_SERVER_ERROR",
                                  "Something broke.", ""),
       AIHOST_UNAVAILABLE, 500, "INTERNAL_SERVER_ERROR", "Something broke."},
      {FakeDeepgram::legacy_error(503, "SERVICE_UNAVAILABLE", "Try later."),
       AIHOST_UNAVAILABLE, 503, "SERVICE_UNAVAILABLE", "Try later."},
      {FakeDeepgram::legacy_error(504, "GATEWAY_TIMEOUT",
                                  "Upstream timed out."),
       AIHOST_DEADLINE_EXCEEDED, 504, "GATEWAY_TIMEOUT", "timed out"},
      {FakeResponse::json(502, "<html>bad gateway</html>"), AIHOST_UNAVAILABLE,
       502, "", "HTTP 502"},
  };
  Harness h;
  for (auto& c : cases) {
    CAPTURE(c.http, c.code);
    h.fake.push_response(c.answer);
    auto out = h.transcribe(mono_wav(0.1));
    CHECK(out.status == c.status);
    CHECK(out.http_status == c.http);
    CHECK(out.provider_code == c.code);
    CHECK_THAT(out.message, Catch::Contains(c.text));
    check_no_secret(out);
  }
  // Each answered once: none of these was retried by the plugin.
  CHECK(h.fake.request_count() == cases.size());
}

TEST_CASE("a Retry-After on 429 becomes the retry hint", "[deepgram][errors]") {
  Harness h;
  auto answer =
      FakeDeepgram::legacy_error(429, "TOO_MANY_REQUESTS", "slow down");
  answer.headers.push_back({"Retry-After", "2"});
  h.fake.push_response(answer);
  auto out = h.transcribe(mono_wav(0.1));
  CHECK(out.status == AIHOST_RATE_LIMITED);
  CHECK(out.retry_after_ms == 2000);
}

TEST_CASE("4xx answers are not retried even when the egress would retry",
          "[deepgram][errors]") {
  auto policy = fast_policy();
  policy.max_retries = 3;
  Harness h(json::object(), policy);
  for (int status : {400, 401, 402, 403}) {
    CAPTURE(status);
    size_t before = h.fake.request_count();
    h.fake.push_response(FakeDeepgram::legacy_error(status, "X", "no"));
    auto out = h.transcribe(mono_wav(0.1));
    CHECK_FALSE(out.ok());
    CHECK(h.fake.request_count() == before + 1);
  }
}

TEST_CASE("the key is scrubbed even if the provider echoes it",
          "[deepgram][errors]") {
  Harness h;
  h.fake.push_response(FakeDeepgram::legacy_error(
      401, "INVALID_AUTH", "Key dg-secret-4f1c is revoked."));
  auto out = h.transcribe(mono_wav(0.1));
  CHECK(out.status == AIHOST_UNAUTHENTICATED);
  CHECK_THAT(out.message, Catch::Contains("Key [redacted] is revoked."));
  check_no_secret(out);
}

TEST_CASE("corrupt audio is Deepgram's 400, as INVALID_ARGUMENT",
          "[deepgram][errors]") {
  Harness h;
  std::string broken = mono_wav(0.5);
  broken[8] = 'X';  // no longer WAVE
  auto out = h.transcribe(broken);
  CHECK(out.status == AIHOST_INVALID_ARGUMENT);
  CHECK(out.http_status == 400);
  CHECK(out.provider_code == "Bad Request");
  CHECK_THAT(out.message, Catch::Contains("corrupt or unsupported data"));

  std::string cut = mono_wav(0.5).substr(0, 30);
  CHECK(h.transcribe(cut).status == AIHOST_INVALID_ARGUMENT);
}

TEST_CASE("transport faults", "[deepgram][errors]") {
  SECTION("connection reset") {
    Harness h;
    FakeResponse reset;
    reset.reset = true;
    h.fake.push_response(reset);
    auto out = h.transcribe(mono_wav(0.1));
    CHECK(out.status == AIHOST_UNAVAILABLE);
    CHECK(out.http_status == 0);
    check_no_secret(out);
  }
  SECTION("an answer slower than the read timeout") {
    auto policy = fast_policy();
    policy.read_timeout_ms = 100;
    Harness h(json::object(), policy);
    h.fake.set_delay_ms(400);
    auto out = h.transcribe(mono_wav(0.1));
    CHECK(out.status == AIHOST_DEADLINE_EXCEEDED);
  }
  SECTION("a slow answer within the timeout still succeeds") {
    Harness h;
    h.fake.set_delay_ms(150);
    h.fake.set_channel_words(0, {{"late", 0.1, 0.2}});
    auto out = h.transcribe(mono_wav(0.3));
    REQUIRE(out.ok());
    CHECK(out.result["text"] == "late");
  }
  SECTION("nothing listening") {
    int port;
    {
      fakes::FakeServer gone(
          [](const fakes::FakeRequest&) { return FakeResponse{}; });
      port = gone.port();
    }
    Harness h(json{{"base_url", "http://127.0.0.1:" + std::to_string(port)}});
    CHECK(h.transcribe(mono_wav(0.1)).status == AIHOST_UNAVAILABLE);
  }
}

TEST_CASE("a 2xx that is not a ListenV1Response is UPSTREAM_PROTOCOL",
          "[deepgram][errors]") {
  struct Case {
    const char* name;
    std::string body;
    const char* why;
  };
  std::vector<Case> cases = {
      {"not JSON", R"({"metadata": {"duration": 1}, "results": )", "not JSON"},
      {"array", "[]", "not a JSON object"},
      {"callback ack",
       R"({"request_id": "8d3f2a61-5b0e-4c9a-a7d4-1e6f0b2c9d87"})", "callback"},
      {"no results", R"({"metadata": {"duration": 1}})", "results is missing"},
      {"no channels",
       R"({"metadata": {"duration": 1}, "results": {"channels": []}})",
       "results.channels is empty"},
      {"duration text",
       R"({"metadata": {"duration": "1s"}, "results": {"channels": [{"alternatives": []}]}})",
       "metadata.duration is not a number"},
      {"word without start",
       R"({"metadata": {"duration": 1}, "results": {"channels": [{"alternatives": [
           {"transcript": "a", "words": [{"word": "a", "end": 0.2}]}]}]}})",
       "words[0].start is missing"},
      {"negative speaker",
       R"({"metadata": {"duration": 1}, "results": {"channels": [{"alternatives": [
           {"transcript": "a", "words": [{"word": "a", "start": 0.1, "end": 0.2,
                                          "speaker": -1}]}]}]}})",
       "speaker is not an index"},
      {"utterances object",
       R"({"metadata": {"duration": 1}, "results": {"utterances": {},
           "channels": [{"alternatives": []}]}})",
       "utterances is not an array"},
  };
  Harness h;
  for (const auto& c : cases) {
    CAPTURE(c.name);
    h.fake.push_response(FakeResponse::json(200, c.body));
    auto out = h.transcribe(mono_wav(0.1));
    CHECK(out.status == AIHOST_UPSTREAM_PROTOCOL);
    CHECK_THAT(out.message, Catch::Contains(c.why));
  }
}

namespace {

struct RawAnswer {
  int status = 0;
  std::string body;
};

// One request straight at the fake, bypassing the plugin.
RawAnswer raw(const fakes::FakeDeepgram& fake, const std::string& method,
              const std::string& target, const std::string& auth,
              const std::string& type, const std::string& body) {
  net::Egress egress(fast_policy());
  net::Request req;
  req.method = method;
  req.url = fake.base_url() + target;
  req.headers = {{"Authorization", auth}, {"Content-Type", type}};
  req.body = body;
  RawAnswer a;
  net::Sink sink;
  sink.on_head = [&](int status, const std::vector<net::Header>&) {
    a.status = status;
    return true;
  };
  sink.on_body = [&](std::string_view chunk) {
    a.body.append(chunk);
    return true;
  };
  net::CallControl control;
  REQUIRE_FALSE(egress.send(req, sink, control));
  return a;
}

}  // namespace

TEST_CASE("the fake refuses what the real service refuses",
          "[deepgram][fake]") {
  fakes::FakeDeepgram fake("k-1");
  const std::string wav = mono_wav(0.2);
  const std::string ok_query = "/v1/listen?model=nova-3&punctuate=true";
  auto code_of = [](const RawAnswer& a) {
    return json::parse(a.body).value("err_code", "");
  };

  auto good = raw(fake, "POST", ok_query, "Token k-1", "audio/wav", wav);
  CHECK(good.status == 200);
  CHECK(json::parse(good.body)["metadata"]["duration"] == Approx(0.2));

  auto bearer = raw(fake, "POST", ok_query, "Bearer k-1", "audio/wav", wav);
  CHECK(bearer.status == 401);
  CHECK(code_of(bearer) == "INVALID_AUTH");
  CHECK(raw(fake, "POST", ok_query, "Token k-2", "audio/wav", wav).status ==
        401);

  CHECK(raw(fake, "GET", ok_query, "Token k-1", "audio/wav", "").status == 405);
  CHECK(raw(fake, "POST", "/v2/listen", "Token k-1", "audio/wav", wav).status ==
        404);

  for (const char* q :
       {"/v1/listen?diarize=true&diarize_model=latest",
        "/v1/listen?punctuate=yes", "/v1/listen?multichannel=1",
        "/v1/listen?language=en&detect_language=true",
        "/v1/listen?utt_split=soon", "/v1/listen?punctuation=true",
        "/v1/listen?model=a&model=b"}) {
    CAPTURE(q);
    auto a = raw(fake, "POST", q, "Token k-1", "audio/wav", wav);
    CHECK(a.status == 400);
    CHECK(code_of(a) == "Bad Request");
  }
  for (auto [type, body] : {std::pair<std::string, std::string>{
                                "application/json", R"({"url":"x"})"},
                            {"audio/wav", ""},
                            {"audio/wav", "RIFF0000WAVEjunk"}}) {
    CAPTURE(type, body);
    auto a = raw(fake, "POST", ok_query, "Token k-1", type, body);
    CHECK(a.status == 400);
    CHECK_THAT(a.body, Catch::Contains("corrupt or unsupported data"));
  }
  // A container the fake does not parse is still accepted, as by Deepgram.
  CHECK(raw(fake, "POST", ok_query, "Token k-1", "audio/mpeg", "ID3....")
            .status == 200);
}
