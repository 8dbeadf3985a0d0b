// The accent plugin: PII redaction through Microsoft Presidio's REST
// services (PROTOCOLS.md §3). Configuration and behaviour: README.md.
#include "config.hpp"
#include "redactor.hpp"

#include <aihost/plugin.hpp>

namespace aihost::accent {
namespace {

class AccentInstance : public sdk::Instance {
 public:
  explicit AccentInstance(Config config) : redactor_(std::move(config)) {}

  sdk::json invoke(const aihost_call* call,
                   const sdk::Request& request) override {
    return redactor_.redact(call, request);
  }

 private:
  Redactor redactor_;
};

struct AccentPlugin {
  static constexpr const char* id = "accent";
  static constexpr const char* version = "1.0.0";
  static constexpr const char* description =
      "PII redaction with Microsoft Presidio (analyzer + anonymizer REST)";
  static constexpr bool streams = false;
  static constexpr uint32_t multichannel = 0;

  static const char* const* capabilities() {
    static const char* const caps[] = {AIHOST_OP_PII_REDACT, nullptr};
    return caps;
  }

  static std::unique_ptr<sdk::Instance> create(const sdk::json& config) {
    return std::make_unique<AccentInstance>(parse_config(config));
  }
};

}  // namespace
}  // namespace aihost::accent

AIHOST_DEFINE_PLUGIN(aihost::accent::AccentPlugin)
