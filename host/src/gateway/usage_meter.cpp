#include "gateway/usage_meter.hpp"

#include "gateway/provider_failure.hpp"

#include <aihost/json_write.hpp>

namespace aihost::gateway {

using nlohmann::json;

namespace {

constexpr size_t kMaxMessage = 1000;

}  // namespace

void StreamTally::add(const json& event) {
  ++events_;
  if (!event.is_object()) return;
  for (const char* key : {"content", "refusal"})
    if (auto it = event.find(key); it != event.end() && it->is_string())
      bytes_ += static_cast<int64_t>(it->get_ref<const std::string&>().size());
}

int64_t approx_prompt_tokens(const json& params) {
  int64_t bytes = 0;
  auto messages = params.find("messages");
  if (messages == params.end() || !messages->is_array()) return 0;
  for (const auto& m : *messages)
    if (m.is_object())
      if (auto c = m.find("content"); c != m.end() && c->is_string())
        bytes += static_cast<int64_t>(c->get_ref<const std::string&>().size());
  return (bytes + 3) / 4;
}

bool reported_usage(const plugins::Outcome& outcome, sdk::Usage& usage) {
  if (!outcome.ok() || !outcome.result.is_object()) return false;
  auto it = outcome.result.find("usage");
  if (it == outcome.result.end() || !it->is_object()) return false;
  try {
    usage = it->get<sdk::Usage>();
  } catch (const json::exception&) {
    return false;
  }
  return true;
}

std::string scrub(std::string text, const std::string& secret) {
  // Short strings would match innocent text; keys are never that short.
  if (secret.size() >= 6)
    for (size_t at = text.find(secret); at != std::string::npos;
         at = text.find(secret, at))
      text.replace(at, secret.size(), "[redacted]");
  if (text.size() > kMaxMessage) {
    text.resize(kMaxMessage);
    text += "...";
  }
  return text;
}

storage::UsageLog usage_row(const ProviderCall& call, const CallReport& report,
                            const MeteredUsage& metered,
                            const std::string& api_key, int64_t now_ms) {
  const sdk::Usage& u = metered.usage;
  const plugins::Outcome& o = report.outcome;
  storage::UsageLog row;
  row.tenant_id = call.tenant_id;
  row.job_id = call.job_id;
  row.request_id = call.request_id;
  row.provider = report.provider;
  row.model = report.model;
  row.operation = call.capability;
  row.attempt = 1;
  row.input_tokens = u.input_tokens;
  row.output_tokens = u.output_tokens;
  row.cached_tokens = u.cached_tokens;
  row.audio_seconds = u.audio_seconds;
  row.characters = u.characters;
  if (report.cost.priced()) row.cost_usd = report.cost.usd;
  row.cost_method = pricing::method_name(report.cost.method);
  row.duration_ms = report.provider_ms;
  row.success = o.ok();
  if (!o.ok()) {
    row.error_code = classify(o.status).code;
    row.error_message = scrub(o.message, api_key);
  }
  json meta = {{"usage_source", metered.source},
               {"reasoning_tokens", u.reasoning_tokens},
               {"audio_input_tokens", u.audio_input_tokens},
               {"price_version", report.cost.price_version}};
  if (!report.cost.priced_as.empty()) meta["priced_as"] = report.cost.priced_as;
  if (!report.cost.priced()) meta["unpriced_reason"] = report.cost.reason;
  if (call.feature) meta["feature"] = *call.feature;
  if (!o.ok()) {
    if (o.http_status) meta["provider_http_status"] = o.http_status;
    if (!o.provider_code.empty())
      meta["provider_code"] = scrub(o.provider_code, api_key);
  }
  row.metadata_json = sdk::write_json(meta);
  row.created_at_ms = now_ms;
  return row;
}

}  // namespace aihost::gateway
