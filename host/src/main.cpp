// aihost: the command line entry. Everything lives in the layers.
#include "cli/cli.hpp"

int main(int argc, char** argv) { return aihost::cli::run(argc, argv); }
