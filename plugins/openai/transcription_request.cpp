#include "transcription_request.hpp"

#include "multipart_writer.hpp"

#include <cctype>
#include <cstdio>

namespace aihost::openai {
namespace {

using sdk::Error;
using sdk::json;

[[noreturn]] void bad(const std::string& what) {
  throw Error(AIHOST_INVALID_ARGUMENT, what);
}

std::optional<std::string> string_param(const json& params, const char* name) {
  auto it = params.find(name);
  if (it == params.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) bad(std::string(name) + " must be a string");
  return it->get<std::string>();
}

bool bool_param(const json& params, const char* name, bool fallback) {
  auto it = params.find(name);
  if (it == params.end() || it->is_null()) return fallback;
  if (!it->is_boolean()) bad(std::string(name) + " must be a boolean");
  return it->get<bool>();
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// "en", "EN", "en-US" -> "en"; "auto" and "" ask for detection.
std::optional<std::string> iso_language(const std::string& given) {
  if (given.empty() || given == "auto") return std::nullopt;
  std::string code = given.substr(0, given.find_first_of("-_"));
  for (auto& ch : code)
    ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (code.size() != 2 || !std::isalpha(static_cast<unsigned char>(code[0])) ||
      !std::isalpha(static_cast<unsigned char>(code[1])))
    bad("language must be an ISO-639-1 code such as \"en\", or \"auto\"");
  return code;
}

// OpenAI picks the decoder by file extension, so the default name follows
// the payload's MIME type.
std::string default_filename(std::string_view payload_type) {
  std::string_view mime = payload_type.substr(0, payload_type.find(';'));
  struct Ext {
    std::string_view mime, name;
  };
  static constexpr Ext kNames[] = {
      {"audio/mpeg", "audio.mp3"},    {"audio/mp3", "audio.mp3"},
      {"audio/mp4", "audio.m4a"},     {"audio/x-m4a", "audio.m4a"},
      {"audio/m4a", "audio.m4a"},     {"audio/ogg", "audio.ogg"},
      {"audio/webm", "audio.webm"},   {"audio/flac", "audio.flac"},
      {"audio/x-flac", "audio.flac"}, {"video/mp4", "audio.mp4"}};
  for (const auto& e : kNames)
    if (mime == e.mime) return std::string(e.name);
  return "audio.wav";
}

std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%g", v);
  return buf;
}

}  // namespace

bool json_only_model(std::string_view model) {
  return starts_with(model, "gpt-4o") || starts_with(model, "gpt-transcribe");
}

TranscriptionRequest build_transcription_request(
    const Config& config, const json& params, std::string_view payload,
    std::string_view payload_type) {
  if (payload.empty()) bad("the audio payload is empty");
  if (payload.size() > kMaxAudioBytes)
    throw Error(AIHOST_PAYLOAD_TOO_LARGE,
                "audio of " + std::to_string(payload.size()) +
                    " bytes is over OpenAI's 25 MiB upload limit");
  if (bool_param(params, "multichannel", false))
    throw Error(AIHOST_UNSUPPORTED,
                "openai transcribes one channel; split channels first");

  TranscriptionRequest req;
  req.model =
      config.model_for(AIHOST_OP_AUDIO_TRANSCRIBE, kDefaultTranscriptionModel);
  if (auto m = string_param(params, "model")) {
    if (m->empty()) bad("model must be a non-empty string");
    req.model = *m;
  }
  if (auto lang = string_param(params, "language"))
    req.language = iso_language(*lang);
  auto prompt = string_param(params, "prompt");
  std::string timestamps = string_param(params, "timestamps").value_or("both");
  if (timestamps != "word" && timestamps != "segment" && timestamps != "both")
    bad("timestamps must be \"word\", \"segment\" or \"both\"");
  std::optional<double> temperature;
  if (auto it = params.find("temperature");
      it != params.end() && !it->is_null()) {
    if (!it->is_number() || it->get<double>() < 0 || it->get<double>() > 1)
      bad("temperature must be a number from 0 to 1");
    temperature = it->get<double>();
  }
  std::string filename =
      string_param(params, "filename").value_or(default_filename(payload_type));
  std::string file_type(payload_type.empty() ? "application/octet-stream"
                                             : payload_type);
  if (file_type.find_first_of("\r\n") != std::string::npos)
    bad("payload_type must be a single-line MIME type");

  req.verbose = !json_only_model(req.model);
  MultipartWriter form(payload);
  form.file("file", filename, file_type, payload);
  form.field("model", req.model);
  if (req.language) form.field("language", *req.language);
  if (prompt && !prompt->empty()) form.field("prompt", *prompt);
  form.field("response_format", req.verbose ? "verbose_json" : "json");
  if (req.verbose) {
    if (timestamps != "segment")
      form.field("timestamp_granularities[]", "word");
    if (timestamps != "word")
      form.field("timestamp_granularities[]", "segment");
  }
  if (temperature) form.field("temperature", number_text(*temperature));
  req.content_type = form.content_type();
  req.body = form.finish();
  return req;
}

}  // namespace aihost::openai
