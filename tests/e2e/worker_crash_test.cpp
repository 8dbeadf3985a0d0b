// Scale-out on PostgreSQL: jobs queued by `serve` are run by separate
// `aihost worker` processes. A worker killed with SIGKILL mid-job leaves
// its job to another once the lease expires; the steps it finished are not
// run again and their provider usage is billed once.
#include "e2e_stack.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <thread>

using namespace aihost::testing;
using nlohmann::json;

TEST_CASE("a worker killed mid-job: another finishes it, usage billed once",
          "[e2e][workers][postgres]") {
  // The same test as every storage test: an empty variable is unset (it
  // once went on to open a null URL and crashed the test program).
  if (!postgres_configured()) {
    WARN(
        "AIHOST_TEST_PG_URL is not set: the multi-process case needs "
        "PostgreSQL");
    return;
  }
  Stack stack({aihost::storage::Engine::kPostgres, 0, 5, {}});
  const std::string key = stack.create_tenant("acme");
  stack.deepgram.set_voice(kAgentLevel, {{"Hello.", 0.2, 0.6}});
  stack.deepgram.set_voice(kCustomerLevel, {{"Hi.", 1.0, 1.3}});

  // The summary answer takes long enough for the kill to land mid-step.
  stack.openai.set_slow_ms(4000);
  stack.openai.fail_next(aihost::fakes::OpenAiFault::slow, 1);

  auto first = stack.start_worker(1);
  auto created = stack.call({"POST",
                             "/v1/call-analyses?dual_channel=true",
                             PipelineHarness::call_wav(3.0),
                             "audio/wav",
                             key,
                             {}});
  INFO(created.text);
  REQUIRE(created.status == 202);
  const std::string id = created.json["id"];

  // Wait until the first worker is inside the slow summary call.
  bool in_summary = false;
  for (int i = 0; i < 400 && !in_summary; ++i) {
    auto job = stack.get("/v1/jobs/" + id, key).json;
    in_summary = job["status"] == "processing" &&
                 job["progress"].get<int>() >= 55 &&
                 stack.openai.request_count() >= 1;
    if (!in_summary) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  INFO(first->err());
  REQUIRE(in_summary);
  first->signal(SIGKILL);
  first->wait(5000);
  const size_t transcriptions = stack.deepgram.request_count();
  CHECK(transcriptions == 1);

  auto second = stack.start_worker(1);
  auto seen = stack.follow_job(id, key, 30000);
  INFO(second->err());
  REQUIRE(seen.back()["status"] == "completed");
  CHECK(seen.back()["attempts"] == 2);

  // Transcription and redaction ran once, in the first worker.
  CHECK(stack.deepgram.request_count() == transcriptions);
  auto usage = stack.usage_report("group_by=operation&tenant_id=acme");
  std::map<std::string, int> calls;
  for (const auto& row : usage["rows"])
    calls[row["operation"].get<std::string>()] += row["calls"].get<int>();
  CHECK(calls["audio.transcribe"] == 1);
  CHECK(calls["pii.redact"] == 1);
  second->signal(SIGTERM);
  CHECK(second->wait(20000) == 0);
}
