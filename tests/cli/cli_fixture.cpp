#include "cli_fixture.hpp"

namespace aihost::testing {

std::string echo_entry(const std::string& extra) {
  return "  - id: c-echo\n"
         "    library: ${AIHOST_PLUGIN_DIR}/test-c-echo.so\n"
         "    abi: \"1.0\"\n"
         "    capabilities: [llm.chat]\n" +
         extra;
}

std::string variant_entry(const std::string& extra) {
  return "  - id: variant\n"
         "    library: ${AIHOST_PLUGIN_DIR}/test-reg-good.so\n"
         "    abi: \"1.0\"\n"
         "    capabilities: [llm.chat]\n" +
         extra;
}

std::filesystem::path write_registry(const TempDir& dir,
                                     const std::string& entries) {
  return dir.write("providers.yaml", "version: 1\nplugins:\n" + entries);
}

}  // namespace aihost::testing
