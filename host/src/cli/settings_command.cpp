// `aihost settings`: the effective settings, secrets redacted.
#include "cli/operator_support.hpp"

namespace aihost::cli {

int run_settings(const OperatorArgs& args, OperatorIo& io) {
  return guarded_command("settings", args, io, [&] {
    Args a = parse_args(args, 0, {});
    expect_positionals(a, 0, "aihost settings [--json] [--env-file FILE]");
    auto ctx = load_context(a, io);
    auto dump = ctx.settings.redacted_dump();
    if (ctx.json) {
      auto j = nlohmann::json::object();
      for (const auto& [name, value] : dump) j[name] = value;
      print_json(io, j);
    } else {
      for (const auto& [name, value] : dump)
        io.out << name << "=" << value << "\n";
    }
    return 0;
  });
}

}  // namespace aihost::cli
