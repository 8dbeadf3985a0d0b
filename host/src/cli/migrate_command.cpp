// `aihost migrate`: applies the schema migrations that are missing.
#include "cli/operator_support.hpp"
#include "storage/migrations.hpp"

namespace aihost::cli {

int run_migrate(const OperatorArgs& args, OperatorIo& io) {
  return guarded_command("migrate", args, io, [&] {
    Args a = parse_args(args, 0, {});
    expect_positionals(a, 0, "aihost migrate [--json]");
    auto ctx = load_context(a, io);
    auto applied = storage::migrate(ctx.database());
    auto all = storage::applied_migrations(ctx.database());
    int version = all.empty() ? 0 : all.back().version;
    if (ctx.json) {
      print_json(io, {{"database", ctx.database().redacted_url()},
                      {"applied", applied},
                      {"schema_version", version}});
    } else if (applied.empty()) {
      io.out << "schema is current at version " << version << "\n";
    } else {
      for (int v : applied) io.out << "applied migration " << v << "\n";
      io.out << "schema is at version " << version << "\n";
    }
    return 0;
  });
}

}  // namespace aihost::cli
