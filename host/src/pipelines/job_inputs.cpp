#include "pipelines/job_inputs.hpp"

#include "pipelines/step_error.hpp"

#include <cstdio>
#include <set>

namespace aihost::pipelines {
namespace {

using nlohmann::json;

[[noreturn]] void bad(const std::string& field, const std::string& reason) {
  throw StepError(kInvalidRequest, "input field '" + field + "' " + reason,
                  false);
}

std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

const json* field(const json& obj, const std::string& key) {
  if (!obj.is_object()) return nullptr;
  auto it = obj.find(key);
  return it == obj.end() || it->is_null() ? nullptr : &*it;
}

std::optional<bool> opt_bool(const json& obj, const std::string& key,
                             const std::string& prefix = "") {
  const json* v = field(obj, key);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) bad(prefix + key, "must be true or false");
  return v->get<bool>();
}

std::optional<std::string> opt_string(const json& obj, const std::string& key,
                                      const std::string& prefix = "") {
  const json* v = field(obj, key);
  if (!v) return std::nullopt;
  if (!v->is_string() || v->get_ref<const std::string&>().empty())
    bad(prefix + key, "must be a non-empty string");
  return v->get<std::string>();
}

std::optional<double> opt_number(const json& obj, const std::string& key,
                                 double lo, double hi,
                                 const std::string& prefix = "") {
  const json* v = field(obj, key);
  if (!v) return std::nullopt;
  if (!v->is_number() || v->get<double>() < lo || v->get<double>() > hi)
    bad(prefix + key,
        "must be a number from " + number_text(lo) + " to " + number_text(hi));
  return v->get<double>();
}

std::vector<std::string> opt_strings(const json& obj, const std::string& key,
                                     const std::string& prefix = "") {
  const json* v = field(obj, key);
  if (!v) return {};
  if (!v->is_array()) bad(prefix + key, "must be an array of strings");
  std::vector<std::string> out;
  for (const auto& s : *v) {
    if (!s.is_string() || s.get_ref<const std::string&>().empty())
      bad(prefix + key, "must be an array of non-empty strings");
    out.push_back(s.get<std::string>());
  }
  return out;
}

void need_object(const json& input) {
  if (!input.is_object())
    throw StepError(kInvalidRequest, "the job input must be a JSON object",
                    false);
}

std::vector<sdk::Segment> read_segments(const json& list,
                                        const std::string& name) {
  if (!list.is_array()) bad(name, "must be an array of segments");
  std::vector<sdk::Segment> out;
  for (size_t i = 0; i < list.size(); ++i) {
    const json& s = list[i];
    std::string at = name + "[" + std::to_string(i) + "]";
    if (!s.is_object()) bad(at, "must be an object");
    const json* text = field(s, "text");
    if (!text || !text->is_string()) bad(at + ".text", "must be a string");
    for (const char* k : {"start", "end"})
      if (const json* t = field(s, k);
          !t || !t->is_number() || t->get<double>() < 0)
        bad(at + "." + k, "must be a number of seconds");
    try {
      sdk::Segment seg = s.get<sdk::Segment>();
      if (!s.contains("id")) seg.id = static_cast<int>(i);
      out.push_back(std::move(seg));
    } catch (const json::exception& e) {
      bad(at, std::string("is malformed: ") + e.what());
    }
  }
  return out;
}

const std::set<std::string> kMethods = {"replace", "mask", "redact", "hash"};

void read_redaction_options(const json& obj, const std::string& prefix,
                            const JobFeatures& features, RedactRequest& r) {
  r.entity_types = opt_strings(obj, "entity_types", prefix);
  if (r.entity_types.empty()) r.entity_types = features.pii_entity_types;
  r.score_threshold = opt_number(obj, "score_threshold", 0, 1, prefix);
  if (!r.score_threshold) r.score_threshold = features.pii_confidence_threshold;
  if (auto m = opt_string(obj, "method", prefix)) {
    if (!kMethods.count(*m))
      bad(prefix + "method", "must be replace, mask, redact or hash");
    r.method = *m;
  }
}

}  // namespace

json features_input(const storage::TenantFeatures& f) {
  return {{"pii_redaction_enabled", f.pii_redaction_enabled},
          {"pii_entity_types", f.pii_entity_types},
          {"pii_confidence_threshold", f.pii_confidence_threshold},
          {"summary_enabled", f.summary_enabled},
          {"sentiment_enabled", f.sentiment_enabled},
          {"coaching_enabled", f.coaching_enabled},
          {"max_audio_duration_seconds", f.max_audio_duration_seconds}};
}

