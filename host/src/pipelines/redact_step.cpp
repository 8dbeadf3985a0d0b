#include "pipelines/redact_step.hpp"

#include "pipelines/step_error.hpp"

#include <map>

namespace aihost::pipelines {
namespace {

using nlohmann::json;

json segment_param(const sdk::Segment& s) {
  json j = {{"id", s.id}, {"start", s.start}, {"end", s.end}, {"text", s.text}};
  if (s.speaker) j["speaker"] = *s.speaker;
  if (s.channel) j["channel"] = *s.channel;
  if (s.role) j["role"] = *s.role;
  return j;
}

json redact_params(const RedactRequest& r, int64_t& characters) {
  json p = {{"language", r.language}, {"method", r.method}};
  characters = 0;
  if (r.segments) {
    json segments = json::array();
    for (const auto& s : *r.segments) {
      segments.push_back(segment_param(s));
      characters += static_cast<int64_t>(s.text.size());
    }
    p["segments"] = std::move(segments);
  } else {
    p["text"] = *r.text;
    characters = static_cast<int64_t>(r.text->size());
  }
  if (!r.entity_types.empty()) p["entities"] = r.entity_types;
  if (r.score_threshold) p["score_threshold"] = *r.score_threshold;
  return p;
}

}  // namespace

RedactRun redact(gateway::ProviderCaller& caller, const CallScope& scope,
                 const RedactRequest& request) {
  if (request.text.has_value() == request.segments.has_value())
    throw StepError(kInvalidRequest,
                    "redaction needs either a text or segments", false);
  if (request.score_threshold &&
      (*request.score_threshold < 0 || *request.score_threshold > 1))
    throw StepError(kInvalidRequest, "the score threshold must be from 0 to 1",
                    false);
  gateway::ProviderCall call = scope.call(AIHOST_OP_PII_REDACT, "redact");
  call.provider = request.provider;
  call.invocation.params = redact_params(request, call.expected.characters);

  gateway::CallReport report;
  try {
    report = caller.call(call);
  } catch (const gateway::GatewayError& e) {
    throw gateway_refusal(e);
  }
  if (!report.outcome.ok()) throw provider_failure(report.outcome, "redaction");
  RedactRun run;
  try {
    run.redaction = report.outcome.result.get<sdk::Redaction>();
  } catch (const std::exception& e) {
    throw StepError(
        "upstream_protocol_error",
        std::string("redaction: the provider's answer is unreadable: ") +
            e.what(),
        true);
  }
  if (request.segments &&
      run.redaction.segments.size() != request.segments->size())
    throw StepError("upstream_protocol_error",
                    "redaction: the provider returned " +
                        std::to_string(run.redaction.segments.size()) +
                        " segments for " +
                        std::to_string(request.segments->size()),
                    true);
  run.provider =
      run.redaction.provider.empty() ? report.provider : run.redaction.provider;
  run.model = report.model;
  run.provider_ms = report.provider_ms;
  return run;
}

sdk::Transcript apply_redaction(const sdk::Transcript& transcript,
                                const sdk::Redaction& redaction) {
  sdk::Transcript out = transcript;
  out.words.clear();
  std::map<int, std::string> channel_text;
  std::string text;
  for (size_t i = 0; i < out.segments.size(); ++i) {
    sdk::Segment& s = out.segments[i];
    s.words.clear();
    if (i < redaction.segments.size()) s.text = redaction.segments[i].text;
    if (!text.empty()) text += '\n';
    text += s.text;
    if (s.channel) {
      std::string& ct = channel_text[*s.channel];
      ct += (ct.empty() ? "" : " ") + s.text;
    }
  }
  out.text = std::move(text);
  for (auto& c : out.channels) c.text = channel_text[c.index];
  return out;
}

json redaction_summary(const sdk::Redaction& redaction) {
  std::map<std::string, int> by_type;
  int total = 0;
  auto count = [&](const std::vector<sdk::Entity>& entities) {
    for (const auto& e : entities) {
      ++by_type[e.entity_type];
      ++total;
    }
  };
  count(redaction.entities);
  for (const auto& s : redaction.segments) count(s.entities);
  return {{"total", total}, {"by_type", by_type}};
}

}  // namespace aihost::pipelines
