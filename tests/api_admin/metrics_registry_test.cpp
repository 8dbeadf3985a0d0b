// The metrics registry on its own: counters, histograms and callback gauges
// exposed in the text format, label escaping, and the limits that keep a
// family from growing without bound.
#include "metrics/metrics.hpp"
#include "metrics/registry.hpp"
#include "metrics/text_format.hpp"
#include "prometheus_text.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <thread>

using namespace aihost;
using aihost::testing::parse_exposition;

TEST_CASE("counters and histograms expose HELP, TYPE and cumulative buckets") {
  metrics::Registry r;
  auto& c = r.counter("t_requests_total", "Requests.", {"route", "status"});
  auto& h = r.histogram("t_seconds", "Durations.", {"route"}, {0.1, 1, 10});
  c.with({"/a", "200"}).inc();
  c.with({"/a", "200"}).inc(2);
  c.with({"/b", "500"}).inc();
  c.with({"/b", "500"}).inc(-5);  // counters never go down
  h.with({"/a"}).observe(0.05);
  h.with({"/a"}).observe(0.1);  // le is inclusive
  h.with({"/a"}).observe(0.5);
  h.with({"/a"}).observe(30);

  const std::string text = r.expose();
  auto e = parse_exposition(text);
  CHECK(e.types["t_requests_total"] == "counter");
  CHECK(e.types["t_seconds"] == "histogram");
  CHECK(e.help["t_requests_total"] == "Requests.");
  CHECK(e.value("t_requests_total", {{"route", "/a"}, {"status", "200"}}) == 3);
  CHECK(e.value("t_requests_total", {{"route", "/b"}, {"status", "500"}}) == 1);
  CHECK(e.value("t_seconds_bucket", {{"route", "/a"}, {"le", "0.1"}}) == 2);
  CHECK(e.value("t_seconds_bucket", {{"route", "/a"}, {"le", "1"}}) == 3);
  CHECK(e.value("t_seconds_bucket", {{"route", "/a"}, {"le", "10"}}) == 3);
  CHECK(e.value("t_seconds_bucket", {{"route", "/a"}, {"le", "+Inf"}}) == 4);
  CHECK(e.value("t_seconds_count", {{"route", "/a"}}) == 4);
  CHECK(e.value("t_seconds_sum", {{"route", "/a"}}) == Approx(30.65));
  CHECK_THAT(text,
             Catch::Contains("t_seconds_bucket{route=\"/a\",le=\"+Inf\"} 4\n"));
}

TEST_CASE("label values and HELP text are escaped per the text format") {
  metrics::Registry r;
  auto& c = r.counter("t_total", "Line one\nback\\slash", {"model"});
  const std::string nasty = "gpt\"4\\mini\nx";
  c.with({nasty}).inc();
  const std::string text = r.expose();
  CHECK_THAT(text,
             Catch::Contains("# HELP t_total Line one\\nback\\\\slash\n"));
  CHECK_THAT(text,
             Catch::Contains("t_total{model=\"gpt\\\"4\\\\mini\\nx\"} 1\n"));
  auto e = parse_exposition(text);
  CHECK(e.value("t_total", {{"model", nasty}}) == 1);
  CHECK(metrics::escape_label_value("plain") == "plain");
}

TEST_CASE("sample values read back exactly; special values use Go spelling") {
  CHECK(metrics::format_value(1) == "1");
  CHECK(metrics::format_value(0.0001) == "0.0001");
  CHECK(metrics::format_value(0.00025) == "0.00025");
  CHECK(metrics::format_value(2.5) == "2.5");
  CHECK(metrics::format_value(1e-7) == "1e-07");
  CHECK(metrics::format_value(0) == "0");
  CHECK(std::stod(metrics::format_value(0.1 + 0.2)) == 0.1 + 0.2);
  CHECK(metrics::format_value(INFINITY) == "+Inf");
  CHECK(metrics::format_value(-INFINITY) == "-Inf");
  CHECK(metrics::format_value(NAN) == "NaN");
}

TEST_CASE("bad names, duplicate families and bad buckets are refused") {
  metrics::Registry r;
  r.counter("ok_total", "x", {"a"});
  CHECK_THROWS_AS(r.counter("ok_total", "x", {"a"}), std::invalid_argument);
  CHECK_THROWS_AS(r.counter("9bad", "x", {}), std::invalid_argument);
  CHECK_THROWS_AS(r.counter("bad-name", "x", {}), std::invalid_argument);
  CHECK_THROWS_AS(r.counter("x_total", "x", {"__reserved"}),
                  std::invalid_argument);
  CHECK_THROWS_AS(r.histogram("h1", "x", {"le"}, {1}), std::invalid_argument);
  CHECK_THROWS_AS(r.histogram("h2", "x", {}, {1, 1}), std::invalid_argument);
  CHECK_THROWS_AS(r.histogram("h3", "x", {}, {2, 1}), std::invalid_argument);
  CHECK_THROWS_AS(r.histogram("h4", "x", {}, {}), std::invalid_argument);
  auto& c = r.counter("two_total", "x", {"a", "b"});
  CHECK_THROWS_AS(c.with({"only-one"}), std::invalid_argument);
}

