// The whole product as integrators meet it: the aihost binary running
// `serve` (or `serve` plus separate `worker` processes) with the real
// plugins, against fake OpenAI and Deepgram upstreams on 127.0.0.1 and a
// fresh store (SQLite, or a schema of the PostgreSQL test server), spoken
// to over HTTP only.
#pragma once

#include "../cli/subprocess.hpp"
#include "../pipelines/pipeline_harness.hpp"
#include "../registry/temp_dir.hpp"
#include "../storage/test_databases.hpp"
#include "fakes/fake_deepgram.hpp"
#include "fakes/fake_openai.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace aihost::testing {

struct Reply {
  int status = 0;
  std::string reason;                          // the status line's phrase
  std::map<std::string, std::string> headers;  // lower-case names
  std::string text;
  nlohmann::json json;  // null when the body is not JSON

  std::string header(const std::string& name) const;
  std::string code() const;  // error.code, or ""
};

struct Request {
  std::string method = "GET";
  std::string path;
  std::string body;
  std::string content_type;
  std::string bearer;  // "" sends no Authorization
  std::map<std::string, std::string> headers;
};

struct StackOptions {
  storage::Engine engine = storage::Engine::kSqlite;
  int workers = 2;  // threads in serve; 0 runs none
  int lease_seconds = 30;
  std::map<std::string, std::string> env;  // extra AI_* settings
};

inline constexpr const char* kAdminToken = "adm-e2e-token-0123456789abcdef";

class Stack {
 public:
  explicit Stack(StackOptions options = {});
  ~Stack();

  Reply call(const Request& request) const;
  Reply get(const std::string& path, const std::string& bearer) const;
  Reply post_json(const std::string& path, const nlohmann::json& body,
                  const std::string& bearer) const;
  Reply admin(const std::string& method, const std::string& path,
              const nlohmann::json& body = nullptr) const;

  // A tenant with every feature on and its first API key.
  std::string create_tenant(const std::string& id,
                            const nlohmann::json& features = nullptr);
  // Polls GET /v1/jobs/{id} until it ends; returns each distinct
  // (progress, step) seen, the last being the final state.
  std::vector<nlohmann::json> follow_job(const std::string& id,
                                         const std::string& bearer,
                                         int timeout_ms = 20000) const;

  // Starts `aihost worker` against the same store and registry.
  std::unique_ptr<Child> start_worker(int workers = 1) const;
  // Rows of ai_usage_logs as the admin usage report totals them.
  nlohmann::json usage_report(const std::string& query) const;

  int port() const { return port_; }
  std::string server_log() const { return serve_->err(); }

  fakes::FakeOpenAI openai{kOpenAiKey};
  fakes::FakeDeepgram deepgram{kDeepgramKey};
  FakeModel model;

 private:
  std::map<std::string, std::string> environment() const;

  StackOptions options_;
  TempDir dir_;
  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<Child> serve_;
  int port_ = 0;
};

// The HTTP client the tests use, for requests of their own.
Reply http_call(int port, const Request& request);

}  // namespace aihost::testing
