// `aihost usage TENANT [--month YYYY-MM]`: the month's spend (UTC, current
// month by default) by provider, model and operation, with failed and
// unpriced calls counted apart so an unpriced call is never read as free.
#include <iomanip>
#include <sstream>

#include "cli/operator_support.hpp"
#include "governance/billing_period.hpp"
#include "storage/sql_dialect.hpp"
#include "storage/usage_log_repository.hpp"

namespace aihost::cli {
namespace {

constexpr const char* kUsage = "aihost usage TENANT [--month YYYY-MM] [--json]";

bool valid_month(const std::string& m) {
  if (m.size() != 7 || m[4] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6})
    if (m[i] < '0' || m[i] > '9') return false;
  int month = std::stoi(m.substr(5));
  return month >= 1 && month <= 12 && m.substr(0, 4) >= "1970";
}

std::string money(double usd) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(6) << usd;
  return s.str();
}

}  // namespace

int run_usage(const OperatorArgs& args, OperatorIo& io) {
  return guarded_command("usage", args, io, [&] {
    Args a = parse_args(args, 0, {{"month", true}});
    expect_positionals(a, 1, kUsage);
    const std::string tenant = a.positional()[0];
    std::string month =
        a.value("month").value_or(governance::period_of(storage::now_ms()));
    if (!valid_month(month))
      throw UsageError("--month takes YYYY-MM, not '" + month + "'");
    auto ctx = load_context(a, io);
    require_tenant(ctx.database(), tenant);
    auto bounds = governance::bounds_of(month);
    storage::Connection c = ctx.database().connect();
    auto rows = storage::UsageLogRepository(c).summarize(tenant, bounds.from_ms,
                                                         bounds.to_ms);
    double total = 0;
    int64_t calls = 0, failed = 0, unpriced = 0;
    auto j = nlohmann::json::array();
    for (const auto& r : rows) {
      total += r.cost_usd;
      calls += r.calls;
      failed += r.failed_calls;
      unpriced += r.unpriced_calls;
      j.push_back({{"provider", r.provider},
                   {"model", r.model},
                   {"operation", r.operation},
                   {"calls", r.calls},
                   {"failed_calls", r.failed_calls},
                   {"unpriced_calls", r.unpriced_calls},
                   {"cost_usd", money(r.cost_usd)}});
    }
    if (ctx.json) {
      print_json(io, {{"tenant_id", tenant},
                      {"month", month},
                      {"rows", j},
                      {"total",
                       {{"calls", calls},
                        {"failed_calls", failed},
                        {"unpriced_calls", unpriced},
                        {"cost_usd", money(total)}}}});
      return 0;
    }
    io.out << "usage of tenant " << tenant << " in " << month << " (UTC)\n";
    io.out << "provider\tmodel\toperation\tcalls\tfailed\tunpriced\tcost_usd\n";
    for (const auto& r : rows)
      io.out << r.provider << "\t" << r.model << "\t" << r.operation << "\t"
             << r.calls << "\t" << r.failed_calls << "\t" << r.unpriced_calls
             << "\t" << money(r.cost_usd) << "\n";
    io.out << "total\t\t\t" << calls << "\t" << failed << "\t" << unpriced
           << "\t" << money(total) << "\n";
    if (unpriced > 0)
      io.out << "note: " << unpriced
             << " call(s) had no price and are not in the total\n";
    return 0;
  });
}

}  // namespace aihost::cli
