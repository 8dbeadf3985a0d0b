// MeteredCaller::call end to end: the real openai and local-pii plugins,
// a strict fake OpenAI, usage rows and budget state read back from the
// database, on every engine under test.
#include <catch2/catch.hpp>

#include "gateway_world.hpp"
#include "storage/budget_ledger_repository.hpp"

using namespace aihost;
using aihost::fakes::OpenAiFault;
using aihost::testing::GatewayWorld;
using aihost::testing::test_engines;
using aihost::testing::WorldOptions;

namespace {

nlohmann::json meta(const storage::UsageLog& row) {
  return nlohmann::json::parse(row.metadata_json);
}

// A refusal's code, or "" when the call was not refused.
std::string refusal_code(GatewayWorld& w, const gateway::ProviderCall& call,
                         int* status = nullptr) {
  try {
    w.caller->call(call);
  } catch (const gateway::GatewayError& e) {
    if (status) *status = e.http_status;
    return e.code;
  }
  return "";
}

// Records what the metrics hook is told.
struct Seen : gateway::CallObserver {
  void observe(const std::string& provider, const std::string& model,
               const std::string& operation, aihost_status status,
               int64_t provider_ms, double cost_usd) override {
    calls.push_back(
        {provider, model, operation, status, provider_ms, cost_usd});
  }
  struct Call {
    std::string provider, model, operation;
    aihost_status status;
    int64_t provider_ms;
    double cost_usd;
  };
  std::vector<Call> calls;
};

}  // namespace

TEST_CASE("a successful chat records one usage row at the price table's cost") {
  for (auto engine : test_engines()) {
    CAPTURE(engine_name(engine));
    GatewayWorld w(engine);
    w.add_tenant("acme", 1'000'000);
    Seen seen;
    gateway::MeteredCaller caller(*w.router, *w.directory, *w.calculator,
                                  *w.leases, *w.writer, {}, &seen);

    auto report = caller.call(w.chat_call("acme", "req-1"));
    REQUIRE(report.outcome.ok());
    CHECK(report.provider == "openai");
    CHECK(report.model == "gpt-4o-mini-2025-04-14");
    CHECK(report.cost.priced());
    CHECK(report.cost.micro_usd == 67);  // 31 x $1/1M + 9 x $4/1M
    CHECK(report.outcome.result["content"] ==
          "Your call is booked for Tuesday.");

    // The service key went to OpenAI, the model from the registry default.
    auto requests = w.openai.requests();
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].header("Authorization") ==
          std::string("Bearer ") + testing::kServiceKey);
    CHECK(fakes::FakeOpenAI::json_body(requests[0])["model"] == "gpt-4o-mini");

    auto rows = w.usage("acme");
    REQUIRE(rows.size() == 1);
    const auto& row = rows[0];
    CHECK(row.success);
    CHECK(row.provider == "openai");
    CHECK(row.model == "gpt-4o-mini-2025-04-14");
    CHECK(row.operation == "llm.chat");
    CHECK(row.request_id == "req-1");
    CHECK(row.input_tokens == 31);
    CHECK(row.output_tokens == 9);
    REQUIRE(row.cost_usd.has_value());
    CHECK(*row.cost_usd == Approx(0.000067));
    CHECK(row.cost_method == "tokens");
    CHECK_FALSE(row.error_code.has_value());
    CHECK(meta(row)["usage_source"] == "provider");
    CHECK(meta(row)["price_version"] == "gw-test-1");

    REQUIRE(seen.calls.size() == 1);
    CHECK(seen.calls[0].operation == "llm.chat");
    CHECK(seen.calls[0].status == AIHOST_OK);
    CHECK(seen.calls[0].cost_usd == Approx(0.000067));

    // The lease took a slice (10% of $1, in whole 300 micro-USD estimates)
    // and spent 67 micro-USD of it in memory; closing it gives the rest
    // back.
    CHECK(w.period("acme").reserved_micros == 100'200);
    CHECK(w.period("acme").spent_micros == 0);
    w.leases->close_all();
    CHECK(w.period("acme").reserved_micros == 0);
    CHECK(w.period("acme").spent_micros == 67);
  }
}

TEST_CASE("warm calls read and write nothing but the queued usage rows") {
  for (auto engine : test_engines()) {
    CAPTURE(engine_name(engine));
    GatewayWorld w(engine);
    w.add_tenant("acme", 1'000'000);
    for (int i = 0; i < 10; ++i)
      REQUIRE(w.caller->call(w.chat_call("acme", "warm-" + std::to_string(i)))
                  .outcome.ok());
    CHECK(w.directory->feature_loads() == 1);
    CHECK(w.store->loads() == 1);
    CHECK(w.leases->slices_taken() == 1);
    storage::Connection c = w.db->db().connect();
    CHECK(storage::BudgetLedgerRepository(c)
              .list("acme", w.period("acme").period)
              .size() == 1);
    CHECK(w.usage("acme").size() == 10);
  }
}

