// tenant_ai_configs: a tenant's provider choice per capability (provider
// type), with model, encrypted API key and plugin config JSON. At most one
// row per tenant and capability is active; older rows stay for audit.
//
// The key column holds whatever the security layer produced (an AES-GCM
// envelope carrying its key id); this layer never sees a plaintext key.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/repository_base.hpp"

namespace aihost::storage {

struct TenantAiConfig {
  int64_t id = 0;
  std::string tenant_id;
  std::string provider_type;  // capability: "transcription", "llm", ...
  std::string provider_name;  // registry name: "openai", "deepgram", ...
  std::string model;
  std::optional<std::string> api_key_ciphertext;
  std::string config_json = "{}";
  bool active = true;
  int64_t created_at_ms = 0;
  int64_t updated_at_ms = 0;
};

// What key rotation walks: every stored ciphertext, all tenants.
struct StoredKey {
  int64_t config_id = 0;
  std::string tenant_id;
  std::string ciphertext;
};

class TenantAiConfigRepository : RepositoryBase {
 public:
  explicit TenantAiConfigRepository(Connection& c) : RepositoryBase(c) {}

  // Deactivates the tenant's active row for the same provider type and
  // inserts `config` as the active one; returns its id. Two statements:
  // run inside a Transaction.
  int64_t replace_active(const TenantAiConfig& config, int64_t now);
  std::optional<TenantAiConfig> find_active(const std::string& tenant_id,
                                            const std::string& provider_type);
  std::optional<TenantAiConfig> find(const std::string& tenant_id, int64_t id);
  std::vector<TenantAiConfig> list(const std::string& tenant_id);
  bool deactivate(const std::string& tenant_id, int64_t id, int64_t now);

  // Key rotation, resumable: pages by id, and replaces a ciphertext only if
  // it is still the one read (compare-and-set), so a concurrent change of
  // the key is never overwritten with a stale re-encryption.
  std::vector<StoredKey> keys_after(int64_t after_id, int limit);
  bool replace_key(const std::string& tenant_id, int64_t id,
                   const std::string& expected_ciphertext,
                   const std::string& new_ciphertext, int64_t now);
};

}  // namespace aihost::storage
