// `aihost tenants create NAME [--slug S] | list [--all] | deactivate ID`.
#include "cli/operator_support.hpp"
#include "storage/sql_dialect.hpp"
#include "storage/tenant_id.hpp"
#include "storage/tenant_repository.hpp"

namespace aihost::cli {
namespace {

constexpr const char* kUsage =
    "aihost tenants create NAME [--slug SLUG] | list [--all] | "
    "deactivate ID | activate ID  [--json]";

nlohmann::json tenant_json(const storage::Tenant& t) {
  return {{"id", t.id},
          {"name", t.name},
          {"active", t.active},
          {"created_at_ms", t.created_at_ms}};
}

}  // namespace

int run_tenants(const OperatorArgs& args, OperatorIo& io) {
  return guarded_command("tenants", args, io, [&] {
    if (args.empty() || args[0].rfind("--", 0) == 0)
      throw UsageError(std::string("usage: ") + kUsage);
    const std::string sub = args[0];
    Args a = parse_args(args, 1, {{"slug", true}, {"all", false}});
    if (sub == "create") {
      expect_positionals(a, 1, kUsage);
      const std::string name = a.positional()[0];
      if (name.empty() || name.size() > storage::kMaxTenantNameLength)
        throw OperatorError("usage",
                            "the tenant name must be 1-200 characters");
      std::string id =
          a.value("slug").value_or(storage::tenant_id_from_name(name));
      if (!storage::valid_tenant_id(id))
        throw OperatorError("invalid_slug",
                            "tenant id '" + id +
                                "' must be 1-64 of [a-z0-9_-], starting with "
                                "a letter or digit (use --slug)");
      auto ctx = load_context(a, io);
      storage::Connection c = ctx.database().connect();
      storage::TenantRepository repo(c);
      if (repo.find(id))
        throw OperatorError("tenant_exists",
                            "tenant '" + id + "' already exists");
      repo.create(id, name, storage::now_ms());
      if (ctx.json)
        print_json(io, tenant_json(*repo.find(id)));
      else
        io.out << "created tenant " << id << " (" << name << ")\n";
      return 0;
    }
    if (sub == "list") {
      expect_positionals(a, 0, kUsage);
      auto ctx = load_context(a, io);
      storage::Connection c = ctx.database().connect();
      auto tenants = storage::TenantRepository(c).list(a.has("all"));
      if (ctx.json) {
        auto j = nlohmann::json::array();
        for (const auto& t : tenants) j.push_back(tenant_json(t));
        print_json(io, j);
      } else {
        for (const auto& t : tenants)
          io.out << t.id << "\t" << (t.active ? "active" : "inactive") << "\t"
                 << t.name << "\n";
      }
      return 0;
    }
    if (sub == "deactivate" || sub == "activate") {
      expect_positionals(a, 1, kUsage);
      auto ctx = load_context(a, io);
      const std::string id = a.positional()[0];
      storage::Connection c = ctx.database().connect();
      if (!storage::TenantRepository(c).set_active(id, sub == "activate",
                                                   storage::now_ms()))
        throw OperatorError("tenant_not_found",
                            "tenant '" + id + "' does not exist");
      if (ctx.json)
        print_json(io, {{"id", id}, {"active", sub == "activate"}});
      else
        io.out << sub << "d tenant " << id << "\n";
      return 0;
    }
    throw UsageError("unknown sub-command '" + sub + "'; usage: " + kUsage);
  });
}

}  // namespace aihost::cli
