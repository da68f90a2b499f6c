// ingenuity-sim: the command-line program.
#include <iostream>
#include <string>
#include <vector>

#include "ui/cli.h"

int main(int argc, char** argv) {
  return ingenuity::ui::RunCli(std::vector<std::string>(argv + 1, argv + argc), std::cout,
                               std::cerr);
}
