// LLM tasks through the real OpenAI plugin against FakeOpenAI, which checks
// the requests as strictly as the real API (strict-mode schema rules
// included): the request each task sends, the answer checked against the
// schema, the one re-ask, refusals and provider failures.
#include "pipelines/llm_task.hpp"
#include "pipeline_harness.hpp"
#include "pipelines/json_schema.hpp"
#include "pipelines/step_error.hpp"

#include <catch2/catch.hpp>

using namespace aihost;
using namespace aihost::testing;
using pipelines::StepError;

namespace {

sdk::Transcript call_transcript() {
  sdk::Transcript t;
  auto seg = [](int id, double start, double end, std::string role,
                std::string text) {
    sdk::Segment s;
    s.id = id;
    s.start = start;
    s.end = end;
    s.role = std::move(role);
    s.text = std::move(text);
    return s;
  };
  t.segments = {seg(0, 0.4, 2.0, "agent",
                    "Good morning, you're through to "
                    "Northwind support."),
                seg(1, 2.5, 6.0, "customer",
                    "Hi, my parcel never arrived and I was charged twice."),
                seg(2, 65.2, 70.0, "agent",
                    "I've refunded the second charge; you'll see it in three "
                    "days.")};
  return t;
}

struct TaskFixture {
  PipelineHarness h;
  MemoryUsageSink sink;
  pipelines::CallScope scope;

  TaskFixture() {
    scope.tenant_id = "tenant-a";
    scope.job_id = "job-7";
    scope.request_id = "job-job-7";
    scope.usage_sink = &sink;
  }

  const pipelines::TaskDefinition& task(const std::string& id) {
    const auto* t = h.tasks.find(id);
    REQUIRE(t);
    return *t;
  }

  pipelines::TaskRun run(const std::string& id,
                         pipelines::LlmTaskOptions options = {}) {
    pipelines::TaskInput in;
    in.transcript = call_transcript();
    return pipelines::run_llm_task(*h.caller, scope, task(id), in, options);
  }

  // The StepError of running task `id`.
  StepError failure(const std::string& id) {
    try {
      run(id);
    } catch (const StepError& e) {
      return e;
    }
    FAIL("the task succeeded");
    throw;
  }
};

}  // namespace

TEST_CASE(
    "each shipped task sends a strict json_schema request and returns "
    "an answer valid against its schema",
    "[llm]") {
  const std::map<std::string, std::pair<std::string, json>> cases = {
      {"summary", {"call_summary", good_summary()}},
      {"sentiment", {"call_sentiment", good_sentiment()}},
      {"coaching", {"agent_coaching", good_coaching()}}};
  for (const auto& [id, expect] : cases) {
    CAPTURE(id);
    TaskFixture f;
    const auto& task = f.task(id);
    auto run = f.run(id);
    CHECK(run.output == expect.second);
    CHECK(pipelines::validate(task.schema, run.output).empty());
    CHECK(run.attempts == 1);
    CHECK(run.provider == "openai");
    CHECK(run.model == "gpt-4o-mini-2025-04-14");
    CHECK(run.usage.input_tokens == 420);
    CHECK(run.usage.output_tokens == 80);

    auto bodies = f.h.model.bodies();
    REQUIRE(bodies.size() == 1);
    const json& body = bodies[0];
    CHECK(body["model"] == "gpt-4o-mini");
    CHECK(body["max_completion_tokens"] == task.max_output_tokens);
    CHECK(body["temperature"] == task.temperature);
    const json& rf = body["response_format"];
    CHECK(rf["type"] == "json_schema");
    CHECK(rf["json_schema"]["name"] == expect.first);
    CHECK(rf["json_schema"]["strict"] == true);
    CHECK(rf["json_schema"]["schema"] == task.schema);
    REQUIRE(body["messages"].size() == 2);
    CHECK(body["messages"][0]["role"] == "system");
    CHECK(body["messages"][0]["content"] == task.system_prompt);
    CHECK(body["messages"][1]["role"] == "user");
    const std::string user = body["messages"][1]["content"];
    CHECK_THAT(user, Catch::Contains(
                         "[00:00] Agent: Good morning, you're through to "
                         "Northwind support.\n[00:02] Customer: Hi, my parcel "
                         "never arrived and I was charged twice.\n[01:05] "
                         "Agent: I've refunded"));
    CHECK_THAT(user, !Catch::Contains("{{"));

    // What the gateway is asked to admit and meter.
    auto calls = f.h.caller->calls();
    REQUIRE(calls.size() == 1);
    CHECK(calls[0].capability == "llm.chat");
    CHECK(calls[0].feature == task.feature);
    CHECK(calls[0].tenant_id == "tenant-a");
    CHECK(calls[0].job_id == "job-7");
    CHECK(calls[0].request_id == "job-job-7/" + id);
    CHECK(calls[0].expected.max_output_tokens == task.max_output_tokens);
    size_t chars = task.system_prompt.size() + user.size();
    CHECK(calls[0].expected.input_tokens >= static_cast<int64_t>(chars / 4));
    CHECK(calls[0].expected.input_tokens <
          static_cast<int64_t>(chars / 4 + 2000));
    CHECK(calls[0].usage_sink == &f.sink);
    auto rows = f.sink.take();
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].success);
    CHECK(rows[0].input_tokens == 420);
  }
}

