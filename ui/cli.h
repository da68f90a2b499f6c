// The ingenuity-sim command line: parses arguments, runs the command, prints the result.
// Kept apart from main() so tests can run it with their own streams.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace ingenuity::ui {

/// Runs `ingenuity-sim <args>`; returns the process exit code (0 success, 1 the command
/// could not be done, 2 bad arguments or input files).
int RunCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace ingenuity::ui
