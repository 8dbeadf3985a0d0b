// call_analysis end to end: a generated two-channel call through the real
// Deepgram plugin (FakeDeepgram), local-pii, and the OpenAI plugin
// (FakeOpenAI) for the three LLM tasks; progress, checkpoints, resume,
// cancellation, feature switches and bad audio.
#include "pipeline_harness.hpp"

#include <catch2/catch.hpp>

using namespace aihost;
using namespace aihost::testing;

namespace {

json analysis_input(json extra = json::object()) {
  json in = {{"dual_channel", true},
             {"language", "en"},
             {"features",
              {{"pii_redaction_enabled", true},
               {"summary_enabled", true},
               {"sentiment_enabled", true},
               {"coaching_enabled", true},
               {"max_audio_duration_seconds", 3600}}}};
  in.merge_patch(extra);
  return in;
}

std::vector<std::string> step_statuses(const json& result) {
  std::vector<std::string> out;
  for (const auto& s : result["steps"])
    out.push_back(s["name"].get<std::string>() + ":" +
                  s["status"].get<std::string>());
  return out;
}

// Every user prompt the fake model received.
std::string prompts(const PipelineHarness& h) {
  std::string all;
  for (const auto& b : h.model.bodies())
    for (const auto& m : b["messages"]) all += m["content"].get<std::string>();
  return all;
}

}  // namespace

TEST_CASE(
    "a two-channel call is transcribed, redacted, summarised, scored "
    "and coached",
    "[analysis]") {
  PipelineHarness h;
  MemoryJobContext ctx("call_analysis", analysis_input(),
                       PipelineHarness::call_wav());
  json result = h.run(ctx);

  // One native multichannel Deepgram request for the whole file.
  REQUIRE(h.deepgram.request_count() == 1);
  auto dg = h.deepgram.requests()[0];
  CHECK(dg.param("multichannel") == "true");
  CHECK(dg.param("language") == "en");
  CHECK(dg.header("Authorization") == std::string("Token ") + kDeepgramKey);
  CHECK(dg.body == PipelineHarness::call_wav());

  // The transcript the result carries is the redacted one.
  const json& t = result["transcript"];
  REQUIRE(t["segments"].size() == 4);
  CHECK(t["segments"][0]["role"] == "agent");
  CHECK(t["segments"][0]["text"] == "Thanks for calling.");
  CHECK(t["segments"][1]["role"] == "customer");
  CHECK(t["segments"][1]["text"] == "My order is late.");
  CHECK(t["segments"][2]["text"] == "My card is <CREDIT_CARD>.");
  CHECK(t["segments"][2]["start"].get<double>() == Approx(3.60));
  CHECK(t["segments"][2]["end"].get<double>() == Approx(5.60));
  CHECK(t["segments"][3]["text"] == "Let me check.");
  CHECK(t["words"].empty());
  CHECK(result.dump().find("4111") == std::string::npos);
  CHECK(result["redaction"] ==
        json({{"total", 1}, {"by_type", {{"CREDIT_CARD", 1}}}}));

  CHECK(result["summary"] == good_summary());
  CHECK(result["sentiment"] == good_sentiment());
  CHECK(result["coaching"] == good_coaching());

  // The LLM steps read the redacted transcript, turn by turn.
  CHECK(h.model.bodies().size() == 3);
  const std::string all = prompts(h);
  CHECK(all.find("4111") == std::string::npos);
  CHECK_THAT(all,
             Catch::Contains("[00:03] Customer: My card is <CREDIT_CARD>."));
  CHECK_THAT(all, Catch::Contains("[00:00] Agent: Thanks for calling."));

  CHECK(step_statuses(result) ==
        std::vector<std::string>{"transcribe:completed", "redact:completed",
                                 "summary:completed", "sentiment:completed",
                                 "coaching:completed"});
  const json& steps = result["steps"];
  CHECK(steps[0]["provider"] == "deepgram");
  CHECK(steps[0]["model"] == "general-nova-3");
  CHECK(steps[1]["provider"] == "local-pii");
  CHECK(steps[2]["provider"] == "openai");
  CHECK(steps[2]["model"] == "gpt-4o-mini-2025-04-14");
  for (const auto& s : steps) {
    CHECK(s["duration_ms"].get<int64_t>() >= 0);
    CHECK_FALSE(s.contains("output"));
  }

  // Progress: each step announced, then checkpointed with its end value.
  std::vector<std::tuple<std::string, int, bool>> seen;
  for (const auto& e : ctx.events())
    seen.emplace_back(e.step, e.progress, e.checkpoint);
  CHECK(seen == std::vector<std::tuple<std::string, int, bool>>{
                    {"transcribe", 0, false},
                    {"transcribe", 40, true},
                    {"redact", 40, false},
                    {"redact", 55, true},
                    {"summary", 55, false},
                    {"summary", 70, true},
                    {"sentiment", 70, false},
                    {"sentiment", 85, true},
                    {"coaching", 85, false},
                    {"coaching", 100, true}});

  // Admission saw the real audio length; every call's usage was committed
  // with its step.
  auto audio_calls = h.caller->calls_for("audio.transcribe");
  REQUIRE(audio_calls.size() == 1);
  CHECK(audio_calls[0].expected.audio_seconds == Approx(8.0));
  CHECK(audio_calls[0].shape.channels == 2);
  CHECK(audio_calls[0].request_id == "job-job-0001/transcribe/1");
  auto usage = ctx.committed_usage();
  REQUIRE(usage.size() == 5);
  for (const auto& row : usage) {
    CHECK(row.job_id == "job-0001");
    CHECK(row.tenant_id == "tenant-a");
    CHECK(row.success);
  }
  CHECK(usage[0].audio_seconds == Approx(8.0));
  CHECK(usage[1].operation == "pii.redact");
  CHECK(usage[1].characters > 0);
}

