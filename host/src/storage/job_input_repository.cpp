#include "storage/job_input_repository.hpp"

#include <Poco/Data/LOB.h>

namespace aihost::storage {
namespace {

using namespace Poco::Data::Keywords;

Poco::Data::BLOB to_blob(const std::string& bytes) {
  return Poco::Data::BLOB(reinterpret_cast<const unsigned char*>(bytes.data()),
                          bytes.size());
}

}  // namespace

void JobInputRepository::insert(const JobInput& input, int64_t now_ms) {
  if (input.job_id.empty() || input.tenant_id.empty())
    throw StorageError("storage.invalid",
                       "a job input needs its job and tenant");
  Poco::Data::BLOB data = to_blob(input.data);
  int64_t size = static_cast<int64_t>(input.data.size());
  // Poco binds an empty BLOB as NULL; the COALESCE keeps it an empty value.
  const std::string empty =
      engine() == Engine::kPostgres ? "CAST('' AS BYTEA)" : "X''";
  guarded("storing job input", [&] {
    session() << q(
        "INSERT INTO ai_job_inputs (job_id, tenant_id, media_type, "
        "byte_size, data, created_at) VALUES (?, ?, ?, ?, COALESCE(?, " +
        empty + "), ?)"),
        bind(input.job_id), bind(input.tenant_id), bind(input.media_type),
        bind(size), use(data), bind(now_ms), now;
  });
}

std::optional<JobInput> JobInputRepository::find(const std::string& tenant_id,
                                                 const std::string& job_id) {
  return guarded("reading job input", [&]() -> std::optional<JobInput> {
    std::vector<std::string> media_types;
    std::vector<int64_t> sizes;
    std::vector<Poco::Data::BLOB> blobs;
    session() << q(
        "SELECT media_type, byte_size, data FROM ai_job_inputs WHERE "
        "tenant_id = ? AND job_id = ?"),
        bind(tenant_id), bind(job_id), into(media_types), into(sizes),
        into(blobs), now;
    if (media_types.empty()) return std::nullopt;
    const Poco::Data::BLOB& blob = blobs.front();
    JobInput out{job_id, tenant_id, media_types.front(),
                 std::string(reinterpret_cast<const char*>(blob.rawContent()),
                             blob.size())};
    if (static_cast<int64_t>(out.data.size()) != sizes.front())
      throw StorageError("storage.corrupt",
                         "job input size differs from its recorded size");
    return out;
  });
}

}  // namespace aihost::storage
