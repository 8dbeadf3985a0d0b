// A configured plugin instance and the one way the host calls into it.
#pragma once

#include "net/egress.hpp"
#include "plugins/plugin_library.hpp"

#include <aihost/plugin.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace aihost::plugins {

using json = nlohmann::json;

struct CallOptions {
  std::optional<std::chrono::milliseconds> timeout;
  const std::atomic<bool>* cancelled = nullptr;  // set by the caller
};

struct Outcome {
  aihost_status status = AIHOST_OK;
  json result;          // the normalised result on success
  std::string message;  // on failure
  int http_status = 0;  // provider HTTP status, 0 if none
  int64_t retry_after_ms = -1;
  std::string provider_code;

  bool ok() const { return status == AIHOST_OK; }
};

struct Invocation {
  std::string operation;
  json params = json::object();
  std::string payload;  // binary input, e.g. audio
  std::string payload_type;
  std::string api_key;
};

// The plugin refused an instance configuration.
struct InstanceError : std::runtime_error {
  InstanceError(aihost_status status, const std::string& message)
      : std::runtime_error(message), status(status) {}
  aihost_status status;
};

class ProviderInstance {
 public:
  // Creates an instance from `config` (at least "base_url"). Throws
  // InstanceError with the plugin's status and message on refusal.
  ProviderInstance(std::shared_ptr<PluginLibrary> library, const json& config,
                   std::shared_ptr<const net::Egress> egress);
  ~ProviderInstance();
  ProviderInstance(const ProviderInstance&) = delete;
  ProviderInstance& operator=(const ProviderInstance&) = delete;

  Outcome invoke(const Invocation& call, const CallOptions& options = {}) const;

  bool streams() const;
  // Streams a chat: `on_event` gets each event JSON; returning false cancels.
  Outcome chat_stream(const Invocation& call,
                      const std::function<bool(const json&)>& on_event,
                      const CallOptions& options = {}) const;

  const PluginLibrary& library() const { return *library_; }

 private:
  std::shared_ptr<PluginLibrary> library_;
  std::shared_ptr<const net::Egress> egress_;
  aihost_instance* instance_ = nullptr;
};

// Readable name of a status ("RATE_LIMITED").
const char* status_name(aihost_status status);

}  // namespace aihost::plugins
