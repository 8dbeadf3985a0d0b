// POST /v1/audio/transcriptions, as the OpenAI SDKs send it: multipart
// with the audio in `file`, answered in the response_format asked for.
#include "api/api_error.hpp"
#include "api/multipart_form.hpp"
#include "api/openai_wire.hpp"
#include "api/provider_error.hpp"
#include "api/routes.hpp"
#include "audio/media_type.hpp"
#include "gateway/provider_call.hpp"

namespace aihost::api {
namespace {

using json = nlohmann::json;

std::string field(const MultipartForm& form, const std::string& name) {
  auto it = form.fields.find(name);
  return it == form.fields.end() ? std::string() : it->second;
}

// The part's type when it names audio, else the filename's extension.
std::string media_type_of(const MultipartForm& form) {
  const std::string& declared = form.file_type;
  if (declared.rfind("audio/", 0) == 0)
    return declared.substr(0, declared.find(';'));
  if (auto by_name = audio::audio_type_for(form.filename)) return *by_name;
  throw ApiError(400, "audio_unsupported",
                 "cannot tell the audio format: send the file with an audio "
                 "Content-Type or a known extension (wav, mp3, flac, ogg, "
                 "m4a, webm)");
}

void transcribe(Exchange& ex, AppContext& app) {
  auto& caller = require(app.caller, "the provider gateway");
  MultipartForm form = read_multipart(ex);
  if (form.file_field != "file" || form.file.empty())
    throw ApiError(400, "invalid_request", "'file' is required (the audio)");
  const std::string model = field(form, "model");
  if (model.empty())
    throw ApiError(400, "invalid_request", "'model' is required");
  std::string format = field(form, "response_format");
  if (format.empty()) format = "json";
  if (format != "json" && format != "verbose_json" && format != "text" &&
      format != "srt" && format != "vtt")
    throw ApiError(400, "invalid_request",
                   "'response_format' must be json, verbose_json, text, srt "
                   "or vtt");
  if (field(form, "stream") == "true")
    throw ApiError(400, "invalid_request",
                   "'stream' is not supported for transcriptions");

  const std::string media_type = media_type_of(form);
  gateway::ProviderCall call;
  call.tenant_id = ex.tenant_id;
  call.capability = "audio.transcribe";
  if (auto p = ex.request.get("x-aihost-provider", ""); !p.empty())
    call.provider = p;
  call.invocation.operation = "audio.transcribe";
  json params = {{"model", model}};
  if (auto language = field(form, "language"); !language.empty())
    params["language"] = language;
  if (auto prompt = field(form, "prompt"); !prompt.empty())
    params["prompt"] = prompt;
  if (!form.filename.empty()) params["filename"] = form.filename;
  // Words cost extra with some providers: asked for only when wanted.
  bool words = false;
  for (auto [it, end] = form.fields.equal_range("timestamp_granularities[]");
       it != end; ++it)
    words = words || it->second == "word";
  params["timestamps"] = words ? "both" : "segment";
  call.invocation.params = std::move(params);
  call.expected.audio_seconds =
      audio::admission_audio_seconds(form.file, media_type);
  call.invocation.payload = std::move(form.file);
  call.invocation.payload_type = media_type;
  call.request_id = ex.request_id;

  auto report = caller.call(call);
  ex.add_provider_ms(static_cast<double>(report.provider_ms));
  const auto& outcome = report.outcome;
  if (!outcome.ok()) throw_provider_failure(ex, outcome);
  json body = openai_wire::transcription_body(outcome.result, format);
  if (!body.is_string()) {
    ex.send_json(200, body);
    return;
  }
  const std::string text = body.get<std::string>();
  ex.response.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
  ex.response.setContentType(format == "vtt" ? "text/vtt; charset=utf-8"
                                             : "text/plain; charset=utf-8");
  ex.response.setContentLength(static_cast<std::streamsize>(text.size()));
  ex.set_standard_headers();
  ex.response.send() << text;
}

}  // namespace

void add_openai_audio_routes(Router& router, AppContext& app) {
  router.add("POST", "/v1/audio/transcriptions", Access::kTenant,
             [&app](Exchange& ex) { transcribe(ex, app); });
}

}  // namespace aihost::api
