#include "routing/capability.hpp"

namespace aihost::routing {

const std::vector<CapabilityInfo>& all_capabilities() {
  static const std::vector<CapabilityInfo> kAll = {
      {"llm.chat", "llm"},
      {"audio.transcribe", "transcription"},
      {"pii.redact", "pii"},
  };
  return kAll;
}

std::optional<CapabilityInfo> find_capability(std::string_view capability) {
  for (const auto& info : all_capabilities())
    if (info.capability == capability) return info;
  return std::nullopt;
}

std::optional<std::string> normalise_capability(std::string_view name) {
  for (const auto& info : all_capabilities())
    if (info.capability == name || info.provider_type == name)
      return std::string(info.capability);
  return std::nullopt;
}

bool known_feature(std::string_view feature) {
  return feature == "transcription" || feature == "pii" ||
         feature == "summary" || feature == "sentiment" ||
         feature == "coaching";
}

std::optional<std::string> feature_for(std::string_view capability,
                                       const std::optional<std::string>& task) {
  if (task) return *task;
  if (capability == "audio.transcribe") return std::string("transcription");
  if (capability == "pii.redact") return std::string("pii");
  return std::nullopt;
}

bool feature_enabled_globally(const settings::GlobalFeatures& global,
                              std::string_view feature) {
  if (feature == "transcription") return global.transcription;
  if (feature == "pii") return global.pii;
  if (feature == "summary") return global.summary;
  if (feature == "sentiment") return global.sentiment;
  if (feature == "coaching") return global.coaching;
  return false;
}

bool feature_enabled_for_tenant(const storage::TenantFeatures& tenant,
                                std::string_view feature) {
  if (feature == "transcription") return tenant.transcription_enabled;
  if (feature == "pii") return tenant.pii_redaction_enabled;
  if (feature == "summary") return tenant.summary_enabled;
  if (feature == "sentiment") return tenant.sentiment_enabled;
  if (feature == "coaching") return tenant.coaching_enabled;
  return false;
}

std::pair<std::string, std::string> service_default(
    const settings::DefaultProviders& defaults, std::string_view capability) {
  if (capability == "llm.chat")
    return {defaults.llm_provider, defaults.llm_model};
  if (capability == "audio.transcribe")
    return {defaults.transcription_provider, defaults.transcription_model};
  if (capability == "pii.redact")
    return {defaults.pii_provider, defaults.pii_model};
  return {};
}

}  // namespace aihost::routing
