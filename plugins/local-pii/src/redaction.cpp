#include "redaction.hpp"

#include "anonymizer.hpp"
#include "redact_params.hpp"
#include "utf8.hpp"

#include <aihost/results.hpp>

namespace aihost::local_pii {
namespace {

std::vector<sdk::Entity> to_entities(const Anonymized& a,
                                     const std::string& method) {
  std::vector<sdk::Entity> out;
  out.reserve(a.entities.size());
  for (const auto& p : a.entities) {
    sdk::Entity e;
    e.entity_type = std::string(p.finding.entity_type);
    e.start = p.finding.start;
    e.end = p.finding.end;
    e.out_start = p.out_start;
    e.out_end = p.out_end;
    // Two decimals: scores are heuristics, more digits would be noise.
    e.score =
        static_cast<double>(static_cast<int>(p.finding.score * 100 + 0.5)) /
        100;
    e.recognizer = std::string(p.finding.recognizer);
    if (p.finding.spoken) e.recognizer += "+SpokenNormalizer";
    e.op = method;
    out.push_back(std::move(e));
  }
  return out;
}

Anonymized redact_text(const std::string& text, const AnalyzeOptions& options,
                       const Operator& op) {
  return anonymize(text, analyze(text, options), op);
}

}  // namespace

nlohmann::json redact(const nlohmann::json& params) {
  sdk::PiiRedactParams p = parse_redact_params(params);
  const AnalyzeOptions options = analyze_options(p);
  // Without a caller's salt the digests are not reproducible (as with
  // Presidio), but one salt per call keeps repeats in a transcript linkable.
  if (p.op.method == "hash" && !p.op.hash_salt)
    p.op.hash_salt = random_salt(32);

  sdk::Redaction result;
  result.provider = kProviderId;
  if (!p.segmented) {
    Anonymized a = redact_text(p.text, options, p.op);
    result.text = std::move(a.text);
    result.entities = to_entities(a, p.op.method);
    result.usage.characters =
        static_cast<int64_t>(utf8::count_code_points(p.text));
  } else {
    for (const auto& seg : p.segments) {
      Anonymized a = redact_text(seg.text, options, p.op);
      sdk::RedactedSegment out;
      out.id = seg.id;
      out.start = seg.start;
      out.end = seg.end;
      out.text = std::move(a.text);
      out.speaker = seg.speaker;
      out.channel = seg.channel;
      out.role = seg.role;
      out.entities = to_entities(a, p.op.method);
      result.segments.push_back(std::move(out));
      result.usage.characters +=
          static_cast<int64_t>(utf8::count_code_points(seg.text));
    }
  }
  nlohmann::json j = result;
  return j;
}

}  // namespace aihost::local_pii
