// What the job tests share: a migrated database per engine with two
// tenants, usage rows shaped like a provider call's, and polling helpers
// with short deadlines.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "storage/database.hpp"
#include "storage/usage_log_repository.hpp"
#include "test_databases.hpp"

namespace aihost::testing {

struct JobDb {
  explicit JobDb(storage::Engine engine);
  storage::Database& db() { return t->db(); }
  std::unique_ptr<TestDatabase> t;
};

// Sets the tenant's max_concurrent_jobs.
void set_job_limit(storage::Database& db, const std::string& tenant, int n);

// A transcription call's usage row of `seconds` audio.
storage::UsageLog transcription_usage(double seconds, const std::string& tag);

// Polls `done` every 10 ms until it holds or `timeout` passes.
bool eventually(
    const std::function<bool()>& done,
    std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));

}  // namespace aihost::testing
