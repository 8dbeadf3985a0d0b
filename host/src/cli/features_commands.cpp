// `aihost features set TENANT [--transcription on|off] [--pii on|off]
//  [--summary ..] [--sentiment ..] [--coaching ..] [--pii-entities A,B]
//  [--pii-threshold X] [--max-audio-seconds N] [--max-concurrent-jobs N]
//  [--monthly-budget-usd X|none] | show TENANT`.
//
// `set` changes only the flags given; the rest keep their stored (or
// default) values.
#include <cmath>
#include <sstream>

#include "cli/operator_support.hpp"
#include "governance/feature_rules.hpp"
#include "governance/usd_text.hpp"
#include "storage/sql_dialect.hpp"
#include "storage/tenant_feature_repository.hpp"

namespace aihost::cli {
namespace {

constexpr const char* kUsage =
    "aihost features set TENANT [--transcription on|off] [--pii on|off] "
    "[--summary on|off] [--sentiment on|off] [--coaching on|off] "
    "[--pii-entities A,B] [--pii-threshold 0..1] [--max-audio-seconds N] "
    "[--max-concurrent-jobs N] [--monthly-budget-usd X|none] | show TENANT "
    " [--json]";

bool on_off(const std::string& flag, const std::string& v) {
  if (v == "on" || v == "true" || v == "yes" || v == "1") return true;
  if (v == "off" || v == "false" || v == "no" || v == "0") return false;
  throw UsageError("--" + flag + " takes on or off, not '" + v + "'");
}

int64_t parse_usd_micros(const std::string& text) {
  auto micros = governance::parse_usd_micros(text);
  if (!micros)
    throw UsageError(
        "--monthly-budget-usd takes dollars like 250 or 12.50 "
        "(at most six decimals), or none");
  return *micros;
}

void print_features(OperatorIo& io, const nlohmann::json& j) {
  for (const auto& [k, v] : j.items())
    io.out << k << "\t" << (v.is_string() ? v.get<std::string>() : v.dump())
           << "\n";
}

storage::TenantFeatures current(storage::Connection& c,
                                const std::string& tenant, bool* stored) {
  auto found = storage::TenantFeatureRepository(c).find(tenant);
  *stored = found.has_value();
  if (found) return *found;
  storage::TenantFeatures f;
  f.tenant_id = tenant;
  return f;
}

int set(const OperatorArgs& args, OperatorIo& io) {
  std::vector<FlagSpec> flags = {{"pii-entities", true},
                                 {"pii-threshold", true},
                                 {"max-audio-seconds", true},
                                 {"max-concurrent-jobs", true},
                                 {"monthly-budget-usd", true}};
  for (const char* t : governance::kFeatureToggles) flags.push_back({t, true});
  Args a = parse_args(args, 1, flags);
  expect_positionals(a, 1, kUsage);
  const std::string tenant = a.positional()[0];
  auto ctx = load_context(a, io);
  require_tenant(ctx.database(), tenant);
  storage::Connection c = ctx.database().connect();
  bool stored = false;
  auto f = current(c, tenant, &stored);
  for (const char* t : governance::kFeatureToggles)
    if (auto v = a.value(t)) *governance::feature_toggle(f, t) = on_off(t, *v);
  if (auto v = a.value("pii-entities")) {
    f.pii_entity_types.clear();
    std::stringstream s(*v);
    for (std::string item; std::getline(s, item, ',');) {
      if (!governance::valid_pii_entity(item))
        throw UsageError(
            "--pii-entities takes upper-case names like "
            "PERSON,EMAIL_ADDRESS, not '" +
            item + "'");
      f.pii_entity_types.push_back(item);
    }
  }
  if (auto v = a.value("pii-threshold")) {
    char* end = nullptr;
    double x = std::strtod(v->c_str(), &end);
    if (v->empty() || *end || !std::isfinite(x) || x < 0 || x > 1)
      throw UsageError("--pii-threshold takes a number from 0 to 1");
    f.pii_confidence_threshold = x;
  }
  if (auto v =
          a.integer("max-audio-seconds", 1, governance::kMaxAudioSecondsLimit))
    f.max_audio_duration_seconds = static_cast<int>(*v);
  if (auto v = a.integer("max-concurrent-jobs", 1,
                         governance::kMaxConcurrentJobsLimit))
    f.max_concurrent_jobs = static_cast<int>(*v);
  if (auto v = a.value("monthly-budget-usd"))
    f.monthly_budget_micros =
        *v == "none" ? std::nullopt : std::optional(parse_usd_micros(*v));
  storage::TenantFeatureRepository(c).upsert(f, storage::now_ms());
  auto j = governance::features_json(f, true);
  if (ctx.json)
    print_json(io, j);
  else
    print_features(io, j);
  return 0;
}

int show(const OperatorArgs& args, OperatorIo& io) {
  Args a = parse_args(args, 1, {});
  expect_positionals(a, 1, kUsage);
  const std::string tenant = a.positional()[0];
  auto ctx = load_context(a, io);
  require_tenant(ctx.database(), tenant);
  storage::Connection c = ctx.database().connect();
  bool stored = false;
  auto features = current(c, tenant, &stored);
  auto j = governance::features_json(features, stored);
  if (ctx.json)
    print_json(io, j);
  else
    print_features(io, j);
  return 0;
}

}  // namespace

int run_features(const OperatorArgs& args, OperatorIo& io) {
  return guarded_command("features", args, io, [&] {
    if (args.empty() || args[0].rfind("--", 0) == 0)
      throw UsageError(std::string("usage: ") + kUsage);
    if (args[0] == "set") return set(args, io);
    if (args[0] == "show") return show(args, io);
    throw UsageError("unknown sub-command '" + args[0] + "'; usage: " + kUsage);
  });
}

}  // namespace aihost::cli
