// The fake's /v1/audio/transcriptions: multipart rules and answer shapes.
#include "fakes/fake_openai.hpp"

#include <cmath>
#include <set>
#include <sstream>

namespace aihost::fakes {

using nlohmann::json;

namespace {

constexpr size_t kMaxUpload = 25u << 20;

FakeResponse invalid(const std::string& message,
                     const std::optional<std::string>& param,
                     const std::optional<std::string>& code) {
  return openai_error(400, message, "invalid_request_error", param, code);
}

bool json_only(const std::string& model) {
  return model.rfind("gpt-4o", 0) == 0 || model.rfind("gpt-transcribe", 0) == 0;
}

std::string extension(const std::string& filename) {
  size_t dot = filename.rfind('.');
  if (dot == std::string::npos) return "";
  std::string ext = filename.substr(dot + 1);
  for (auto& c : ext)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

// whisper-1 words: no punctuation, no leading space, spread evenly over
// their segment.
json words_of(const std::vector<SpokenSegment>& segments) {
  json out = json::array();
  for (const auto& s : segments) {
    std::vector<std::string> words;
    std::istringstream in(s.text);
    for (std::string w; in >> w;) {
      while (!w.empty() && std::ispunct(static_cast<unsigned char>(w.back())))
        w.pop_back();
      if (!w.empty()) words.push_back(w);
    }
    double step = words.empty() ? 0 : (s.end - s.start) / words.size();
    for (size_t i = 0; i < words.size(); ++i)
      out.push_back({{"word", words[i]},
                     {"start", s.start + step * i},
                     {"end", s.start + step * (i + 1)}});
  }
  return out;
}

json segments_of(const std::vector<SpokenSegment>& segments) {
  json out = json::array();
  for (size_t i = 0; i < segments.size(); ++i)
    out.push_back({{"id", i},
                   {"seek", 0},
                   {"start", segments[i].start},
                   {"end", segments[i].end},
                   {"text", " " + segments[i].text},
                   {"tokens", json::array({50364, 2561, 337, 50414})},
                   {"temperature", 0.0},
                   {"avg_logprob", -0.21},
                   {"compression_ratio", 1.3},
                   {"no_speech_prob", 0.0004},
                   {"transient", false}});
  return out;
}

std::string full_text(const std::vector<SpokenSegment>& segments) {
  std::string text;
  for (const auto& s : segments) text += (text.empty() ? "" : " ") + s.text;
  return text;
}

}  // namespace

FakeResponse FakeOpenAI::transcription(const FakeRequest& request,
                                       std::optional<OpenAiFault> fault) {
  auto ct = request.header("Content-Type").value_or("");
  auto boundary = multipart_boundary(ct);
  if (!boundary)
    return invalid("Invalid Content-Type header (" + ct +
                       "), expected multipart/form-data. (HINT: If you're "
                       "using curl, you can pass -H 'Content-Type: "
                       "multipart/form-data')",
                   std::nullopt, std::nullopt);
  std::vector<FormPart> parts;
  try {
    parts = parse_multipart(request.body, *boundary);
  } catch (const MultipartError& e) {
    return invalid(std::string("Could not parse multipart form: ") + e.what(),
                   std::nullopt, std::nullopt);
  }

  static const std::set<std::string> kFields = {"file",
                                                "model",
                                                "language",
                                                "prompt",
                                                "response_format",
                                                "temperature",
                                                "timestamp_granularities[]",
                                                "include[]",
                                                "stream",
                                                "chunking_strategy",
                                                "known_speaker_names[]",
                                                "known_speaker_references[]"};
  const FormPart* file = nullptr;
  std::map<std::string, std::string> fields;
  std::vector<std::string> granularities;
  for (const auto& p : parts) {
    if (!kFields.count(p.name))
      return invalid("Unrecognized request argument supplied: " + p.name,
                     std::nullopt, std::nullopt);
    if (p.name == "file") {
      if (!p.filename) continue;  // a plain field is not an upload
      file = &p;
    } else if (p.name == "timestamp_granularities[]") {
      granularities.push_back(p.data);
    } else if (p.name.back() != ']' && fields.count(p.name)) {
      return invalid("Duplicate parameter: '" + p.name + "'.", p.name,
                     std::string("invalid_value"));
    } else {
      fields[p.name] = p.data;
    }
  }
  if (!file)
    return invalid("Missing required parameter: 'file'.", std::string("file"),
                   std::string("missing_required_parameter"));
  if (!fields.count("model"))
    return invalid("Missing required parameter: 'model'.", std::string("model"),
                   std::string("missing_required_parameter"));
  const std::string model = fields["model"];
  static const std::set<std::string> kModels = {
      "whisper-1",
      "gpt-4o-transcribe",
      "gpt-4o-mini-transcribe",
      "gpt-4o-mini-transcribe-2025-12-15",
      "gpt-4o-transcribe-diarize",
      "gpt-transcribe"};
  if (!kModels.count(model))
    return openai_error(404,
                        "The model `" + model +
                            "` does not exist or you do not have access to it.",
                        "invalid_request_error", std::nullopt,
                        std::string("model_not_found"));
  static const std::set<std::string> kExtensions = {
      "flac", "m4a", "mp3", "mp4", "mpeg", "mpga", "oga", "ogg", "wav", "webm"};
  if (!kExtensions.count(extension(*file->filename)))
    return invalid(
        "Invalid file format. Supported formats: ['flac', 'm4a', "
        "'mp3', 'mp4', 'mpeg', 'mpga', 'oga', 'ogg', 'wav', 'webm']",
        std::string("file"), std::string("unsupported_format"));
  if (file->data.empty())
    return invalid(
        "Audio file is too short. Minimum audio length is 0.1 seconds.",
        std::string("file"), std::string("audio_too_short"));
  if (file->data.size() > kMaxUpload)
    return openai_error(413,
                        "Maximum content size limit (26214400) exceeded (" +
                            std::to_string(file->data.size()) + " bytes read)",
                        "server_error", std::nullopt, std::nullopt);

  const std::string format = fields.count("response_format")
                                 ? fields["response_format"]
                                 : std::string("json");
  static const std::set<std::string> kFormats = {
      "json", "text", "srt", "verbose_json", "vtt", "diarized_json"};
  if (!kFormats.count(format))
    return invalid("Invalid value: '" + format +
                       "'. Supported values are: 'json', 'text', 'srt', "
                       "'verbose_json', 'vtt', and 'diarized_json'.",
                   std::string("response_format"),
                   std::string("invalid_value"));
  if (json_only(model) && format != "json" &&
      !(format == "text" ||
        (format == "diarized_json" && model == "gpt-4o-transcribe-diarize")))
    return invalid(
        "response_format '" + format + "' is not compatible with model '" +
            model + "'. Use 'json' or 'text' instead.",
        std::string("response_format"), std::string("unsupported_value"));
  if (!granularities.empty() && format != "verbose_json")
    return invalid(
        "timestamp_granularities is only supported with "
        "response_format=verbose_json.",
        std::string("timestamp_granularities"), std::string("invalid_value"));
  for (const auto& g : granularities)
    if (g != "word" && g != "segment")
      return invalid("Invalid value: '" + g +
                         "'. Supported values are: 'word' and 'segment'.",
                     std::string("timestamp_granularities[]"),
                     std::string("invalid_value"));
  if (fields.count("language")) {
    const std::string& lang = fields["language"];
    if (lang.size() != 2 ||
        !std::islower(static_cast<unsigned char>(lang[0])) ||
        !std::islower(static_cast<unsigned char>(lang[1])))
      return invalid("Invalid language '" + lang +
                         "'. Language parameter must be specified in "
                         "ISO-639-1 format.",
                     std::string("language"),
                     std::string("invalid_language_format"));
  }
  if (fields.count("temperature")) {
    char* end = nullptr;
    const std::string& t = fields["temperature"];
    double v = std::strtod(t.c_str(), &end);
    if (t.empty() || *end != '\0' || v < 0 || v > 1)
      return invalid(
          "Invalid 'temperature': expected a decimal between 0 and 1.",
          std::string("temperature"), std::string("invalid_value"));
  }

  TranscriptReply script;
  {
    std::lock_guard lock(mu_);
    script = transcript_;
  }
  if (fault == OpenAiFault::no_choices)
    return FakeResponse::json(200, R"({"task":"transcribe","duration":1.5})");
  const std::string text = full_text(script.segments);
  const int billed = static_cast<int>(std::ceil(script.duration));
  if (format == "text") {
    FakeResponse r;
    r.headers = {{"Content-Type", "text/plain; charset=utf-8"}};
    r.body = text + "\n";
    return r;
  }
  json answer;
  if (format == "verbose_json") {
    bool words =
        std::count(granularities.begin(), granularities.end(), "word") > 0;
    bool segments =
        granularities.empty() ||
        std::count(granularities.begin(), granularities.end(), "segment") > 0;
    answer = {{"task", "transcribe"},
              {"language", script.language},
              {"duration", script.duration},
              {"text", text}};
    if (segments) answer["segments"] = segments_of(script.segments);
    answer["words"] = words ? words_of(script.segments) : json(nullptr);
    answer["usage"] = {{"type", "duration"}, {"seconds", billed}};
  } else if (json_only(model)) {
    int audio_tokens = static_cast<int>(script.duration * 10);
    int output_tokens = static_cast<int>(text.size() / 4);
    answer = {{"text", text},
              {"usage",
               {{"type", "tokens"},
                {"total_tokens", audio_tokens + output_tokens},
                {"input_tokens", audio_tokens},
                {"input_token_details",
                 {{"text_tokens", 0}, {"audio_tokens", audio_tokens}}},
                {"output_tokens", output_tokens}}}};
  } else {
    answer = {{"text", text},
              {"usage", {{"type", "duration"}, {"seconds", billed}}}};
  }
  return FakeResponse::json(200, answer.dump(2));
}

}  // namespace aihost::fakes
