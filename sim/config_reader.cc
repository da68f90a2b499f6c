#include "sim/config_reader.h"

#include <cmath>
#include <filesystem>
#include <iomanip>
#include <sstream>
#include <utility>

namespace ingenuity::sim {
std::string FormatNumber(double v) {
  std::ostringstream s;
  s << std::setprecision(10) << v;
  return s.str();
}

std::string Where(const std::string& file, const YAML::Node& node) {
  if (node.IsDefined() && node.Mark().line >= 0) {
    return file + ":" + std::to_string(node.Mark().line + 1) + ":" +
           std::to_string(node.Mark().column + 1) + ": ";
  }
  return file + ": ";
}

YAML::Node LoadYamlFile(const std::string& path) {
  if (!std::filesystem::is_regular_file(path)) {
    throw ConfigError(path + (std::filesystem::is_directory(path) ? ": a directory, expected a file"
                                                                  : ": file not found"));
  }
  try {
    return YAML::LoadFile(path);
  } catch (const YAML::ParserException& e) {
    throw ConfigError(path + ":" + std::to_string(e.mark.line + 1) + ":" +
                      std::to_string(e.mark.column + 1) + ": malformed YAML: " + e.msg);
  } catch (const YAML::Exception& e) {
    throw ConfigError(path + ": cannot read: " + e.msg);
  }
}

MapReader::MapReader(const YAML::Node& node, std::string file, std::string prefix)
    : node_(node), file_(std::move(file)), prefix_(std::move(prefix)) {
  if (!node_.IsMap()) {
    throw ConfigError(Where(file_, node_) + (prefix_.empty() ? "top level" : prefix_) +
                      ": expected a mapping of keys to values");
  }
}

std::string MapReader::Path(const std::string& key) const {
  return prefix_.empty() ? key : prefix_ + "." + key;
}

void MapReader::Fail(const std::string& key, const std::string& problem) const {
  const YAML::Node n = node_[key];
  throw ConfigError(Where(file_, n.IsDefined() ? n : node_) + Path(key) + ": " + problem);
}

bool MapReader::Has(const std::string& key) const { return node_[key].IsDefined(); }

YAML::Node MapReader::Required(const std::string& key) {
  used_.insert(key);
  const YAML::Node n = std::as_const(node_)[key];  // const access never inserts
  if (!n.IsDefined() || n.IsNull()) Fail(key, "missing (required)");
  return n;
}

double MapReader::ToNumber(const YAML::Node& n, const std::string& key, double lo,
                           double hi) const {
  const std::string range = "[" + FormatNumber(lo) + ", " + FormatNumber(hi) + "]";
  double v;
  try {
    if (!n.IsScalar()) throw YAML::Exception(YAML::Mark::null_mark(), "not a scalar");
    v = n.as<double>();
  } catch (const YAML::Exception&) {
    throw ConfigError(Where(file_, n) + Path(key) + ": expected a number in " + range + ", got " +
                      (n.IsScalar() ? "'" + n.Scalar() + "'" : "a list or mapping"));
  }
  if (!std::isfinite(v)) {
    throw ConfigError(Where(file_, n) + Path(key) + ": expected a finite number in " + range +
                      ", got " + n.Scalar());
  }
  if (v < lo || v > hi) {
    throw ConfigError(Where(file_, n) + Path(key) + ": expected a number in " + range + ", got " +
                      n.Scalar());
  }
  return v;
}

double MapReader::Number(const std::string& key, double lo, double hi) {
  return ToNumber(Required(key), key, lo, hi);
}

double MapReader::NumberOr(const std::string& key, double fallback, double lo, double hi) {
  if (!Has(key)) {
    used_.insert(key);
    return fallback;
  }
  return Number(key, lo, hi);
}

int MapReader::Integer(const std::string& key, int lo, int hi) {
  const YAML::Node n = Required(key);
  const double v = ToNumber(n, key, lo, hi);
  if (v != std::floor(v)) {
    throw ConfigError(Where(file_, n) + Path(key) + ": expected a whole number, got " + n.Scalar());
  }
  return static_cast<int>(v);
}

int MapReader::IntegerOr(const std::string& key, int fallback, int lo, int hi) {
  if (!Has(key)) {
    used_.insert(key);
    return fallback;
  }
  return Integer(key, lo, hi);
}

std::string MapReader::String(const std::string& key) {
  const YAML::Node n = Required(key);
  if (!n.IsScalar()) Fail(key, "expected a text value");
  return n.Scalar();
}

std::vector<double> MapReader::Numbers(const std::string& key, size_t count, double lo, double hi) {
  const YAML::Node n = Required(key);
  if (!n.IsSequence() || n.size() != count) {
    Fail(key, "expected a list of " + std::to_string(count) + " numbers");
  }
  std::vector<double> out;
  for (size_t i = 0; i < count; ++i) {
    out.push_back(ToNumber(n[i], key + "[" + std::to_string(i) + "]", lo, hi));
  }
  return out;
}

Eigen::Vector3d MapReader::Vector3(const std::string& key, double lo, double hi) {
  const std::vector<double> v = Numbers(key, 3, lo, hi);
  return {v[0], v[1], v[2]};
}

std::vector<std::vector<double>> MapReader::Rows(const std::string& key, size_t width, double lo,
                                                 double hi, size_t min_rows) {
  const YAML::Node n = Required(key);
  if (!n.IsSequence() || n.size() < min_rows) {
    Fail(key, "expected a list of at least " + std::to_string(min_rows) + " rows");
  }
  std::vector<std::vector<double>> rows;
  for (size_t r = 0; r < n.size(); ++r) {
    const YAML::Node row = n[r];
    const std::string row_key = key + "[" + std::to_string(r) + "]";
    if (!row.IsSequence() || row.size() != width) {
      throw ConfigError(Where(file_, row) + Path(row_key) + ": expected a row of " +
                        std::to_string(width) + " numbers");
    }
    std::vector<double> values;
    for (size_t c = 0; c < width; ++c) {
      values.push_back(ToNumber(row[c], row_key + "[" + std::to_string(c) + "]", lo, hi));
    }
    rows.push_back(std::move(values));
  }
  return rows;
}

MapReader MapReader::Map(const std::string& key) {
  return MapReader(Required(key), file_, Path(key));
}

std::vector<MapReader> MapReader::MapList(const std::string& key) {
  const YAML::Node n = Required(key);
  if (!n.IsSequence()) Fail(key, "expected a list");
  std::vector<MapReader> out;
  for (size_t i = 0; i < n.size(); ++i) {
    out.emplace_back(n[i], file_, Path(key) + "[" + std::to_string(i) + "]");
  }
  return out;
}

YAML::Node MapReader::Node(const std::string& key) { return Required(key); }

void MapReader::Finish() const {
  for (const auto& kv : node_) {
    const std::string key = kv.first.Scalar();
    if (!used_.count(key)) {
      throw ConfigError(Where(file_, kv.first) + Path(key) + ": unknown key");
    }
  }
}

}  // namespace ingenuity::sim
