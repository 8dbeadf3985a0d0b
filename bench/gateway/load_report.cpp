#include "load_report.hpp"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "latency_stats.hpp"

namespace aihost::bench {
namespace {

using nlohmann::json;

double round3(double v) { return std::round(v * 1000.0) / 1000.0; }

json summary_json(std::vector<int64_t>& samples) {
  Summary s = summarize(samples);
  if (s.count == 0) return nullptr;
  return {{"count", s.count},        {"mean", round3(s.mean_ms)},
          {"p50", round3(s.p50_ms)}, {"p90", round3(s.p90_ms)},
          {"p99", round3(s.p99_ms)}, {"max", round3(s.max_ms)}};
}

double rps(const LoadResult& r) {
  return r.elapsed_s > 0 ? static_cast<double>(r.ok) / r.elapsed_s : 0;
}

std::string line(const char* name, std::vector<int64_t>& samples) {
  Summary s = summarize(samples);
  char buf[200];
  std::snprintf(buf, sizeof buf,
                "%-9s p50 %8.3f  p90 %8.3f  p99 %8.3f  max %8.3f ms (n=%zu)\n",
                name, s.p50_ms, s.p90_ms, s.p99_ms, s.max_ms, s.count);
  return buf;
}

}  // namespace

std::string report_json(LoadResult& r, const LoadOptions& o,
                        const std::string& label) {
  json statuses = json::object();
  for (const auto& [code, n] : r.statuses) statuses[std::to_string(code)] = n;
  json j = {{"label", label},
            {"concurrency", o.concurrency},
            {"stream", o.stream},
            {"ok", r.ok},
            {"failed", r.failed},
            {"timeouts", r.timeouts},
            {"incomplete_streams", r.incomplete_streams},
            {"connects", r.connects},
            {"elapsed_s", round3(r.elapsed_s)},
            {"rps", std::round(rps(r) * 10) / 10},
            {"statuses", statuses},
            {"latency_ms", summary_json(r.latency_ns)},
            {"ttft_ms", summary_json(r.ttft_ns)},
            {"gap_ms", summary_json(r.gap_ns)}};
  if (!r.first_failure.empty()) j["first_failure"] = r.first_failure;
  return j.dump();
}

std::string report_text(LoadResult& r, const LoadOptions& o,
                        const std::string& label) {
  char head[300];
  std::snprintf(head, sizeof head,
                "%s: c=%d, %llu ok, %llu failed (%llu timeouts), %llu "
                "connections, %.2f s, %.1f req/s\n",
                label.empty() ? "load" : label.c_str(), o.concurrency,
                static_cast<unsigned long long>(r.ok),
                static_cast<unsigned long long>(r.failed),
                static_cast<unsigned long long>(r.timeouts),
                static_cast<unsigned long long>(r.connects), r.elapsed_s,
                rps(r));
  std::string out = head;
  out += line("latency", r.latency_ns);
  if (o.stream) {
    out += line("ttft", r.ttft_ns);
    out += line("gap", r.gap_ns);
  }
  if (!r.first_failure.empty())
    out += "first failure: " + r.first_failure + "\n";
  return out;
}

}  // namespace aihost::bench
