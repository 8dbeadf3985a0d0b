// `aihost keys issue TENANT [--label L] | list TENANT | revoke TENANT KEY_ID
//  | rotate [--batch N] | generate [KEY_ID]`.
//
// Tenant API keys are shown once, when issued; only their hash is stored.
// `rotate` re-encrypts stored provider keys under the current master key,
// one transaction per batch, so an interrupted run keeps every committed
// batch and the next run skips rows already under the current key.
#include <ctime>
#include <map>

#include "cli/operator_support.hpp"
#include "security/key_cipher.hpp"
#include "security/key_rotation.hpp"
#include "security/master_keys.hpp"
#include "security/tenant_api_key.hpp"
#include "storage/sql_dialect.hpp"
#include "storage/tenant_ai_config_repository.hpp"
#include "storage/tenant_api_key_repository.hpp"
#include "storage/transaction.hpp"

namespace aihost::cli {
namespace {

constexpr const char* kUsage =
    "aihost keys issue TENANT [--label L] | list TENANT | "
    "revoke TENANT KEY_ID | rotate [--batch N] | generate [KEY_ID]  [--json]";

int issue(const Args& a, OperatorIo& io) {
  expect_positionals(a, 1, kUsage);
  auto ctx = load_context(a, io);
  if (ctx.settings.api_key_pepper.empty())
    throw OperatorError("api_key_pepper_missing",
                        "AI_API_KEY_PEPPER is not set; tenant API keys are "
                        "hashed with it");
  const std::string tenant = a.positional()[0];
  require_tenant(ctx.database(), tenant);
  auto issued =
      security::issue_tenant_key(ctx.settings.api_key_pepper.reveal());
  storage::Connection c = ctx.database().connect();
  int64_t id = storage::TenantApiKeyRepository(c).insert(
      tenant, issued.public_id, issued.hash, a.value("label").value_or(""),
      storage::now_ms());
  if (ctx.json) {
    print_json(io, {{"id", id},
                    {"tenant_id", tenant},
                    {"key", issued.key.reveal()},
                    {"display", issued.display}});
  } else {
    io.out << "issued key " << id << " for tenant " << tenant << "\n"
           << issued.key.reveal() << "\n"
           << "Store it now: it is not shown again.\n";
  }
  return 0;
}

int list(const Args& a, OperatorIo& io) {
  expect_positionals(a, 1, kUsage);
  auto ctx = load_context(a, io);
  const std::string tenant = a.positional()[0];
  require_tenant(ctx.database(), tenant);
  storage::Connection c = ctx.database().connect();
  auto keys = storage::TenantApiKeyRepository(c).list(tenant);
  auto j = nlohmann::json::array();
  for (const auto& k : keys) {
    std::string display = "aih_" + k.key_prefix + "_…";
    j.push_back({{"id", k.id},
                 {"display", display},
                 {"label", k.label},
                 {"created_at_ms", k.created_at_ms},
                 {"revoked", k.revoked_at_ms.has_value()}});
    if (!ctx.json)
      io.out << k.id << "\t" << display << "\t"
             << (k.revoked_at_ms ? "revoked" : "live") << "\t" << k.label
             << "\n";
  }
  if (ctx.json) print_json(io, j);
  return 0;
}

int revoke(const Args& a, OperatorIo& io) {
  expect_positionals(a, 2, kUsage);
  auto ctx = load_context(a, io);
  const std::string tenant = a.positional()[0];
  int64_t key_id = 0;
  try {
    size_t used = 0;
    key_id = std::stoll(a.positional()[1], &used);
    if (used != a.positional()[1].size() || key_id <= 0) throw 0;
  } catch (...) {
    throw UsageError("KEY_ID must be a positive integer");
  }
  storage::Connection c = ctx.database().connect();
  if (!storage::TenantApiKeyRepository(c).revoke(tenant, key_id,
                                                 storage::now_ms()))
    throw OperatorError(
        "key_not_found",
        "tenant '" + tenant + "' has no live key " + std::to_string(key_id));
  if (ctx.json)
    print_json(io, {{"id", key_id}, {"tenant_id", tenant}, {"revoked", true}});
  else
    io.out << "revoked key " << key_id << " of tenant " << tenant << "\n";
  return 0;
}

int rotate(const Args& a, OperatorIo& io) {
  expect_positionals(a, 0, kUsage);
  auto batch = a.integer("batch", 1, 10000).value_or(100);
  auto ctx = load_context(a, io);
  security::KeyCipher cipher(ctx.settings.require_encryption_keys());
  security::RotationReport total;
  size_t changed_meanwhile = 0;
  int64_t after = 0;
  for (;;) {
    storage::Connection c = ctx.database().connect();
    storage::Transaction tx(c);
    storage::TenantAiConfigRepository repo(c);
    auto rows = repo.keys_after(after, static_cast<int>(batch));
    if (rows.empty()) break;
    std::map<std::string, const storage::StoredKey*> by_id;
    std::vector<security::StoredKey> input;
    for (const auto& row : rows) {
      auto id = std::to_string(row.config_id);
      by_id[id] = &row;
      input.push_back({id, row.ciphertext});
    }
    auto report = security::rotate_keys(
        cipher, input, [&](const std::string& id, const std::string& next) {
          const auto* row = by_id.at(id);
          // A key replaced since it was read is newer than this rotation.
          if (!repo.replace_key(row->tenant_id, row->config_id, row->ciphertext,
                                next, storage::now_ms()))
            ++changed_meanwhile;
        });
    tx.commit();
    total.rotated += report.rotated;
    total.already_current += report.already_current;
    for (auto& f : report.failed) total.failed.push_back(std::move(f));
    after = rows.back().config_id;
  }
  total.rotated -= changed_meanwhile;
  auto failed = nlohmann::json::array();
  for (const auto& f : total.failed)
    failed.push_back({{"config_id", f.row_id}, {"code", f.code}});
  if (ctx.json) {
    print_json(io, {{"current_key_id", cipher.ring().current().id},
                    {"rotated", total.rotated},
                    {"already_current", total.already_current},
                    {"changed_meanwhile", changed_meanwhile},
                    {"failed", failed}});
  } else {
    io.out << "rotated " << total.rotated << " key(s) to master key '"
           << cipher.ring().current().id << "', " << total.already_current
           << " already current";
    if (changed_meanwhile)
      io.out << ", " << changed_meanwhile << " changed meanwhile";
    io.out << ", " << total.failed.size() << " failed\n";
    for (const auto& f : total.failed)
      io.out << "  config " << f.row_id << ": " << f.code << "\n";
  }
  if (!total.failed.empty())
    throw OperatorError("rotation_incomplete",
                        std::to_string(total.failed.size()) +
                            " stored key(s) could not be decrypted and were "
                            "left untouched");
  return 0;
}

int generate(const Args& a, OperatorIo& io) {
  if (a.positional().size() > 1)
    throw UsageError(std::string("usage: ") + kUsage);
  std::string id;
  if (a.positional().empty()) {
    char day[16];
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    std::strftime(day, sizeof day, "k%Y%m%d", &tm);
    id = day;
  } else {
    id = a.positional()[0];
  }
  if (!security::valid_key_id(id))
    throw OperatorError("invalid_key_id",
                        "a master key id is 1-32 of [A-Za-z0-9_.-]");
  auto entry = security::generate_master_key_entry(id);
  if (a.has("json"))
    print_json(io, {{"id", id}, {"entry", entry}});
  else
    io.out << entry << "\n";
  return 0;
}

}  // namespace

int run_keys(const OperatorArgs& args, OperatorIo& io) {
  return guarded_command("keys", args, io, [&] {
    if (args.empty() || args[0].rfind("--", 0) == 0)
      throw UsageError(std::string("usage: ") + kUsage);
    const std::string sub = args[0];
    if (sub == "issue")
      return issue(parse_args(args, 1, {{"label", true}}), io);
    if (sub == "list") return list(parse_args(args, 1, {}), io);
    if (sub == "revoke") return revoke(parse_args(args, 1, {}), io);
    if (sub == "rotate")
      return rotate(parse_args(args, 1, {{"batch", true}}), io);
    if (sub == "generate") return generate(parse_args(args, 1, {}), io);
    throw UsageError("unknown sub-command '" + sub + "'; usage: " + kUsage);
  });
}

}  // namespace aihost::cli
