// The tenant work API end to end: a call analysed from audio to coaching
// with progress, synchronous short jobs, listing, cancelling and webhooks.
#include "e2e_stack.hpp"

#include "fakes/fake_server.hpp"
#include "jobs/webhook.hpp"

#include <catch2/catch.hpp>

#include <thread>

using namespace aihost::testing;
using nlohmann::json;

namespace {

const std::vector<std::string> kSpokenCard = {
    "four", "one", "one", "one", "one", "one", "one", "one",
    "one",  "one", "one", "one", "one", "one", "one", "one"};

// The agent greets on channel 0; the customer reads a card number aloud on
// channel 1, the way an ASR transcript spells it.
void script_call(aihost::fakes::FakeDeepgram& deepgram) {
  using aihost::fakes::ScriptedWord;
  deepgram.set_voice(kAgentLevel, {{"Thanks", 0.2, 0.5},
                                   {"for", 0.5, 0.7},
                                   {"calling.", 0.7, 1.1},
                                   {"How", 1.2, 1.4},
                                   {"can", 1.4, 1.5},
                                   {"I", 1.5, 1.6},
                                   {"help?", 1.6, 2.0}});
  std::vector<ScriptedWord> customer = {
      {"my", 2.5, 2.7}, {"card", 2.7, 2.9}, {"is", 2.9, 3.0}};
  double t = 3.0;
  for (const auto& w : kSpokenCard) {
    customer.push_back({w, t, t + 0.25});
    t += 0.25;
  }
  deepgram.set_voice(kCustomerLevel, customer);
}

std::string call_wav() { return PipelineHarness::call_wav(8.0); }

}  // namespace

TEST_CASE("a call analysis runs from audio to coaching, with progress",
          "[e2e][jobs]") {
  Stack stack;
  script_call(stack.deepgram);
  const std::string key = stack.create_tenant("acme");

  auto created = stack.call({"POST",
                             "/v1/call-analyses?dual_channel=true",
                             call_wav(),
                             "audio/wav",
                             key,
                             {}});
  INFO(created.text);
  REQUIRE(created.status == 202);
  const std::string id = created.json["id"];
  CHECK(created.header("Location") == "/v1/jobs/" + id);
  // An in-process worker may already have claimed it.
  CHECK((created.json["status"] == "pending" ||
         created.json["status"] == "processing"));

  auto seen = stack.follow_job(id, key);
  const json& done = seen.back();
  INFO(done.dump(2));
  REQUIRE(done["status"] == "completed");
  CHECK(done["progress"] == 100);
  for (size_t i = 1; i < seen.size(); ++i)
    CHECK(seen[i]["progress"].get<int>() >= seen[i - 1]["progress"].get<int>());

  const json& result = done["result"];
  // The transcript comes back redacted: no digit run, no spoken card.
  const std::string transcript = result["transcript"].dump();
  CHECK(transcript.find("four one one one") == std::string::npos);
  CHECK(result["summary"].contains("overview"));
  CHECK(result["sentiment"]["overall"].contains("label"));
  CHECK(result["coaching"].contains("improvements"));

  // What the model was sent never held the card either.
  for (const auto& body : stack.model.bodies()) {
    const std::string prompt = body["messages"].dump();
    CHECK(prompt.find("four one one one") == std::string::npos);
    CHECK(prompt.find("4111") == std::string::npos);
  }

  // The job's provider calls were metered to the tenant.
  auto usage = stack.get("/v1/usage?group_by=operation", key);
  INFO(usage.text);
  REQUIRE(usage.status == 200);
  CHECK(usage.json["total"]["calls"].get<int>() >= 4);
}

