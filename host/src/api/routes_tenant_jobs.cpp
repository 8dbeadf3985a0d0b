// The tenant's work API. Everything is a durable job: submitting answers
// 202 with the job (and a Location), and `?wait=SECONDS` (at most 120)
// turns the call synchronous: 200 with the finished job, or 202 if it is
// still running when the wait ends.
//
//   POST /v1/transcriptions        audio -> transcript (mono or dual-channel)
//   POST /v1/call-analyses         audio -> transcript, redaction, summary,
//                                  sentiment, coaching
//   POST /v1/redactions            text or transcript segments -> redacted
//   POST /v1/analyses/{task}       summary | sentiment | coaching of a text
//                                  or transcript
//   GET  /v1/jobs, GET /v1/jobs/{id}, POST /v1/jobs/{id}/cancel
//
// Audio comes as multipart/form-data (a `file` part plus option fields) or
// as a raw audio/* body with the options in the query string.
#include "api/api_error.hpp"
#include "api/job_view.hpp"
#include "api/multipart_form.hpp"
#include "api/routes.hpp"
#include "audio/media_type.hpp"
#include "governance/tenant_directory.hpp"
#include "jobs/job_error.hpp"
#include "jobs/job_service.hpp"
#include "pipelines/job_inputs.hpp"
#include "pipelines/step_error.hpp"
#include "settings/settings.hpp"

#include <Poco/URI.h>

#include <chrono>