JobFeatures read_features(const json& input) {
  JobFeatures f;
  const json* obj = field(input, "features");
  if (!obj) return f;
  if (!obj->is_object()) bad("features", "must be an object");
  const std::string p = "features.";
  f.pii_redaction = opt_bool(*obj, "pii_redaction_enabled", p);
  f.summary = opt_bool(*obj, "summary_enabled", p);
  f.sentiment = opt_bool(*obj, "sentiment_enabled", p);
  f.coaching = opt_bool(*obj, "coaching_enabled", p);
  f.pii_entity_types = opt_strings(*obj, "pii_entity_types", p);
  f.pii_confidence_threshold =
      opt_number(*obj, "pii_confidence_threshold", 0, 1, p);
  f.max_audio_seconds =
      opt_number(*obj, "max_audio_duration_seconds", 1, 1e9, p);
  return f;
}

TranscribeRequest read_transcription(const json& input) {
  need_object(input);
  TranscribeRequest r;
  r.dual_channel = opt_bool(input, "dual_channel").value_or(false);
  r.language = opt_string(input, "language");
  r.diarize = opt_bool(input, "diarize").value_or(false);
  r.provider = opt_string(input, "provider");
  if (const json* roles = field(input, "roles")) {
    auto names = opt_strings(input, "roles");
    if (names.size() != 2 || names[0] == names[1])
      bad("roles", "must name two different roles, of channel 0 and 1");
    r.roles = {names[0], names[1]};
    (void)roles;
  }
  r.max_audio_seconds = read_features(input).max_audio_seconds;
  return r;
}

RedactRequest read_redaction(const json& input) {
  need_object(input);
  RedactRequest r;
  const json* text = field(input, "text");
  const json* segments = field(input, "segments");
  if (!!text == !!segments)
    throw StepError(kInvalidRequest,
                    "the input needs either 'text' or 'segments'", false);
  if (text) {
    if (!text->is_string()) bad("text", "must be a string");
    r.text = text->get<std::string>();
  } else {
    r.segments = read_segments(*segments, "segments");
  }
  if (auto lang = opt_string(input, "language")) r.language = *lang;
  r.provider = opt_string(input, "provider");
  read_redaction_options(input, "", read_features(input), r);
  return r;
}

TaskInput read_task_input(const json& input) {
  need_object(input);
  const json* text = field(input, "text");
  const json* transcript = field(input, "transcript");
  if (!!text == !!transcript)
    throw StepError(kInvalidRequest,
                    "the input needs either 'text' or 'transcript'", false);
  TaskInput in;
  if (text) {
    if (!text->is_string()) bad("text", "must be a string");
    in.text = text->get<std::string>();
    return in;
  }
  if (!transcript->is_object()) bad("transcript", "must be an object");
  sdk::Transcript t;
  if (const json* segs = field(*transcript, "segments"))
    t.segments = read_segments(*segs, "transcript.segments");
  if (auto tx = opt_string(*transcript, "text", "transcript.")) t.text = *tx;
  if (t.segments.empty() && t.text.empty())
    bad("transcript", "needs segments or a text");
  in.transcript = std::move(t);
  return in;
}

LlmTaskOptions read_task_options(const json& input) {
  LlmTaskOptions o;
  o.provider = opt_string(input, "provider");
  o.model = opt_string(input, "model");
  return o;
}

CallAnalysisRequest read_call_analysis(const json& input) {
  need_object(input);
  CallAnalysisRequest r;
  r.transcription = read_transcription(input);
  r.transcription.provider.reset();
  r.features = read_features(input);
  r.redact = opt_bool(input, "redact").value_or(true);
  r.summary = opt_bool(input, "summary").value_or(true);
  r.sentiment = opt_bool(input, "sentiment").value_or(true);
  r.coaching = opt_bool(input, "coaching").value_or(true);
  if (const json* red = field(input, "redaction")) {
    if (!red->is_object()) bad("redaction", "must be an object");
    read_redaction_options(*red, "redaction.", r.features, r.redaction);
  } else {
    read_redaction_options(json::object(), "redaction.", r.features,
                           r.redaction);
  }
  if (auto lang = r.transcription.language;
      lang && *lang != "auto" && lang->size() >= 2)
    r.redaction.language = lang->substr(0, 2);
  if (const json* providers = field(input, "providers")) {
    if (!providers->is_object()) bad("providers", "must be an object");
    const std::string p = "providers.";
    r.transcription.provider = opt_string(*providers, "transcription", p);
    r.redaction.provider = opt_string(*providers, "redaction", p);
    r.llm.provider = opt_string(*providers, "llm", p);
  }
  r.llm.model = opt_string(input, "model");
  return r;
}

}  // namespace aihost::pipelines