TEST_CASE(
    "an answer outside the schema is sent back once with what is "
    "wrong, and the corrected answer is used",
    "[llm][reask]") {
  TaskFixture f;
  json wrong = good_sentiment();
  wrong["speakers"][1]["score"] = 1.7;
  f.h.model.script("call_sentiment", json_reply(wrong));
  auto run = f.run("sentiment");
  CHECK(run.output == good_sentiment());
  CHECK(run.attempts == 2);
  CHECK(run.usage.input_tokens == 840);
  CHECK(run.usage.requests == 2);

  auto bodies = f.h.model.bodies();
  REQUIRE(bodies.size() == 2);
  CHECK(f.h.openai.request_count() == 2);
  const json& second = bodies[1]["messages"];
  REQUIRE(second.size() == 4);
  CHECK(second[0] == bodies[0]["messages"][0]);
  CHECK(second[1] == bodies[0]["messages"][1]);
  CHECK(second[2]["role"] == "assistant");
  CHECK(json::parse(second[2]["content"].get<std::string>()) == wrong);
  CHECK(second[3]["role"] == "user");
  CHECK_THAT(
      second[3]["content"].get<std::string>(),
      Catch::Contains("$.speakers[1].score: 1.7 is above the maximum 1"));
  // The retry is its own governed call, with its own request id.
  auto calls = f.h.caller->calls();
  REQUIRE(calls.size() == 2);
  CHECK(calls[1].request_id == "job-job-7/sentiment/2");
  CHECK(calls[1].expected.input_tokens > calls[0].expected.input_tokens);
  CHECK(f.sink.take().size() == 2);
}

TEST_CASE("an answer of the wrong JSON type is re-asked too", "[llm][reask]") {
  TaskFixture f;
  json not_an_object = json::array({"overview"});
  f.h.model.script("call_summary", json_reply(not_an_object));
  auto run = f.run("summary");
  CHECK(run.attempts == 2);
  auto bodies = f.h.model.bodies();
  REQUIRE(bodies.size() == 2);
  CHECK_THAT(bodies[1]["messages"][3]["content"].get<std::string>(),
             Catch::Contains("$: expected object, got an array"));
}

TEST_CASE("a truncated answer is re-asked with the output limit named",
          "[llm][reask]") {
  TaskFixture f;
  fakes::ChatReply cut = json_reply(good_summary());
  cut.content = cut.content->substr(0, 40);
  cut.finish_reason = "length";
  f.h.model.script("call_summary", cut);
  auto run = f.run("summary");
  CHECK(run.attempts == 2);
  CHECK(run.output == good_summary());
  auto bodies = f.h.model.bodies();
  REQUIRE(bodies.size() == 2);
  CHECK_THAT(bodies[1]["messages"][3]["content"].get<std::string>(),
             Catch::Contains("cut off at the output limit of 1200 tokens"));
}

TEST_CASE("two answers outside the schema fail with task_output_invalid",
          "[llm][reask]") {
  TaskFixture f;
  json missing = good_coaching();
  missing.erase("strengths");
  json bad_score = good_coaching();
  bad_score["scores"][0]["score"] = 9;
  f.h.model.script("agent_coaching", json_reply(missing));
  f.h.model.script("agent_coaching", json_reply(bad_score));
  StepError e = f.failure("coaching");
  CHECK(e.code == "task_output_invalid");
  CHECK_FALSE(e.retryable);
  CHECK_THAT(e.what(),
             Catch::Contains("$.scores[0].score: 9 is above the maximum 5"));
  CHECK(f.h.model.bodies().size() == 2);
  CHECK_THAT(f.h.model.bodies()[1]["messages"][3]["content"].get<std::string>(),
             Catch::Contains("$: missing required property \"strengths\""));
  // Both attempts were billed.
  CHECK(f.sink.take().size() == 2);
}

