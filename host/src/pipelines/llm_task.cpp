#include "pipelines/llm_task.hpp"

#include "pipelines/json_schema.hpp"
#include "pipelines/prompt_template.hpp"
#include "pipelines/step_error.hpp"
#include "pipelines/transcript_text.hpp"

namespace aihost::pipelines {
namespace {

using nlohmann::json;

constexpr int kMaxAttempts = 2;

json message(const char* role, const std::string& content) {
  return {{"role", role}, {"content", content}};
}

// Roughly four characters per token for English prose; admission only
// needs an upper-ish bound, the real count settles the cost.
int64_t estimate_tokens(const json& params) {
  size_t chars = 0;
  for (const auto& m : params["messages"])
    chars += m["content"].get_ref<const std::string&>().size();
  chars += params["response_format"].dump().size();
  return static_cast<int64_t>((chars + 3) / 4);
}

// The schema as sent: keywords that strict structured output refuses are
// enforced on arrival instead.
json provider_schema(const json& schema) {
  if (!schema.is_object()) return schema;
  json out = json::object();
  for (const auto& [key, value] : schema.items()) {
    if (key == "minLength") continue;
    if (key == "properties") {
      json props = json::object();
      for (const auto& [name, sub] : value.items())
        props[name] = provider_schema(sub);
      out[key] = std::move(props);
    } else if (key == "items") {
      out[key] = provider_schema(value);
    } else {
      out[key] = value;
    }
  }
  return out;
}

std::string correction(const std::vector<std::string>& errors) {
  std::string text =
      "Your previous answer does not match the required JSON schema:\n";
  for (const auto& e : errors) text += "- " + e + "\n";
  text +=
      "Answer again with one JSON object that satisfies the schema. Keep "
      "what was correct and fix only these points.";
  return text;
}

// Why an answer cannot be used; empty when `parsed` is valid.
std::vector<std::string> problems(const TaskDefinition& task,
                                  const sdk::LlmResult& r, json& parsed) {
  if (r.truncated)
    return {"the answer was cut off at the output limit of " +
            std::to_string(task.max_output_tokens) +
            " tokens and is incomplete; answer more concisely"};
  parsed = r.parsed;
  if (parsed.is_null() && r.content)
    parsed = json::parse(*r.content, nullptr, false);
  if (parsed.is_discarded() || (parsed.is_null() && !r.content))
    return {"the answer is not a JSON document"};
  return validate(task.schema, parsed, 10);
}

}  // namespace

std::string TaskInput::rendered() const {
  return transcript ? render_transcript(*transcript) : text;
}

json task_chat_params(const TaskDefinition& task, const std::string& input_text,
                      const LlmTaskOptions& options) {
  const std::map<std::string, std::string> values = {{"transcript", input_text},
                                                     {"text", input_text}};
  json params = {
      {"messages",
       json::array({message("system", render(task.system_prompt, values)),
                    message("user", render(task.user_template, values))})},
      {"response_format",
       {{"type", "json_schema"},
        {"json_schema",
         {{"name", task.schema_name},
          {"strict", true},
          {"schema", provider_schema(task.schema)}}}}},
      {"max_output_tokens", task.max_output_tokens},
      {"temperature", task.temperature}};
  if (options.model) params["model"] = *options.model;
  return params;
}

TaskRun run_llm_task(gateway::ProviderCaller& caller, const CallScope& scope,
                     const TaskDefinition& task, const TaskInput& input,
                     const LlmTaskOptions& options) {
  std::string text = input.rendered();
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    throw StepError(kInvalidRequest,
                    task.id + ": the input has no text to work on", false);
  json params = task_chat_params(task, text, options);
  TaskRun run;
  std::vector<std::string> last_problems;
  for (int attempt = 1; attempt <= kMaxAttempts; ++attempt) {
    if (scope.is_cancelled())
      throw StepError(kJobCancelled, task.id + " was cancelled", false);
    gateway::ProviderCall call = scope.call(
        AIHOST_OP_LLM_CHAT,
        attempt == 1 ? task.id : task.id + "/" + std::to_string(attempt));
    call.provider = options.provider;
    call.feature = task.feature;
    call.invocation.params = params;
    call.expected.input_tokens = estimate_tokens(params);
    call.expected.max_output_tokens = task.max_output_tokens;

    gateway::CallReport report;
    try {
      report = caller.call(call);
    } catch (const gateway::GatewayError& e) {
      throw gateway_refusal(e);
    }
    run.attempts = attempt;
    run.provider = report.provider;
    run.model = report.model;
    run.provider_ms += report.provider_ms;
    if (!report.outcome.ok()) throw provider_failure(report.outcome, task.id);

    sdk::LlmResult result;
    try {
      result = report.outcome.result.get<sdk::LlmResult>();
    } catch (const std::exception& e) {
      throw StepError(
          "upstream_protocol_error",
          task.id + ": the provider's answer is unreadable: " + e.what(), true);
    }
    run.usage.input_tokens += result.usage.input_tokens;
    run.usage.output_tokens += result.usage.output_tokens;
    run.usage.cached_tokens += result.usage.cached_tokens;
    run.usage.reasoning_tokens += result.usage.reasoning_tokens;
    run.usage.requests = attempt;
    if (!result.model.empty()) run.model = result.model;
    if (result.refusal)
      throw StepError(kModelRefused,
                      task.id + ": the model declined: " + *result.refusal,
                      false);
    if (result.finish_reason == "content_filter")
      throw StepError(kModelRefused,
                      task.id +
                          ": the provider's content filter stopped the "
                          "answer",
                      false);

    json parsed;
    last_problems = problems(task, result, parsed);
    if (last_problems.empty()) {
      run.output = std::move(parsed);
      return run;
    }
    params["messages"].push_back(
        message("assistant", result.content.value_or("")));
    params["messages"].push_back(message("user", correction(last_problems)));
  }
  std::string detail;
  for (const auto& p : last_problems)
    detail += (detail.empty() ? "" : "; ") + p;
  throw StepError(kTaskOutputInvalid,
                  task.id +
                      ": the model's answer did not match the task's "
                      "schema twice: " +
                      detail,
                  false);
}

}  // namespace aihost::pipelines
