// The aihost command line: one function per sub-command.
#pragma once

namespace aihost::cli {

int run(int argc, char** argv);

}  // namespace aihost::cli