TEST_CASE("a refusal fails with model_refused and is not re-asked", "[llm]") {
  TaskFixture f;
  fakes::ChatReply refusal;
  refusal.content.reset();
  refusal.refusal = "I'm sorry, I can't help with that request.";
  f.h.model.script("call_summary", refusal);
  StepError e = f.failure("summary");
  CHECK(e.code == "model_refused");
  CHECK_FALSE(e.retryable);
  CHECK_THAT(e.what(), Catch::Contains("can't help with that"));
  CHECK(f.h.model.bodies().size() == 1);
}

TEST_CASE("a content-filtered answer is a refusal", "[llm]") {
  TaskFixture f;
  fakes::ChatReply filtered;
  filtered.content.reset();
  filtered.finish_reason = "content_filter";
  f.h.model.script("call_summary", filtered);
  CHECK(f.failure("summary").code == "model_refused");
}

TEST_CASE("provider failures map to stable codes with a retry flag",
          "[llm][errors]") {
  struct Case {
    fakes::OpenAiFault fault;
    std::string code;
    bool retryable;
  };
  for (const auto& c : std::vector<Case>{
           {fakes::OpenAiFault::rate_limit, "rate_limited", true},
           {fakes::OpenAiFault::insufficient_quota, "upstream_quota_exceeded",
            false},
           {fakes::OpenAiFault::server_error, "upstream_unavailable", true},
           {fakes::OpenAiFault::malformed_json, "upstream_protocol_error",
            true}}) {
    CAPTURE(c.code);
    TaskFixture f;
    f.h.openai.fail_next(c.fault);
    StepError e = f.failure("summary");
    CHECK(e.code == c.code);
    CHECK(e.retryable == c.retryable);
    CHECK_THAT(e.what(), !Catch::Contains(kOpenAiKey));
    // A failed call is metered too.
    auto rows = f.sink.take();
    REQUIRE(rows.size() == 1);
    CHECK_FALSE(rows[0].success);
  }
}

TEST_CASE("a slow provider past the call timeout is deadline_exceeded",
          "[llm][errors]") {
  TaskFixture f;
  f.h.openai.set_slow_ms(600);
  f.h.openai.fail_next(fakes::OpenAiFault::slow);
  f.scope.timeout = std::chrono::milliseconds(150);
  StepError e = f.failure("summary");
  CHECK(e.code == "deadline_exceeded");
  CHECK(e.retryable);
}

TEST_CASE("a gateway refusal keeps its code", "[llm][errors]") {
  TaskFixture f;
  f.h.caller->refuse_feature("coaching", "feature_disabled", 403);
  StepError e = f.failure("coaching");
  CHECK(e.code == "feature_disabled");
  CHECK_FALSE(e.retryable);
  CHECK(f.h.openai.request_count() == 0);
}

TEST_CASE("plain text input and a model override", "[llm]") {
  TaskFixture f;
  pipelines::TaskInput in;
  in.text = "Meeting notes: ship the fix on Monday; Ana owns the release.";
  pipelines::LlmTaskOptions options;
  options.model = "gpt-4.1-mini";
  auto run = pipelines::run_llm_task(*f.h.caller, f.scope, f.task("summary"),
                                     in, options);
  CHECK(run.output == good_summary());
  auto body = f.h.model.bodies().at(0);
  CHECK(body["model"] == "gpt-4.1-mini");
  CHECK_THAT(body["messages"][1]["content"].get<std::string>(),
             Catch::Contains("<conversation>\nMeeting notes: ship the fix"));
}

TEST_CASE("an empty input is refused before any call", "[llm]") {
  TaskFixture f;
  pipelines::TaskInput in;
  in.text = "  \n";
  try {
    pipelines::run_llm_task(*f.h.caller, f.scope, f.task("summary"), in);
    FAIL("accepted an empty input");
  } catch (const StepError& e) {
    CHECK(e.code == "invalid_request");
  }
  CHECK(f.h.caller->calls().empty());
}
