#include "redactor.hpp"

#include "analyze.hpp"
#include "anonymize.hpp"
#include "code_points.hpp"
#include "presidio_http.hpp"
#include "span_matching.hpp"

namespace aihost::accent {

// The two services as configured for one call, and what it cost.
struct Redactor::Calls {
  const aihost_call* call;
  Service analyzer;
  Service anonymizer;
  int64_t requests = 0;

  std::vector<Analysis> analyze(const AnalyzeQuery& q,
                                const std::vector<size_t>& lengths) {
    check_cancelled();
    ++requests;
    return parse_analyze_response(post_json(call, analyzer, analyze_body(q)), q,
                                  lengths);
  }

  // Redacts one text whose analysis is known; returns its entities.
  std::vector<sdk::Entity> anonymize(const std::string& text,
                                     const CodePointIndex& index,
                                     const Analysis& analysis,
                                     const OperatorSpec& op,
                                     std::string& redacted) {
    if (analysis.findings.empty()) {  // nothing to replace: skip the call
      redacted = text;
      return {};
    }
    check_cancelled();
    ++requests;
    nlohmann::json body =
        anonymize_body(text, analysis.raw, operator_config(op, index.size()));
    Anonymized a = parse_anonymize_response(post_json(call, anonymizer, body));
    redacted = std::move(a.text);
    CodePointIndex out(redacted);
    return match_spans(index, analysis.findings, out, a.items);
  }

  void check_cancelled() const {
    if (sdk::Host::get().cancelled(call))
      throw sdk::Error(AIHOST_CANCELLED, "the call was cancelled");
  }
};

sdk::Redaction Redactor::redact(const aihost_call* call,
                                const sdk::Request& request) const {
  RedactParams p = parse_redact_params(request.params, config_);

  std::vector<sdk::Header> auth;
  if (config_.bearer_auth) {
    if (request.api_key.empty())
      throw sdk::Error(AIHOST_UNAUTHENTICATED,
                       "config.auth is bearer but no API key was given");
    auth.push_back({"Authorization", "Bearer " + std::string(request.api_key)});
  }
  Calls calls{
      call,
      {"analyzer", config_.analyzer_url + "/analyze", auth, config_.timeout_ms},
      {"anonymizer", config_.anonymizer_url + "/anonymize", auth,
       config_.timeout_ms}};

  AnalyzeQuery q;
  q.language = *p.language;
  q.entities = p.entities;
  q.score_threshold = p.score_threshold;

  sdk::Redaction result;
  result.provider = "presidio";

  if (!p.segmented) {
    CodePointIndex index(p.text);
    result.usage.characters = static_cast<int64_t>(index.size());
    if (index.size() == 0) {
      result.usage.requests = 0;
      return result;
    }
    q.texts = {p.text};
    auto analyses = calls.analyze(q, {index.size()});
    result.entities =
        calls.anonymize(p.text, index, analyses.front(), p.op, result.text);
    result.usage.requests = calls.requests;
    return result;
  }

  // Segments: one batched /analyze for every non-empty text, then one
  // /anonymize per segment with findings.
  std::vector<CodePointIndex> indexes;
  std::vector<size_t> lengths;
  std::vector<size_t> sent;  // segment index of each text in the batch
  indexes.reserve(p.segments.size());
  for (size_t i = 0; i < p.segments.size(); ++i) {
    indexes.emplace_back(p.segments[i].text);
    result.usage.characters += static_cast<int64_t>(indexes.back().size());
    if (indexes.back().size() == 0) continue;
    q.texts.push_back(p.segments[i].text);
    lengths.push_back(indexes.back().size());
    sent.push_back(i);
  }
  q.batch = true;
  std::vector<Analysis> analyses;
  if (!sent.empty()) analyses = calls.analyze(q, lengths);

  result.segments.resize(p.segments.size());
  for (size_t i = 0; i < p.segments.size(); ++i) {
    const SegmentInput& in = p.segments[i];
    sdk::RedactedSegment& out = result.segments[i];
    out.id = in.id;
    out.start = in.start;
    out.end = in.end;
    out.speaker = in.speaker;
    out.channel = in.channel;
    out.role = in.role;
    out.text = in.text;
  }
  for (size_t k = 0; k < sent.size(); ++k) {
    size_t i = sent[k];
    result.segments[i].entities =
        calls.anonymize(p.segments[i].text, indexes[i], analyses[k], p.op,
                        result.segments[i].text);
  }
  result.usage.requests = calls.requests;
  return result;
}

}  // namespace aihost::accent
