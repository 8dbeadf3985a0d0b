// The single-step job types: transcription, redaction and the LLM tasks,
// their inputs, results and failures.
#include "pipeline_harness.hpp"
#include "pipelines/job_inputs.hpp"

#include <catch2/catch.hpp>

using namespace aihost;
using namespace aihost::testing;

TEST_CASE("every pipeline job type is registered", "[handlers]") {
  PipelineHarness h;
  std::vector<std::string> types;
  for (const auto& [type, handler] : h.handlers) {
    CHECK(handler);
    types.push_back(type);
  }
  CHECK(types == std::vector<std::string>{"call_analysis", "coaching",
                                          "redaction", "sentiment", "summary",
                                          "transcription"});
}

TEST_CASE("transcription of a mono recording through OpenAI", "[handlers]") {
  PipelineHarness h("openai");
  std::string wav =
      audio::write_wav(audio::testing::constant_channels({300}, 7.5));
  MemoryJobContext ctx("transcription", {{"language", "en"}}, wav);
  json result = h.run(ctx);
  CHECK(result["route"] == "mono");
  CHECK(result["provider"] == "openai");
  CHECK(result["transcript"]["segments"].size() == 2);
  CHECK(result["transcript"]["text"] ==
        "Thanks for calling the support line. How can I help you today?");
  REQUIRE(h.openai.request_count() == 1);
  auto form = fakes::FakeOpenAI::form(h.openai.requests()[0]);
  bool sent_audio = false;
  for (const auto& part : form)
    if (part.name == "file") sent_audio = part.data == wav;
  CHECK(sent_audio);
  auto calls = h.caller->calls_for("audio.transcribe");
  REQUIRE(calls.size() == 1);
  CHECK(calls[0].expected.audio_seconds == Approx(7.5));
  CHECK(calls[0].invocation.payload_type == "audio/wav");
  CHECK(ctx.checkpointed_steps() == std::vector<std::string>{"transcribe"});
  CHECK(ctx.events().back().progress == 100);
}

TEST_CASE("dual-channel transcription job through Deepgram", "[handlers]") {
  PipelineHarness h;
  MemoryJobContext ctx("transcription", {{"dual_channel", true}},
                       PipelineHarness::call_wav());
  json result = h.run(ctx);
  CHECK(result["route"] == "multichannel");
  CHECK(result["audio_seconds"].get<double>() == Approx(8.0));
  const json& segs = result["transcript"]["segments"];
  REQUIRE(segs.size() == 4);
  // Transcription alone does not redact.
  CHECK(segs[2]["text"] == "My card is 4111 1111 1111 1111.");
  CHECK(segs[2]["role"] == "customer");
}

TEST_CASE("an explicit provider is passed to routing", "[handlers]") {
  PipelineHarness h;
  MemoryJobContext ctx(
      "transcription", {{"provider", "openai"}},
      audio::write_wav(audio::testing::constant_channels({300}, 2.0)));
  json result = h.run(ctx);
  CHECK(result["provider"] == "openai");
  CHECK(h.deepgram.request_count() == 0);
  CHECK(h.caller->calls()[0].provider == "openai");

  MemoryJobContext unknown("transcription", {{"provider", "nobody"}},
                           PipelineHarness::call_wav());
  bool retryable = true;
  CHECK(failure_code([&] { h.run(unknown); }, &retryable) ==
        "provider_not_configured");
  CHECK_FALSE(retryable);
}

TEST_CASE(
    "redaction of a text, with entity types from the input or the "
    "tenant",
    "[handlers][pii]") {
  PipelineHarness h;
  const std::string text =
      "Card 4111 1111 1111 1111, mail ana.ruiz@example.com, thanks.";
  MemoryJobContext only_cards(
      "redaction", {{"text", text}, {"entity_types", {"CREDIT_CARD"}}});
  json r = h.run(only_cards);
  CHECK(r["text"] == "Card <CREDIT_CARD>, mail ana.ruiz@example.com, thanks.");
  CHECK(r["summary"] ==
        json({{"total", 1}, {"by_type", {{"CREDIT_CARD", 1}}}}));
  CHECK(r["provider"] == "local-pii");
  REQUIRE(r["entities"].size() == 1);
  CHECK(r["entities"][0]["start"] == 5);
  CHECK(r["entities"][0]["end"] == 24);

  MemoryJobContext tenant_types(
      "redaction", {{"text", text},
                    {"method", "mask"},
                    {"features", {{"pii_entity_types", {"EMAIL_ADDRESS"}}}}});
  r = h.run(tenant_types);
  CHECK(r["text"] ==
        "Card 4111 1111 1111 1111, mail ********************, thanks.");
  CHECK(r.dump().find("ana.ruiz") == std::string::npos);
}

