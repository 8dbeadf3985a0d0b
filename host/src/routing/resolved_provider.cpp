#include "routing/resolved_provider.hpp"

#include "security/key_mask.hpp"

namespace aihost::routing {

const char* source_name(Source source) {
  switch (source) {
    case Source::kTenant:
      return "tenant";
    case Source::kService:
      return "service";
    case Source::kRegistry:
      return "registry";
    case Source::kOverride:
      return "override";
    case Source::kNone:
      break;
  }
  return "none";
}

nlohmann::json ResolvedProvider::describe() const {
  return {
      {"tenant_id", tenant_id},
      {"capability", capability},
      {"provider", provider},
      {"model", model},
      {"api_key",
       api_key.empty() ? std::string() : security::mask_key(api_key.reveal())},
      {"instance_config", instance_config},
      {"config_hash", config_hash},
      {"tenant_config_id", tenant_config_id},
      {"sources",
       {{"provider", source_name(provider_source)},
        {"model", source_name(model_source)},
        {"api_key", source_name(key_source)},
        {"instance_config", source_name(config_source)}}},
  };
}

}  // namespace aihost::routing
