// The local-pii plugin: PII redaction that runs in-process, with no network
// and no service to start, built on the SDK's C++ helper.
#include "redaction.hpp"

#include <aihost/plugin.hpp>

namespace {

using aihost::sdk::json;

class LocalPiiInstance final : public aihost::sdk::Instance {
 public:
  json invoke(const aihost_call* /*call*/,
              const aihost::sdk::Request& request) override {
    return aihost::local_pii::redact(request.params);
  }
};

struct LocalPiiPlugin {
  static constexpr const char* id = aihost::local_pii::kProviderId;
  static constexpr const char* version = "1.0.0";
  static constexpr const char* description =
      "Offline PII redaction for written text and spoken call-center "
      "transcripts (no network, no service)";
  static constexpr bool streams = false;
  static constexpr uint32_t multichannel = 0;

  static const char* const* capabilities() {
    static const char* const caps[] = {AIHOST_OP_PII_REDACT, nullptr};
    return caps;
  }

  // The registry hands every instance a base_url; there is nothing to reach,
  // so it and any other upstream setting are accepted and ignored.
  static std::unique_ptr<aihost::sdk::Instance> create(const json& config) {
    if (auto it = config.find("base_url");
        it != config.end() && !it->is_null() && !it->is_string())
      throw aihost::sdk::Error(AIHOST_INVALID_ARGUMENT,
                               "config.base_url must be a string when given");
    return std::make_unique<LocalPiiInstance>();
  }
};

}  // namespace

AIHOST_DEFINE_PLUGIN(LocalPiiPlugin)