namespace aihost::api {
namespace {

using json = nlohmann::json;

constexpr int kMaxWaitSeconds = 120;

// The product feature each job type needs before it is queued at all; the
// steps check their own features again when they run.
bool feature_enabled(const AppContext& app, const storage::TenantFeatures& f,
                     const std::string& feature) {
  const auto* s = app.settings;
  if (feature == "transcription")
    return (!s || s->features.transcription) && f.transcription_enabled;
  if (feature == "pii")
    return (!s || s->features.pii) && f.pii_redaction_enabled;
  if (feature == "summary")
    return (!s || s->features.summary) && f.summary_enabled;
  if (feature == "sentiment")
    return (!s || s->features.sentiment) && f.sentiment_enabled;
  if (feature == "coaching")
    return (!s || s->features.coaching) && f.coaching_enabled;
  return false;
}

std::optional<int> wait_seconds(const Exchange& ex) {
  auto text = ex.query("wait");
  if (!text) return std::nullopt;
  try {
    size_t used = 0;
    int seconds = std::stoi(*text, &used);
    if (used == text->size() && seconds >= 0 && seconds <= kMaxWaitSeconds)
      return seconds;
  } catch (const std::exception&) {
  }
  throw ApiError(400, "invalid_request",
                 "'wait' must be a whole number of seconds from 0 to " +
                     std::to_string(kMaxWaitSeconds));
}

void answer_job(Exchange& ex, AppContext& app, const storage::Job& created,
                std::optional<int> wait) {
  storage::Job job = created;
  if (wait && *wait > 0)
    job = app.jobs->wait(ex.tenant_id, job.id, std::chrono::seconds(*wait));
  ex.response.set("Location", "/v1/jobs/" + job.id);
  ex.send_json(jobs::is_finished(job.status) ? 200 : 202, job_view(job));
}

// Validates the input the way the worker will read it, so that a request
// the worker would refuse is refused now, before anything is stored.
void validate(const std::string& type, const json& input) {
  try {
    if (type == "transcription")
      pipelines::read_transcription(input);
    else if (type == "redaction")
      pipelines::read_redaction(input);
    else if (type == "call_analysis")
      pipelines::read_call_analysis(input);
    else {
      pipelines::read_task_input(input);
      pipelines::read_task_options(input);
    }
  } catch (const pipelines::StepError& e) {
    throw ApiError(400, e.code, e.what());
  }
}

void submit(Exchange& ex, AppContext& app, const std::string& type,
            const std::string& feature, json input,
            std::optional<std::string> blob = std::nullopt,
            std::string media_type = {}) {
  auto& service = require(app.jobs, "the job service");
  auto& tenants = require(app.tenants, "the tenant directory");
  const auto wait = wait_seconds(ex);
  auto features = tenants.features(ex.tenant_id);
  if (!feature_enabled(app, *features, feature))
    throw ApiError(
        403, "feature_disabled",
        "the " + feature + " feature is not enabled for this tenant");
  jobs::NewJobRequest request;
  if (input.contains("webhook_url")) {
    if (!input["webhook_url"].is_string())
      throw ApiError(400, "invalid_request", "'webhook_url' must be a string");
    request.webhook_url = input["webhook_url"].get<std::string>();
    input.erase("webhook_url");
  }
  input["features"] = pipelines::features_input(*features);
  validate(type, input);
  request.tenant_id = ex.tenant_id;
  request.job_type = type;
  request.input = std::move(input);
  request.blob = std::move(blob);
  request.media_type = std::move(media_type);
  request.request_id = ex.request_id;
  try {
    answer_job(ex, app, service.create(request), wait);
  } catch (const jobs::JobError& e) {
    throw ApiError(e.http_status, e.code, e.what());
  }
}

// Option fields of an audio upload, typed as the job input wants them.
json audio_options(const std::multimap<std::string, std::string>& fields) {
  static const char* const kBooleans[] = {
      "dual_channel", "diarize", "redact", "summary", "sentiment", "coaching"};
  json input = json::object();
  for (const auto& [name, value] : fields) {
    bool is_bool = false;
    for (const char* b : kBooleans) is_bool = is_bool || name == b;
    if (is_bool) {
      if (value != "true" && value != "false")
        throw ApiError(400, "invalid_request",
                       "'" + name + "' must be true or false");
      input[name] = value == "true";
    } else if (name == "roles") {
      const auto comma = value.find(',');
      if (comma == std::string::npos)
        throw ApiError(400, "invalid_request",
                       "'roles' must be two names separated by a comma");
      input["roles"] = {value.substr(0, comma), value.substr(comma + 1)};
    } else if (name == "language" || name == "provider" || name == "model" ||
               name == "webhook_url") {
      input[name] = value;
    } else if (name == "file" || name == "wait") {
      continue;
    } else {
      throw ApiError(400, "invalid_request", "unknown field '" + name + "'");
    }
  }
  return input;
}

void submit_audio(Exchange& ex, AppContext& app, const std::string& type) {
  const std::string content_type = ex.request.getContentType();
  std::string audio, media_type;
  std::multimap<std::string, std::string> fields;
  if (content_type.rfind("multipart/form-data", 0) == 0) {
    MultipartForm form = read_multipart(ex);
    if (form.file_field != "file" || form.file.empty())
      throw ApiError(400, "invalid_request", "'file' is required (the audio)");
    media_type = form.file_type.rfind("audio/", 0) == 0
                     ? form.file_type.substr(0, form.file_type.find(';'))
                     : audio::audio_type_for(form.filename).value_or("");
    audio = std::move(form.file);
    fields = std::move(form.fields);
  } else if (content_type.rfind("audio/", 0) == 0) {
    media_type = content_type.substr(0, content_type.find(';'));
    audio = ex.body(ex.limits.upload_bytes);
    for (const auto& [k, v] :
         Poco::URI(ex.request.getURI()).getQueryParameters())
      fields.emplace(k, v);
  } else {
    throw ApiError(415, "unsupported_media_type",
                   "send the audio as multipart/form-data (a 'file' part) or "
                   "as an audio/* body");
  }
  if (audio.empty())
    throw ApiError(400, "invalid_request", "the audio is empty");
  if (media_type != "audio/wav" && media_type != "audio/x-wav" &&
      media_type != "audio/wave")
    throw ApiError(
        400, "audio_unsupported",
        "jobs take WAV audio (PCM or float); got '" +
            (media_type.empty() ? std::string("unknown") : media_type) + "'");
  // A broken file is refused now, with the reader's code, not by a worker.
  audio::admission_audio_seconds(audio, "audio/wav");
  submit(ex, app, type, "transcription", audio_options(fields),
         std::move(audio), "audio/wav");
}

json text_input(Exchange& ex) {
  json body = ex.json_body();
  if (!body.is_object())
    throw ApiError(400, "invalid_request", "the body must be a JSON object");
  body.erase("features");  // the tenant's features are the server's to say
  return body;
}

storage::JobStatus parse_status(const std::string& text) {
  std::string upper = text;
  for (auto& c : upper) c = static_cast<char>(std::toupper(c));
  try {
    return storage::parse_job_status(upper);
  } catch (const std::exception&) {
    throw ApiError(400, "invalid_request",
                   "'status' must be pending, processing, completed, failed "
                   "or cancelled");
  }
}

void list_jobs(Exchange& ex, AppContext& app) {
  auto& service = require(app.jobs, "the job service");
  jobs::JobListRequest request;
  if (auto s = ex.query("status")) request.filter.status = parse_status(*s);
  if (auto t = ex.query("type")) request.filter.job_type = *t;
  if (auto a = ex.query("created_after"))
    request.filter.created_after_ms = parse_time(*a, "created_after");
  if (auto b = ex.query("created_before"))
    request.filter.created_before_ms = parse_time(*b, "created_before");
  if (auto c = ex.query("cursor")) request.cursor = *c;
  if (auto l = ex.query("limit")) {
    try {
      size_t used = 0;
      request.limit = std::stoi(*l, &used);
      if (used != l->size()) throw std::invalid_argument("trailing");
    } catch (const std::exception&) {
      throw ApiError(400, "invalid_request", "'limit' must be 1 to 100");
    }
  }
  try {
    auto page = service.list(ex.tenant_id, request);
    json data = json::array();
    for (const auto& job : page.jobs) data.push_back(job_view(job));
    ex.send_json(
        200, {{"object", "list"},
              {"data", data},
              {"next_cursor",
               page.next_cursor ? json(*page.next_cursor) : json(nullptr)}});
  } catch (const jobs::JobError& e) {
    throw ApiError(e.http_status, e.code, e.what());
  }
}

template <typename F>
void with_job_errors(F&& f) {
  try {
    f();
  } catch (const jobs::JobError& e) {
    throw ApiError(e.http_status, e.code, e.what());
  }
}

}  // namespace

void add_tenant_job_routes(Router& router, AppContext& app) {
  router.add("POST", "/v1/transcriptions", Access::kTenant,
             [&app](Exchange& ex) { submit_audio(ex, app, "transcription"); });
  router.add("POST", "/v1/call-analyses", Access::kTenant,
             [&app](Exchange& ex) { submit_audio(ex, app, "call_analysis"); });
  router.add("POST", "/v1/redactions", Access::kTenant, [&app](Exchange& ex) {
    submit(ex, app, "redaction", "pii", text_input(ex));
  });
  router.add(
      "POST", "/v1/analyses/{task}", Access::kTenant, [&app](Exchange& ex) {
        const std::string& task = ex.param("task");
        if (task != "summary" && task != "sentiment" && task != "coaching")
          throw ApiError(
              404, "task_not_found",
              "no analysis '" + task + "' (summary, sentiment, coaching)");
        submit(ex, app, task, task, text_input(ex));
      });
  router.add("GET", "/v1/jobs", Access::kTenant,
             [&app](Exchange& ex) { list_jobs(ex, app); });
  router.add("GET", "/v1/jobs/{id}", Access::kTenant, [&app](Exchange& ex) {
    with_job_errors([&] {
      auto& service = require(app.jobs, "the job service");
      ex.send_json(200, job_view(service.get(ex.tenant_id, ex.param("id"))));
    });
  });
  router.add(
      "POST", "/v1/jobs/{id}/cancel", Access::kTenant, [&app](Exchange& ex) {
        with_job_errors([&] {
          auto& service = require(app.jobs, "the job service");
          ex.send_json(200,
                       job_view(service.cancel(ex.tenant_id, ex.param("id"))));
        });
      });
}

}  // namespace aihost::api