TEST_CASE("a family folds label sets past its limit into one overflow series") {
  metrics::CounterFamily f("f_total", "x", {"model"}, 3);
  for (int i = 0; i < 10; ++i) {
    std::string model = "m";
    model += std::to_string(i);
    f.with({model}).inc();
  }
  std::string text;
  f.write(text);
  auto e = parse_exposition(text);
  CHECK(e.count("f_total") == 4);  // three real series and "overflow"
  CHECK(e.value("f_total", {{"model", "overflow"}}) == 7);
}

TEST_CASE("callback gauges are read at scrape time; no source, no series") {
  metrics::Metrics m;
  auto before = parse_exposition(m.expose());
  CHECK(before.types.count("aihost_jobs_queue_depth") == 0);
  int depth = 3;
  m.set_queue_depth_source([&] { return static_cast<double>(depth); });
  m.set_in_flight_source([]() -> double { throw std::runtime_error("gone"); });
  CHECK(parse_exposition(m.expose()).value("aihost_jobs_queue_depth") == 3);
  depth = 11;
  auto after = parse_exposition(m.expose());
  CHECK(after.value("aihost_jobs_queue_depth") == 11);
  CHECK(after.types["aihost_jobs_queue_depth"] == "gauge");
  // A failing source drops its gauge, not the scrape.
  CHECK(after.types.count("aihost_jobs_in_flight") == 0);
}

TEST_CASE("provider calls, costs and jobs land in their families") {
  metrics::Metrics m;
  m.observe_provider_call("openai", "gpt-4o-mini", "llm.chat", "ok", 250,
                          0.0125);
  m.observe_provider_call("openai", "gpt-4o-mini", "llm.chat", "ok", 750,
                          0.0025);
  m.observe_provider_call("openai", "gpt-4o-mini", "llm.chat", "rate_limited",
                          40, std::nullopt);
  m.observe_provider_call("deepgram", "nova-3", "audio.transcribe", "ok", 900,
                          std::nullopt);  // unpriced: no cost series
  m.observe_job("transcription", "completed");
  m.observe_job("transcription", "completed");
  m.observe_job("call_analysis", "failed");
  auto e = parse_exposition(m.expose());
  const std::map<std::string, std::string> chat = {{"provider", "openai"},
                                                   {"model", "gpt-4o-mini"},
                                                   {"operation", "llm.chat"}};
  auto with = [&](const char* k, const char* v) {
    auto l = chat;
    l[k] = v;
    return l;
  };
  CHECK(e.value("aihost_provider_requests_total", with("status", "ok")) == 2);
  CHECK(e.value("aihost_provider_requests_total", with("status", "error")) ==
        1);
  CHECK(e.value("aihost_provider_errors_total", with("code", "rate_limited")) ==
        1);
  CHECK(e.value("aihost_cost_usd_total", chat) == Approx(0.015));
  CHECK(e.count("aihost_cost_usd_total", {{"provider", "deepgram"}}) == 0);
  CHECK(e.value("aihost_provider_latency_seconds_count", chat) == 3);
  CHECK(e.value("aihost_provider_latency_seconds_sum", chat) == Approx(1.04));
  CHECK(e.value("aihost_provider_latency_seconds_bucket", with("le", "0.25")) ==
        2);
  CHECK(e.value("aihost_jobs_total",
                {{"job_type", "transcription"}, {"status", "completed"}}) == 2);
  CHECK(e.value("aihost_jobs_total",
                {{"job_type", "call_analysis"}, {"status", "failed"}}) == 1);
}

TEST_CASE("concurrent updates are all counted") {
  metrics::Metrics m;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i)
        m.observe_request("GET", i % 2 ? "/a" : "/b", 200 + t, 0.3, 0.1);
    });
  for (auto& th : threads) th.join();
  auto e = parse_exposition(m.expose());
  double total = 0;
  for (const auto& s : e.samples)
    if (s.name == "aihost_http_requests_total") total += s.value;
  CHECK(total == 8000);
  CHECK(e.value("aihost_gateway_overhead_seconds_count", {{"route", "/a"}}) ==
        4000);
  // 0.2 ms of overhead falls in the 0.00025 s bucket, not the 0.0001 one.
  CHECK(e.value("aihost_gateway_overhead_seconds_bucket",
                {{"route", "/a"}, {"le", "0.0001"}}) == 0);
  CHECK(e.value("aihost_gateway_overhead_seconds_bucket",
                {{"route", "/a"}, {"le", "0.00025"}}) == 4000);
}