TEST_CASE("a 500 retried inside the egress is one attempt and one row") {
  for (auto engine : test_engines()) {
    CAPTURE(engine_name(engine));
    GatewayWorld w(engine);
    w.add_tenant("acme", std::nullopt);
    w.openai.fail_next(OpenAiFault::server_error);

    auto report = w.caller->call(w.chat_call("acme", "req-retry"));
    REQUIRE(report.outcome.ok());
    CHECK(w.openai.request_count() == 2);  // the 500, then the answer
    // OpenAI bills none of a failed request: the retry is invisible to
    // metering, and the row is the successful attempt's.
    auto rows = w.usage("acme");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].success);
    CHECK(rows[0].output_tokens == 9);
  }
}

TEST_CASE("a provider error records a failed row and gives the hold back") {
  for (auto engine : test_engines()) {
    CAPTURE(engine_name(engine));
    GatewayWorld w(engine);
    w.add_tenant("acme", 1'000'000);
    w.openai.fail_next(OpenAiFault::insufficient_quota);

    auto report = w.caller->call(w.chat_call("acme", "req-quota"));
    CHECK(report.outcome.status == AIHOST_QUOTA_EXCEEDED);
    CHECK(report.outcome.http_status == 429);
    CHECK(w.openai.request_count() == 1);  // the plugin vetoes the retry

    auto rows = w.usage("acme");
    REQUIRE(rows.size() == 1);
    CHECK_FALSE(rows[0].success);
    CHECK(rows[0].error_code == "upstream_quota_exceeded");
    REQUIRE(rows[0].error_message.has_value());
    CHECK(rows[0].error_message->find("quota") != std::string::npos);
    CHECK(rows[0].cost_usd == 0.0);
    CHECK(rows[0].input_tokens == 0);
    CHECK(meta(rows[0])["usage_source"] == "none");
    CHECK(meta(rows[0])["provider_http_status"] == 429);
    CHECK(meta(rows[0])["provider_code"] == "insufficient_quota");

    w.leases->close_all();
    auto p = w.period("acme");
    CHECK(p.reserved_micros == 0);
    CHECK(p.spent_micros == 0);
  }
}

TEST_CASE("a wrong provider key never reaches a row, a log or a message") {
  for (auto engine : test_engines()) {
    CAPTURE(engine_name(engine));
    GatewayWorld w(engine);
    w.add_tenant("acme", std::nullopt);
    const std::string key = "sk-acme-wrong-key-98765432109876543210";
    w.set_llm_config("acme", key);

    auto report = w.caller->call(w.chat_call("acme", "req-auth"));
    CHECK(report.outcome.status == AIHOST_UNAUTHENTICATED);
    CHECK(report.outcome.message.find(key) == std::string::npos);
    CHECK(report.outcome.message.find("3210") == std::string::npos);
    auto rows = w.usage("acme");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].error_code == "upstream_auth_failed");
    CHECK(rows[0].error_message->find(key) == std::string::npos);
    CHECK(rows[0].metadata_json.find(key) == std::string::npos);
    for (const auto& line : w.log.lines())
      CHECK(line.find(key) == std::string::npos);
  }
}

TEST_CASE("a call over budget is refused before anything is sent") {
  for (auto engine : test_engines()) {
    CAPTURE(engine_name(engine));
    GatewayWorld w(engine);
    w.add_tenant("thrifty", 299);  // the chat estimate is 300 micro-USD
    int status = 0;
    CHECK(refusal_code(w, w.chat_call("thrifty", "req-over"), &status) ==
          "budget_exceeded");
    CHECK(status == 402);
    CHECK(w.openai.request_count() == 0);
    CHECK(w.usage("thrifty").empty());
    CHECK(w.period("thrifty").reserved_micros == 0);

    // At exactly the estimate it fits, once.
    w.add_tenant("exact", 300);
    CHECK(w.caller->call(w.chat_call("exact", "req-fit")).outcome.ok());
    CHECK(refusal_code(w, w.chat_call("exact", "req-fit-2")) ==
          "budget_exceeded");
    CHECK(w.openai.request_count() == 1);
  }
}

