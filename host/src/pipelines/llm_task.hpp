// Running one LLM task (summary, sentiment, coaching) on a text or a
// transcript: the task's prompts and schema become an llm.chat call with
// strict structured output, made through the gateway; the answer is
// checked against the schema, and a wrong answer is sent back once with
// what is wrong before the task gives up.
#pragma once

#include "gateway/provider_call.hpp"
#include "pipelines/call_scope.hpp"
#include "pipelines/task_definition.hpp"

#include <aihost/results.hpp>
#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace aihost::pipelines {

// What the task reads: a transcript (rendered one turn per line) or text.
struct TaskInput {
  std::optional<sdk::Transcript> transcript;
  std::string text;

  std::string rendered() const;
};

struct LlmTaskOptions {
  std::optional<std::string> provider;  // else routing decides
  std::optional<std::string> model;     // else the provider's default
};

struct TaskRun {
  nlohmann::json output;  // valid against the task's schema
  std::string provider;
  std::string model;
  int attempts = 0;  // 1, or 2 when the first answer was sent back
  sdk::Usage usage;  // of every attempt
  int64_t provider_ms = 0;
};

// The llm.chat params of the task's first request for `input_text`.
nlohmann::json task_chat_params(const TaskDefinition& task,
                                const std::string& input_text,
                                const LlmTaskOptions& options = {});

// Throws StepError: model_refused (the model declined, or its content
// filter stopped it), task_output_invalid (two answers that are not JSON of
// the schema), a provider failure's code, or a gateway refusal's.
TaskRun run_llm_task(gateway::ProviderCaller& caller, const CallScope& scope,
                     const TaskDefinition& task, const TaskInput& input,
                     const LlmTaskOptions& options = {});

}  // namespace aihost::pipelines
