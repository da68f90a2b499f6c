// Splitting one line of a comma-separated table (double quotes protect separators).
#pragma once

#include <string>
#include <vector>

namespace ingenuity::terrain {

/// Fields of one CSV line; quotes are removed, a trailing carriage return dropped.
std::vector<std::string> SplitCsvLine(const std::string& line, char separator = ',');

}  // namespace ingenuity::terrain
