#include "cli/cli.hpp"

#include <cstdio>
#include <string_view>

namespace aihost::cli {

int run(int argc, char** argv) {
  if (argc < 2 || std::string_view(argv[1]) == "--help") {
    std::fprintf(stderr, "usage: aihost <command> [options]\n");
    return argc < 2 ? 2 : 0;
  }
  std::fprintf(stderr, "aihost: unknown command '%s'\n", argv[1]);
  return 2;
}

}  // namespace aihost::cli
