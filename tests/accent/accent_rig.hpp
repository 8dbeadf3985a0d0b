// The accent plugin loaded for real through the host's loader, instance and
// egress, wired to a fresh fake Presidio (analyzer + anonymizer).
#pragma once

#include "fakes/fake_presidio.hpp"
#include "net/egress.hpp"
#include "plugins/plugin_library.hpp"
#include "plugins/provider_instance.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>

namespace accent_test {

using json = nlohmann::json;
using aihost::fakes::FakePresidio;

// Short timeouts and backoffs, two retries: fault tests stay fast.
aihost::net::UpstreamPolicy fast_policy();

std::shared_ptr<aihost::plugins::PluginLibrary> accent_library();

struct Rig {
  FakePresidio presidio;
  std::unique_ptr<aihost::plugins::ProviderInstance> instance;

  // `extra` is merged into the instance config (analyzer_url and
  // anonymizer_url point at the fakes).
  explicit Rig(const json& extra = json::object(),
               aihost::net::UpstreamPolicy policy = fast_policy());

  aihost::plugins::Outcome redact(const json& params,
                                  const std::string& api_key = "") const;

  size_t analyzer_calls() const { return presidio.analyzer().request_count(); }
  size_t anonymizer_calls() const {
    return presidio.anonymizer().request_count();
  }
  json analyzer_body(size_t i = 0) const;
  json anonymizer_body(size_t i = 0) const;
};

// "<ENTITY_TYPE>", what Presidio's replace writes by default.
std::string placeholder(const json& entity);

// The bytes [start, end) of `s`, after checking the range lies inside it.
std::string slice(const std::string& s, const json& start, const json& end);

}  // namespace accent_test