TEST_CASE("short jobs can be waited for; jobs list, page and cancel",
          "[e2e][jobs]") {
  Stack stack;
  const std::string key = stack.create_tenant("acme");

  // A spoken card number, redacted synchronously through the host with the
  // offline plugin: no provider key, no network.
  std::string text = "sure my card number is";
  for (const auto& w : kSpokenCard) text += " " + w;
  text += " thanks";
  auto redacted = stack.call({"POST",
                              "/v1/redactions?wait=20",
                              json({{"text", text}}).dump(),
                              "application/json",
                              key,
                              {}});
  INFO(redacted.text);
  REQUIRE(redacted.status == 200);
  CHECK(redacted.json["status"] == "completed");
  const std::string out = redacted.json["result"]["text"];
  CHECK(out.find("four one one one") == std::string::npos);
  CHECK(out.find("CREDIT_CARD") != std::string::npos);

  auto summary = stack.call({"POST",
                             "/v1/analyses/summary?wait=20",
                             json({{"text",
                                    "Customer asked to move a "
                                    "delivery to Friday."}})
                                 .dump(),
                             "application/json",
                             key,
                             {}});
  INFO(summary.text);
  REQUIRE(summary.status == 200);
  CHECK(summary.json["result"].dump().find("overview") != std::string::npos);

  // Pages of one, newest first, until the cursor runs out.
  std::vector<std::string> ids;
  std::string cursor;
  for (int page = 0; page < 5; ++page) {
    auto r = stack.get(
        "/v1/jobs?limit=1" + (cursor.empty() ? "" : "&cursor=" + cursor), key);
    REQUIRE(r.status == 200);
    for (const auto& j : r.json["data"]) ids.push_back(j["id"]);
    if (r.json["next_cursor"].is_null()) break;
    cursor = r.json["next_cursor"];
  }
  CHECK(ids.size() == 2);
  CHECK(ids[0] == summary.json["id"]);
  auto filtered = stack.get("/v1/jobs?type=redaction&status=completed", key);
  CHECK(filtered.json["data"].size() == 1);

  // A job held up by a slow model is cancelled.
  stack.openai.set_slow_ms(3000);
  stack.openai.fail_next(aihost::fakes::OpenAiFault::slow, 1);
  auto slow =
      stack.post_json("/v1/analyses/sentiment", {{"text", "Fine."}}, key);
  REQUIRE(slow.status == 202);
  const std::string slow_id = slow.json["id"];
  auto cancelled =
      stack.call({"POST", "/v1/jobs/" + slow_id + "/cancel", "", "", key, {}});
  INFO(cancelled.text);
  CHECK(cancelled.status == 200);
  CHECK(cancelled.json["status"] == "cancelled");
  auto again =
      stack.call({"POST", "/v1/jobs/" + slow_id + "/cancel", "", "", key, {}});
  CHECK(again.status == 409);
}

TEST_CASE("a finished job is posted to its webhook, signed for its tenant",
          "[e2e][jobs][webhook]") {
  Stack stack;
  const std::string key = stack.create_tenant("acme");
  aihost::fakes::FakeServer receiver([](const aihost::fakes::FakeRequest&) {
    return aihost::fakes::FakeResponse::json(200, "{}");
  });

  auto secret = stack.get("/v1/webhook-secret", key);
  REQUIRE(secret.status == 200);
  const std::string tenant_secret = secret.json["secret"];

  auto created =
      stack.post_json("/v1/redactions",
                      {{"text", "call me at 415 555 0134"},
                       {"webhook_url", receiver.base_url() + "/hooks/aihost"}},
                      key);
  // 200 when the worker finished before the answer was written.
  REQUIRE((created.status == 202 || created.status == 200));
  stack.follow_job(created.json["id"], key);

  for (int i = 0; i < 200 && receiver.request_count() == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  auto requests = receiver.requests();
  REQUIRE(requests.size() == 1);
  const auto& hook = requests[0];
  CHECK(hook.path == "/hooks/aihost");
  const std::string signature = hook.header("x-aihost-signature").value_or("");
  const auto t_end = signature.find(',');
  REQUIRE(signature.rfind("t=", 0) == 0);
  const int64_t t = std::stoll(signature.substr(2, t_end - 2));
  CHECK(signature ==
        aihost::jobs::webhook_signature(tenant_secret, t, hook.body));
  CHECK(json::parse(hook.body)["id"] == created.json["id"]);
}