TEST_CASE(
    "without native multichannel the channels are transcribed apart "
    "and merged",
    "[analysis]") {
  PipelineHarness h;
  h.caller->hide_extension("aihost.audio.multichannel/1");
  MemoryJobContext ctx(
      "call_analysis",
      analysis_input({{"roles", {"customer", "agent"}}, {"coaching", false}}),
      PipelineHarness::call_wav());
  json result = h.run(ctx);
  REQUIRE(h.deepgram.request_count() == 2);
  for (const auto& r : h.deepgram.requests())
    CHECK(r.param("multichannel") == "false");
  auto calls = h.caller->calls_for("audio.transcribe");
  REQUIRE(calls.size() == 2);
  for (const auto& c : calls) {
    CHECK(c.shape.channels == 1);
    CHECK(c.expected.audio_seconds == Approx(8.0));
  }
  const json& segs = result["transcript"]["segments"];
  REQUIRE(segs.size() == 4);
  // Channel 0 was declared the customer this time.
  CHECK(segs[0]["role"] == "customer");
  CHECK(segs[0]["text"] == "Thanks for calling.");
  CHECK(segs[2]["text"] == "My card is <CREDIT_CARD>.");
  CHECK(segs[2]["role"] == "agent");
  CHECK(result["coaching"].is_null());
  CHECK(result["steps"][4]["status"] == "skipped");
  CHECK(result["steps"][4]["reason"] == "not requested");
  CHECK(h.model.bodies("agent_coaching").empty());
}

TEST_CASE(
    "a cancelled job stops between steps and a resumed one skips "
    "what was finished",
    "[analysis][resume]") {
  PipelineHarness h;
  MemoryJobContext first("call_analysis", analysis_input(),
                         PipelineHarness::call_wav());
  first.cancel_after("redact");
  bool retryable = true;
  CHECK(failure_code([&] { h.run(first); }, &retryable) == "job_cancelled");
  CHECK_FALSE(retryable);
  CHECK(first.checkpointed_steps() ==
        std::vector<std::string>{"transcribe", "redact"});
  CHECK(h.deepgram.request_count() == 1);
  CHECK(h.openai.request_count() == 0);

  // The next attempt starts from the committed checkpoints.
  MemoryJobContext second("call_analysis", analysis_input(),
                          PipelineHarness::call_wav());
  second.seed_checkpoints(first.checkpoints());
  json result = h.run(second);
  CHECK(h.deepgram.request_count() == 1);
  CHECK(h.openai.request_count() == 3);
  CHECK(second.checkpointed_steps() ==
        std::vector<std::string>{"summary", "sentiment", "coaching"});
  CHECK(result["steps"][0]["resumed"] == true);
  CHECK(result["steps"][1]["resumed"] == true);
  CHECK_FALSE(result["steps"][2].contains("resumed"));
  CHECK(result["transcript"]["segments"][2]["text"] ==
        "My card is <CREDIT_CARD>.");
  CHECK(result["redaction"]["total"] == 1);
  CHECK(result["summary"] == good_summary());
  // Only the new calls' usage is committed by the second attempt.
  CHECK(second.committed_usage().size() == 3);

  // A third attempt after everything finished makes no calls at all.
  MemoryJobContext third("call_analysis", analysis_input(),
                         PipelineHarness::call_wav());
  auto all = first.checkpoints();
  for (const auto& [k, v] : second.checkpoints()) all[k] = v;
  third.seed_checkpoints(all);
  json again = h.run(third);
  CHECK(h.openai.request_count() == 3);
  CHECK(h.deepgram.request_count() == 1);
  CHECK(again["sentiment"] == result["sentiment"]);
}

TEST_CASE("a job cancelled before it starts calls nothing", "[analysis]") {
  PipelineHarness h;
  MemoryJobContext ctx("call_analysis", analysis_input(),
                       PipelineHarness::call_wav());
  ctx.cancel();
  CHECK(failure_code([&] { h.run(ctx); }) == "job_cancelled");
  CHECK(h.caller->calls().empty());
}

