// aihost plugins check: what the registry would give a server, without
// starting one.
#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "plugins/registry.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>

namespace aihost::cli {
namespace {

constexpr const char* kHelp =
    "usage: aihost plugins check [--registry FILE] [--json]\n"
    "\n"
    "Validates the plugin registry, loads every enabled plugin and prints\n"
    "each plugin's id, status, ABI, version, capabilities and, for a refused\n"
    "plugin, why (file, plugin id, field and reason).\n"
    "\n"
    "  --registry FILE  the registry (default: $AI_REGISTRY or\n"
    "                   config/providers.yaml)\n"
    "  --json           print JSON instead of a table\n"
    "\n"
    "exit status: 0 when every enabled plugin loaded, 3 when the registry is\n"
    "malformed or an enabled plugin was refused, 2 on a usage error.\n";

std::string cell(const nlohmann::json& v) {
  if (v.is_null()) return "-";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array()) {
    std::string out;
    for (const auto& item : v) out += (out.empty() ? "" : ", ") + cell(item);
    return out.empty() ? "-" : out;
  }
  return v.dump();
}

void print_table(const plugins::Registry& registry) {
  const auto plugins = registry.describe();
  const char* columns[] = {"id", "status", "abi", "version", "capabilities"};
  size_t width[5] = {2, 6, 3, 7, 12};
  for (const auto& p : plugins)
    for (int c = 0; c < 5; ++c)
      width[c] = std::max(width[c], cell(p[columns[c]]).size());
  auto row = [&](const std::string cells[5]) {
    std::string line;
    for (int c = 0; c < 5; ++c) {
      line += cells[c];
      if (c < 4) line += std::string(width[c] - cells[c].size() + 2, ' ');
    }
    std::cout << line << "\n";
  };
  std::cout << "registry: " << registry.file().string() << "\n";
  const std::string header[5] = {"ID", "STATUS", "ABI", "VERSION",
                                 "CAPABILITIES"};
  row(header);
  size_t loaded = 0, refused = 0, disabled = 0;
  for (const auto& p : plugins) {
    std::string cells[5];
    for (int c = 0; c < 5; ++c) cells[c] = cell(p[columns[c]]);
    row(cells);
    const std::string status = p["status"];
    loaded += status == "loaded";
    disabled += status == "disabled";
    if (status == "refused") {
      ++refused;
      std::cout << "  refused: " << p["reason"].get<std::string>() << "\n";
    }
  }
  std::cout << plugins.size() << " plugin(s): " << loaded << " loaded, "
            << refused << " refused, " << disabled << " disabled\n";
}

int check(const Args& args) {
  const std::string file = args.value("registry").value_or(default_registry());
  const bool as_json = args.has("json");
  std::shared_ptr<const plugins::Registry> registry;
  try {
    registry = plugins::Registry::load(file);
  } catch (const std::exception& e) {
    if (as_json) {
      nlohmann::json out = {
          {"registry", file},
          {"ok", false},
          {"error", {{"code", "registry_invalid"}, {"message", e.what()}}}};
      std::cout << out.dump(2) << std::endl;
    } else {
      std::cerr << "aihost: registry refused: " << e.what() << std::endl;
    }
    return kExitRegistry;
  }
  const bool ok = registry->enabled_refused() == 0;
  if (as_json) {
    nlohmann::json out = {{"registry", registry->file().string()},
                          {"ok", ok},
                          {"plugins", registry->describe()}};
    std::cout << out.dump(2) << std::endl;
  } else {
    print_table(*registry);
    std::cout.flush();
  }
  return ok ? kExitOk : kExitRegistry;
}

}  // namespace

int plugins_command(int argc, char** argv) {
  try {
    Args args(argc, argv, 2,
              {{"registry", true}, {"json", false}, {"help", false}});
    if (args.has("help")) {
      std::fputs(kHelp, stdout);
      return kExitOk;
    }
    if (args.positional().size() != 1 || args.positional()[0] != "check")
      throw UsageError(args.positional().empty()
                           ? "missing sub-command (check)"
                           : "unknown sub-command '" + args.positional()[0] +
                                 "'");
    return check(args);
  } catch (const UsageError& e) {
    std::fprintf(stderr, "aihost plugins: %s\n\n%s", e.what(), kHelp);
    return kExitUsage;
  }
}

}  // namespace aihost::cli
