// Typed reading of YAML configuration with one clear message for bad input: the file, the
// line, the key and what was expected. Every key a reader does not ask for is reported as
// unknown when Finish() is called.
#pragma once

#include <yaml-cpp/yaml.h>

#include <Eigen/Core>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace ingenuity::sim {

/// Bad configuration input; what() is the complete message, "file:line:column: key: problem".
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Loads a YAML file, turning a missing file or a syntax error into a ConfigError.
YAML::Node LoadYamlFile(const std::string& path);

/// Reads one YAML mapping. Keys are addressed by their dotted path in messages.
class MapReader {
 public:
  /// Throws ConfigError if node is not a mapping.
  MapReader(const YAML::Node& node, std::string file, std::string prefix);

  bool Has(const std::string& key) const;
  /// A number within [lo, hi]; required.
  double Number(const std::string& key, double lo, double hi);
  /// A number within [lo, hi], or fallback when absent.
  double NumberOr(const std::string& key, double fallback, double lo, double hi);
  int Integer(const std::string& key, int lo, int hi);
  int IntegerOr(const std::string& key, int fallback, int lo, int hi);
  std::string String(const std::string& key);
  /// Exactly `count` numbers, each within [lo, hi].
  std::vector<double> Numbers(const std::string& key, size_t count, double lo, double hi);
  /// Three numbers, each within [lo, hi].
  Eigen::Vector3d Vector3(const std::string& key, double lo, double hi);
  /// A list of lists of exactly `width` numbers, each within [lo, hi].
  std::vector<std::vector<double>> Rows(const std::string& key, size_t width, double lo, double hi,
                                        size_t min_rows);
  /// A sub-mapping.
  MapReader Map(const std::string& key);
  /// A list of mappings.
  std::vector<MapReader> MapList(const std::string& key);
  /// The raw node (marked as used).
  YAML::Node Node(const std::string& key);
  /// Throws on the first key that was never read.
  void Finish() const;

  /// Throws a ConfigError about key (at its line if present, else at this map's line).
  [[noreturn]] void Fail(const std::string& key, const std::string& problem) const;
  const std::string& file() const { return file_; }
  /// The mapping itself (for readers that must look at its keys).
  const YAML::Node& node() const { return node_; }

 private:
  std::string Path(const std::string& key) const;
  YAML::Node Required(const std::string& key);
  double ToNumber(const YAML::Node& n, const std::string& key, double lo, double hi) const;

  YAML::Node node_;
  std::string file_;
  std::string prefix_;
  std::set<std::string> used_;
};

/// "file:line:column: " for a node (1-based), or "file: " if the node has no position.
std::string Where(const std::string& file, const YAML::Node& node);

/// A number as a message shows it: up to 10 significant digits, no trailing zeros ("12",
/// "0.0165", "2147483647").
std::string FormatNumber(double v);

}  // namespace ingenuity::sim
