// `aihost config set TENANT CAPABILITY PROVIDER [--model M] [--config JSON]
//  [--api-key-file FILE | --api-key-stdin] | list TENANT`.
//
// A provider key is read from a file or stdin, never from the command line
// (where it would land in shell history and the process table), stored
// encrypted, and only ever shown masked.
#include <fstream>
#include <sstream>

#include "cli/operator_support.hpp"
#include "routing/capability.hpp"
#include "security/key_cipher.hpp"
#include "security/key_mask.hpp"
#include "security/security_error.hpp"
#include "security/stored_key_display.hpp"
#include "storage/sql_dialect.hpp"
#include "storage/tenant_ai_config_repository.hpp"
#include "storage/transaction.hpp"

namespace aihost::cli {
namespace {

constexpr const char* kUsage =
    "aihost config set TENANT CAPABILITY PROVIDER [--model M] "
    "[--config JSON] [--api-key-file FILE | --api-key-stdin] | "
    "list TENANT  [--json]";

// The key is the first line; surrounding whitespace (a trailing newline
// from `echo` or an editor) is not part of it.
security::Secret first_line(std::istream& in) {
  std::string line;
  std::getline(in, line);
  security::Secret secret(line);
  security::wipe(line);
  const std::string& s = secret.reveal();
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return security::Secret();
  size_t e = s.find_last_not_of(" \t\r\n");
  return security::Secret(s.substr(b, e - b + 1));
}

std::optional<security::Secret> read_key(const Args& a, OperatorIo& io) {
  if (a.has("api-key-file") && a.has("api-key-stdin"))
    throw UsageError("give either --api-key-file or --api-key-stdin");
  security::Secret key;
  if (auto file = a.value("api-key-file")) {
    std::ifstream in(*file, std::ios::binary);
    if (!in)
      throw OperatorError("api_key_unreadable",
                          "cannot read the key file '" + *file + "'");
    key = first_line(in);
  } else if (a.has("api-key-stdin")) {
    key = first_line(io.in);
  } else {
    return std::nullopt;
  }
  if (key.empty())
    throw OperatorError("api_key_empty", "the provider key read is empty");
  return key;
}

void refuse_key_in_argv(const OperatorArgs& args) {
  for (const auto& arg : args)
    if (arg == "--api-key" || arg.rfind("--api-key=", 0) == 0 ||
        arg == "--key" || arg.rfind("--key=", 0) == 0)
      throw OperatorError("usage",
                          "provider keys are never accepted on the command "
                          "line; use --api-key-file FILE or --api-key-stdin");
}

int set(const OperatorArgs& args, OperatorIo& io) {
  refuse_key_in_argv(args);
  Args a = parse_args(args, 1,
                      {{"model", true},
                       {"config", true},
                       {"api-key-file", true},
                       {"api-key-stdin", false}});
  expect_positionals(a, 3, kUsage);
  const auto& pos = a.positional();
  const std::string tenant = pos[0], provider = pos[2];
  auto capability = routing::normalise_capability(pos[1]);
  if (!capability)
    throw OperatorError("unknown_capability",
                        "unknown capability '" + pos[1] +
                            "' (llm.chat, audio.transcribe, pii.redact)");
  auto info = *routing::find_capability(*capability);
  auto config = nlohmann::json::object();
  if (auto text = a.value("config")) {
    try {
      config = nlohmann::json::parse(*text);
    } catch (const nlohmann::json::exception&) {
      throw OperatorError("invalid_config", "--config is not valid JSON");
    }
    if (!config.is_object())
      throw OperatorError("invalid_config", "--config must be a JSON object");
    // Keys travel per call, never in instance configuration.
    for (const auto& [k, v] : config.items())
      if (security::names_secret(k))
        throw OperatorError("invalid_config",
                            "--config must not carry secrets ('" + k +
                                "'); use --api-key-file or --api-key-stdin");
  }
  auto key = read_key(a, io);
  auto ctx = load_context(a, io);
  std::optional<std::string> ciphertext;
  if (key)
    ciphertext = security::KeyCipher(ctx.settings.require_encryption_keys())
                     .encrypt(key->reveal());
  require_tenant(ctx.database(), tenant);

  storage::TenantAiConfig row;
  row.tenant_id = tenant;
  row.provider_type = std::string(info.provider_type);
  row.provider_name = provider;
  row.model = a.value("model").value_or("");
  row.api_key_ciphertext = ciphertext;
  row.config_json = config.dump();
  storage::Connection c = ctx.database().connect();
  storage::Transaction tx(c);
  int64_t id = storage::TenantAiConfigRepository(c).replace_active(
      row, storage::now_ms());
  tx.commit();
  std::string shown = key ? security::mask_key(key->reveal()) : "";
  if (ctx.json) {
    print_json(io, {{"id", id},
                    {"tenant_id", tenant},
                    {"capability", *capability},
                    {"provider", provider},
                    {"model", row.model},
                    {"api_key", shown},
                    {"config", config}});
  } else {
    io.out << "tenant " << tenant << " now uses " << provider << " for "
           << *capability;
    if (!row.model.empty()) io.out << " (model " << row.model << ")";
    if (key) io.out << " with key " << shown;
    io.out << " [config " << id << "]\n";
  }
  return 0;
}

int list(const OperatorArgs& args, OperatorIo& io) {
  Args a = parse_args(args, 1, {{"all", false}});
  expect_positionals(a, 1, kUsage);
  auto ctx = load_context(a, io);
  const std::string tenant = a.positional()[0];
  require_tenant(ctx.database(), tenant);
  std::optional<security::KeyCipher> cipher;
  if (ctx.settings.encryption_keys)
    cipher.emplace(*ctx.settings.encryption_keys);
  storage::Connection c = ctx.database().connect();
  auto rows = storage::TenantAiConfigRepository(c).list(tenant);
  auto j = nlohmann::json::array();
  for (const auto& r : rows) {
    if (!r.active && !a.has("all")) continue;
    auto capability = routing::normalise_capability(r.provider_type)
                          .value_or(r.provider_type);
    std::string key = security::stored_key_display(cipher ? &*cipher : nullptr,
                                                   r.api_key_ciphertext);
    j.push_back(
        {{"id", r.id},
         {"capability", capability},
         {"provider", r.provider_name},
         {"model", r.model},
         {"api_key", key},
         {"config", nlohmann::json::parse(r.config_json, nullptr, false)},
         {"active", r.active}});
    if (!ctx.json)
      io.out << r.id << "\t" << capability << "\t" << r.provider_name << "\t"
             << (r.model.empty() ? "-" : r.model) << "\t"
             << (key.empty() ? "-" : key) << "\t" << r.config_json
             << (r.active ? "" : "\tinactive") << "\n";
  }
  if (ctx.json) print_json(io, j);
  return 0;
}

}  // namespace

int run_config(const OperatorArgs& args, OperatorIo& io) {
  return guarded_command("config", args, io, [&] {
    if (args.empty() || args[0].rfind("--", 0) == 0)
      throw UsageError(std::string("usage: ") + kUsage);
    if (args[0] == "set") return set(args, io);
    if (args[0] == "list") return list(args, io);
    throw UsageError("unknown sub-command '" + args[0] + "'; usage: " + kUsage);
  });
}

}  // namespace aihost::cli
