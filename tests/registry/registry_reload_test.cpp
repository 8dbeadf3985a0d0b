// Reloads: a broken registry never replaces a working snapshot, and a
// changed library file really loads its new code beside the old.
#include "plugins/provider_instance.hpp"
#include "plugins/registry_holder.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace aihost;
using aihost::testing::built_plugin;
using aihost::testing::TempDir;
using plugins::PluginStatus;

namespace {

const char* kRegistry =
    "version: 1\n"
    "plugins:\n"
    "  - id: variant\n"
    "    library: deployed.so\n"
    "    abi: \"1.0\"\n"
    "    capabilities: [llm.chat]\n"
    "    config: {label: deployed}\n";

nlohmann::json run(const plugins::PluginEntry& entry) {
  plugins::ProviderInstance instance(
      entry.library, entry.instance_config("llm.chat"), entry.egress);
  plugins::Invocation call;
  call.operation = "llm.chat";
  auto out = instance.invoke(call);
  REQUIRE(out.ok());
  return out.result;
}

}  // namespace

TEST_CASE("a broken registry on reload keeps the snapshot in use",
          "[registry][reload]") {
  TempDir dir;
  dir.install(built_plugin("test-reg-good.so"), "deployed.so");
  auto file = dir.write("providers.yaml", kRegistry);
  plugins::RegistryHolder holder(file);
  CHECK_FALSE(holder.current());

  auto first = holder.reload();
  REQUIRE(first.ok);
  auto snapshot = holder.current();
  REQUIRE(snapshot);
  CHECK(snapshot == first.registry);

  dir.write("providers.yaml", "version: 1\nplugins:\n  - id: [unclosed\n");
  auto broken = holder.reload();
  CHECK_FALSE(broken.ok);
  CHECK_THAT(broken.error, Catch::Contains(file.string() + ":") &&
                               Catch::Contains("malformed YAML"));
  CHECK(holder.current() == snapshot);
  CHECK(broken.registry == snapshot);
  CHECK(holder.last_error() == broken.error);
  CHECK(run(*holder.current()->find("variant"))["label"] == "deployed");

  dir.write("providers.yaml", kRegistry);
  auto fixed = holder.reload();
  REQUIRE(fixed.ok);
  CHECK(holder.current() != snapshot);
  CHECK(holder.last_error().empty());
  // Same file content: the library already mapped is reused, init ran once.
  CHECK(holder.current()->find("variant")->library ==
        snapshot->find("variant")->library);
  CHECK(run(*holder.current()->find("variant"))["inits"] == 1);
}

TEST_CASE(
    "a reload after the library changed loads the new code alongside the old",
    "[registry][reload]") {
  TempDir dir;
  auto deployed = dir.install(built_plugin("test-reg-good.so"), "deployed.so");
  auto file = dir.write("providers.yaml", kRegistry);
  plugins::RegistryHolder holder(file);
  REQUIRE(holder.reload().ok);
  auto old_snapshot = holder.current();
  const auto& old_entry = *old_snapshot->find("variant");
  REQUIRE(old_entry.status == PluginStatus::loaded);
  CHECK(old_entry.library->version() == "1.0.0");
  plugins::ProviderInstance old_instance(old_entry.library,
                                         old_entry.instance_config("llm.chat"),
                                         old_entry.egress);

  dir.install(built_plugin("test-reg-good-v2.so"), "deployed.so");
  REQUIRE(holder.reload().ok);
  const auto& new_entry = *holder.current()->find("variant");
  INFO(new_entry.refusal(file));
  REQUIRE(new_entry.status == PluginStatus::loaded);
  CHECK(new_entry.library->version() == "2.0.0");
  CHECK(new_entry.library->path() == deployed);
  CHECK(new_entry.library->mapped_path() !=
        deployed);  // the content-addressed copy
  CHECK(new_entry.library->sha256() != old_entry.library->sha256());

  // The new code runs, and so does the old for whoever still holds it.
  auto fresh = run(new_entry);
  CHECK(fresh["version"] == "2.0.0");
  CHECK(fresh["inits"] == 1);
  plugins::Invocation call;
  call.operation = "llm.chat";
  auto old_out = old_instance.invoke(call);
  REQUIRE(old_out.ok());
  CHECK(old_out.result["version"] == "1.0.0");
}