TEST_CASE("a failed LLM step keeps the earlier checkpoints for the retry",
          "[analysis][resume]") {
  PipelineHarness h;
  MemoryJobContext ctx("call_analysis", analysis_input(),
                       PipelineHarness::call_wav());
  h.openai.fail_next(fakes::OpenAiFault::rate_limit);
  bool retryable = false;
  CHECK(failure_code([&] { h.run(ctx); }, &retryable) == "rate_limited");
  CHECK(retryable);
  CHECK(ctx.checkpointed_steps() ==
        std::vector<std::string>{"transcribe", "redact"});
}

TEST_CASE(
    "redaction is skipped when the tenant's feature is off or the "
    "input says so",
    "[analysis][pii]") {
  for (json extra : {json{{"features", {{"pii_redaction_enabled", false}}}},
                     json{{"redact", false}}}) {
    CAPTURE(extra);
    PipelineHarness h;
    MemoryJobContext ctx("call_analysis", analysis_input(extra),
                         PipelineHarness::call_wav());
    json result = h.run(ctx);
    CHECK(result["redaction"].is_null());
    CHECK(result["steps"][1]["status"] == "skipped");
    CHECK(h.caller->calls_for("pii.redact").empty());
    // Nothing took the card number out this time.
    CHECK_THAT(prompts(h), Catch::Contains("4111 1111 1111 1111"));
  }
}

TEST_CASE("the tenant's entity types and threshold reach the redaction",
          "[analysis][pii]") {
  PipelineHarness h;
  json in = analysis_input();
  in["features"]["pii_entity_types"] = {"EMAIL_ADDRESS"};
  in["features"]["pii_confidence_threshold"] = 0.7;
  MemoryJobContext ctx("call_analysis", in, PipelineHarness::call_wav());
  json result = h.run(ctx);
  auto calls = h.caller->calls_for("pii.redact");
  REQUIRE(calls.size() == 1);
  CHECK(calls[0].invocation.params["entities"] == json({"EMAIL_ADDRESS"}));
  CHECK(calls[0].invocation.params["score_threshold"] == 0.7);
  CHECK(calls[0].invocation.params["segments"].size() == 4);
  // Only e-mail addresses were asked for, so the card stays.
  CHECK(result["redaction"]["total"] == 0);
}

TEST_CASE("disabled LLM features are skipped, by the input or the gateway",
          "[analysis]") {
  PipelineHarness h;
  h.caller->refuse_feature("sentiment", "feature_disabled", 403);
  MemoryJobContext ctx(
      "call_analysis",
      analysis_input({{"features", {{"coaching_enabled", false}}}}),
      PipelineHarness::call_wav());
  json result = h.run(ctx);
  CHECK(step_statuses(result) ==
        std::vector<std::string>{"transcribe:completed", "redact:completed",
                                 "summary:completed", "sentiment:skipped",
                                 "coaching:skipped"});
  CHECK(result["steps"][4]["reason"] == "the tenant's coaching feature is off");
  CHECK_THAT(result["steps"][3]["reason"].get<std::string>(),
             Catch::Contains("disabled"));
  CHECK(result["sentiment"].is_null());
  CHECK(result["coaching"].is_null());
  CHECK(result["summary"] == good_summary());
  CHECK(h.model.bodies().size() == 1);
  CHECK(ctx.events().back().progress == 100);
}

TEST_CASE("unusable audio fails the job before any call", "[analysis][audio]") {
  struct Case {
    std::string audio;
    json extra;
    std::string code;
  };
  std::string mono =
      audio::write_wav(audio::testing::constant_channels({kAgentLevel}, 2.0));
  std::string truncated = PipelineHarness::call_wav().substr(0, 30);
  for (const auto& c : std::vector<Case>{
           {"this is not a wav file at all", json::object(), "audio_invalid"},
           {truncated, json::object(), "audio_invalid"},
           {"", json::object(), "audio_invalid"},
           {mono, json::object(), "audio_mismatch"},
           {PipelineHarness::call_wav(20.0),
            {{"features", {{"max_audio_duration_seconds", 10}}}},
            "audio_too_long"},
           {PipelineHarness::call_wav(),
            {{"dual_channel", "yes"}},
            "invalid_request"},
           {PipelineHarness::call_wav(),
            {{"roles", {"agent", "agent"}}},
            "invalid_request"}}) {
    CAPTURE(c.code, c.extra);
    PipelineHarness h;
    MemoryJobContext ctx("call_analysis", analysis_input(c.extra), c.audio);
    bool retryable = true;
    CHECK(failure_code([&] { h.run(ctx); }, &retryable) == c.code);
    CHECK_FALSE(retryable);
    CHECK(h.caller->calls().empty());
    CHECK(ctx.checkpointed_steps().empty());
  }
}