TEST_CASE(
    "unpriced models: refused with a budget, admitted and flagged without") {
  for (auto engine : test_engines()) {
    CAPTURE(engine_name(engine));
    SECTION("AI_ALLOW_UNPRICED off") {
      GatewayWorld w(engine);
      w.add_tenant("budgeted", 1'000'000);
      w.add_tenant("open", std::nullopt);
      auto call = w.chat_call("budgeted", "req-unpriced");
      call.invocation.params["model"] = "gpt-9-preview";
      int status = 0;
      CHECK(refusal_code(w, call, &status) == "model_unpriced");
      CHECK(status == 422);
      CHECK(w.openai.request_count() == 0);

      call.tenant_id = "open";
      auto report = w.caller->call(call);
      REQUIRE(report.outcome.ok());
      CHECK_FALSE(report.cost.priced());
      auto rows = w.usage("open");
      REQUIRE(rows.size() == 1);
      CHECK_FALSE(rows[0].cost_usd.has_value());  // NULL, never $0
      CHECK(rows[0].cost_method == "unpriced");
      CHECK(rows[0].input_tokens == 31);
      CHECK(meta(rows[0])["unpriced_reason"].get<std::string>().find(
                "gpt-9-preview") != std::string::npos);
      CHECK(w.log.contains("unpriced"));
    }
    SECTION("AI_ALLOW_UNPRICED on") {
      WorldOptions options;
      options.allow_unpriced = true;
      GatewayWorld w(engine, options);
      w.add_tenant("budgeted", 1'000'000);
      auto call = w.chat_call("budgeted", "req-unpriced");
      call.invocation.params["model"] = "gpt-9-preview";
      REQUIRE(w.caller->call(call).outcome.ok());
      auto rows = w.usage("budgeted");
      REQUIRE(rows.size() == 1);
      CHECK_FALSE(rows[0].cost_usd.has_value());
      w.leases->close_all();
      CHECK(w.period("budgeted").spent_micros == 0);
    }
  }
}

TEST_CASE("a disabled feature is refused; an enabled one is metered") {
  for (auto engine : test_engines()) {
    CAPTURE(engine_name(engine));
    GatewayWorld w(engine);
    w.add_tenant("no-pii", std::nullopt, /*pii=*/false);
    w.add_tenant("pii", 1'000'000, /*pii=*/true);
    const std::string text =
        "Send the receipt to dana.whitfield@example.org, card 4111 1111 1111 "
        "1111.";
    int status = 0;
    CHECK(refusal_code(w, w.redact_call("no-pii", text), &status) ==
          "feature_disabled");
    CHECK(status == 403);
    CHECK(w.usage("no-pii").empty());

    auto report = w.caller->call(w.redact_call("pii", text));
    REQUIRE(report.outcome.ok());
    CHECK(report.provider == "local-pii");
    const auto redacted = report.outcome.result["text"].get<std::string>();
    CHECK(redacted.find("4111 1111") == std::string::npos);
    CHECK(redacted.find("whitfield@") == std::string::npos);
    auto rows = w.usage("pii");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].operation == "pii.redact");
    CHECK(rows[0].characters == static_cast<int64_t>(text.size()));
    CHECK(rows[0].cost_method == "characters");
    CHECK(*rows[0].cost_usd == Approx(text.size() / 1000.0 * 0.5));

    // Unknown and malformed calls.
    auto bad = w.redact_call("pii", text);
    bad.capability = "video.generate";
    bad.invocation.operation = "video.generate";
    CHECK(refusal_code(w, bad, &status) == "invalid_request");
    CHECK(status == 400);
    CHECK(refusal_code(w, w.redact_call("nobody", text), &status) ==
          "tenant_inactive");
    CHECK(status == 403);
  }
}

TEST_CASE("a job's calls deliver their rows to the job's sink") {
  struct Sink : gateway::UsageSink {
    void add(storage::UsageLog usage) override { rows.push_back(usage); }
    std::vector<storage::UsageLog> rows;
  };
  for (auto engine : test_engines()) {
    CAPTURE(engine_name(engine));
    GatewayWorld w(engine);
    w.add_tenant("acme", std::nullopt);
    Sink sink;
    auto call = w.chat_call("acme", "req-job");
    call.job_id = "job-42";
    call.usage_sink = &sink;
    REQUIRE(w.caller->call(call).outcome.ok());
    REQUIRE(sink.rows.size() == 1);
    CHECK(sink.rows[0].job_id == "job-42");
    CHECK(sink.rows[0].output_tokens == 9);
    CHECK(w.usage("acme").empty());  // not also through the writer
  }
}

TEST_CASE("offers() reports the routed provider's extensions") {
  GatewayWorld w(storage::Engine::kSqlite);
  w.add_tenant("acme", std::nullopt, true);
  CHECK(w.caller->offers(w.chat_call("acme", "r"), AIHOST_EXT_LLM_STREAM_V1));
  CHECK_FALSE(w.caller->offers(w.chat_call("acme", "r"),
                               AIHOST_EXT_AUDIO_MULTICHANNEL_V1));
  CHECK_FALSE(
      w.caller->offers(w.redact_call("acme", "x"), AIHOST_EXT_LLM_STREAM_V1));
  CHECK(w.openai.request_count() == 0);
}
