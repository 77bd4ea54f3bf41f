// kfpc: argv, files, exit codes. All logic lives in the core (core/api.h).
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return kfpc::run(args, std::cout, std::cerr);
}