TEST_CASE("redaction of transcript segments keeps their timings",
          "[handlers][pii]") {
  PipelineHarness h;
  json segments = {{{"id", 4},
                    {"start", 1.5},
                    {"end", 3.0},
                    {"text", "Call me on 415 555 0132"},
                    {"role", "customer"}},
                   {{"start", 3.5}, {"end", 4.0}, {"text", "Will do."}}};
  MemoryJobContext ctx("redaction", {{"segments", segments}});
  json r = h.run(ctx);
  REQUIRE(r["segments"].size() == 2);
  CHECK(r["segments"][0]["id"] == 4);
  CHECK(r["segments"][0]["start"] == 1.5);
  CHECK(r["segments"][0]["end"] == 3.0);
  CHECK(r["segments"][0]["role"] == "customer");
  CHECK(r["segments"][0]["text"] == "Call me on <PHONE_NUMBER>");
  CHECK(r["segments"][1]["id"] == 1);
  CHECK(r["segments"][1]["text"] == "Will do.");
  CHECK(r["summary"]["by_type"] == json({{"PHONE_NUMBER", 1}}));
  CHECK_FALSE(r.contains("text"));
}

TEST_CASE("LLM task jobs take a transcript or a text", "[handlers]") {
  PipelineHarness h;
  json transcript = {
      {"segments",
       {{{"start", 0.0}, {"end", 2.0}, {"role", "agent"}, {"text", "Hello."}},
        {{"start", 2.5},
         {"end", 4.0},
         {"role", "customer"},
         {"text", "My bill is wrong."}}}}};
  MemoryJobContext summary("summary", {{"transcript", transcript}});
  json r = h.run(summary);
  CHECK(r["task"] == json({{"id", "summary"}, {"version", 1}}));
  CHECK(r["output"] == good_summary());
  CHECK(r["attempts"] == 1);
  CHECK(r["provider"] == "openai");
  CHECK_THAT(h.model.bodies("call_summary")[0]["messages"][1]["content"]
                 .get<std::string>(),
             Catch::Contains("[00:00] Agent: Hello.\n[00:02] Customer: My "
                             "bill is wrong."));

  MemoryJobContext sentiment(
      "sentiment",
      {{"text", "Great service, thank you!"}, {"model", "gpt-4.1-mini"}});
  r = h.run(sentiment);
  CHECK(r["output"] == good_sentiment());
  CHECK(h.model.bodies("call_sentiment")[0]["model"] == "gpt-4.1-mini");
}

TEST_CASE("a finished single-step job is not run again", "[handlers]") {
  PipelineHarness h;
  MemoryJobContext first("coaching", {{"text", "Agent: hi. Customer: bye."}});
  json r = h.run(first);
  MemoryJobContext again("coaching", {{"text", "Agent: hi. Customer: bye."}});
  again.seed_checkpoints(first.checkpoints());
  CHECK(h.run(again) == r);
  CHECK(h.openai.request_count() == 1);
}

TEST_CASE("malformed inputs fail as invalid_request naming the field",
          "[handlers]") {
  PipelineHarness h;
  struct Case {
    std::string type;
    json input;
    std::string says;
  };
  for (const auto& c : std::vector<Case>{
           {"summary", {{"text", 5}}, "'text'"},
           {"summary",
            {{"text", "a"}, {"transcript", {{"text", "b"}}}},
            "either"},
           {"summary", json::array(), "JSON object"},
           {"sentiment",
            {{"transcript", {{"segments", {{{"start", 0}, {"text", "x"}}}}}}},
            "transcript.segments[0].end"},
           {"redaction", {{"text", "x"}, {"method", "shred"}}, "'method'"},
           {"redaction",
            {{"text", "x"}, {"score_threshold", 2}},
            "from 0 to 1"},
           {"redaction",
            {{"segments", {{{"start", 0}, {"end", 1}}}}},
            "segments[0].text"},
           {"transcription", {{"language", 3}}, "'language'"},
           {"transcription",
            {{"features", {{"max_audio_duration_seconds", 0}}}},
            "features.max_audio_duration_seconds"}}) {
    CAPTURE(c.type, c.input);
    MemoryJobContext ctx(c.type, c.input, PipelineHarness::call_wav());
    try {
      h.run(ctx);
      FAIL("accepted");
    } catch (const jobs::JobFailure& f) {
      CHECK(f.code == "invalid_request");
      CHECK_FALSE(f.retryable);
      CHECK_THAT(f.what(), Catch::Contains(c.says));
    }
  }
  CHECK(h.caller->calls().empty());
}

TEST_CASE("a task missing from the catalog is task_not_found", "[handlers]") {
  PipelineHarness h;
  pipelines::TaskCatalog only_summary;
  only_summary.add(*h.tasks.find("summary"));
  std::map<std::string, jobs::JobHandler> handlers;
  pipelines::register_handlers(handlers,
                               {*h.caller, only_summary, std::nullopt});
  MemoryJobContext ctx("coaching", {{"text", "hello"}});
  CHECK(failure_code([&] { handlers.at("coaching")(ctx); }) ==
        "task_not_found");
}

TEST_CASE("the tenant's features become the job input's features",
          "[handlers]") {
  storage::TenantFeatures f;
  f.pii_redaction_enabled = true;
  f.pii_entity_types = {"CREDIT_CARD"};
  f.coaching_enabled = false;
  f.max_audio_duration_seconds = 600;
  json in = {{"features", pipelines::features_input(f)}};
  auto read = pipelines::read_features(in);
  CHECK(read.pii_redaction == true);
  CHECK(read.coaching == false);
  CHECK(read.pii_entity_types == std::vector<std::string>{"CREDIT_CARD"});
  CHECK(read.max_audio_seconds == 600);
  CHECK(read.pii_confidence_threshold == Approx(0.5));
}
