#include "terrain/csv.h"

namespace ingenuity::terrain {

std::vector<std::string> SplitCsvLine(const std::string& line, char separator) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (char c : line) {
    if (c == '"') {
      quoted = !quoted;
    } else if (c == separator && !quoted) {
      out.emplace_back();
    } else if (c != '\r') {
      out.back() += c;
    }
  }
  return out;
}

}  // namespace ingenuity::terrain
