// The LLM tasks the host offers, loaded from a folder of YAML files
// (config/tasks). Every file is checked before any is used: a broken one
// makes the whole load fail with "FILE:LINE: field 'FIELD': REASON", so a
// bad deploy is refused instead of half-applied.
#pragma once

#include "pipelines/task_definition.hpp"

#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace aihost::pipelines {

struct TaskCatalogError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class TaskCatalog {
 public:
  TaskCatalog() = default;

  // Every *.yaml / *.yml in `dir`. Throws TaskCatalogError.
  static TaskCatalog load(const std::filesystem::path& dir);
  // One task; `name` is used in messages. Throws TaskCatalogError.
  static TaskDefinition parse(const std::string& yaml_text,
                              const std::string& name);

  // Adds a parsed task; throws TaskCatalogError on a duplicate id.
  void add(TaskDefinition task);

  // Null when there is no such task.
  const TaskDefinition* find(const std::string& id) const;
  std::vector<std::string> ids() const;
  size_t size() const { return tasks_.size(); }

 private:
  std::map<std::string, TaskDefinition> tasks_;
};

}  // namespace aihost::pipelines
