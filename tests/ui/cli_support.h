// Runs the command line in-process for the CLI tests: exit code and both streams.
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "ui/cli.h"

namespace ingenuity::testing {

struct CliResult {
  int code;
  std::string out, err;
};

inline CliResult Invoke(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  const int code = ui::RunCli(args, out, err);
  return {code, out.str(), err.str()};
}

}  // namespace ingenuity::testing
