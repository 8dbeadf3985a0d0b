#include "job_fixture.hpp"

#include <thread>

#include "storage/tenant_feature_repository.hpp"
#include "storage/tenant_repository.hpp"

namespace aihost::testing {

JobDb::JobDb(storage::Engine engine) : t(open_test_database(engine)) {
  storage::Connection c = t->db().connect();
  storage::TenantRepository(c).create("acme", "Acme", 1);
  storage::TenantRepository(c).create("globex", "Globex", 1);
}

void set_job_limit(storage::Database& db, const std::string& tenant, int n) {
  storage::Connection c = db.connect();
  storage::TenantFeatures f;
  f.tenant_id = tenant;
  f.max_concurrent_jobs = n;
  storage::TenantFeatureRepository(c).upsert(f, 1);
}

storage::UsageLog transcription_usage(double seconds, const std::string& tag) {
  storage::UsageLog u;
  u.provider = "deepgram";
  u.model = "nova-3";
  u.operation = "audio.transcribe";
  u.audio_seconds = seconds;
  u.cost_usd = seconds * 0.0043 / 60;
  u.cost_method = "price_table";
  u.request_id = tag;
  u.metadata_json = nlohmann::json{{"step", tag}}.dump();
  return u;
}

bool eventually(const std::function<bool()>& done,
                std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return done();
}

}  // namespace aihost::testing
