#include "terrain/control_points.h"

#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "terrain/csv.h"

namespace ingenuity::terrain {

std::string JezeroControlPointsFile() {
  return std::string(INGENUITY_ASSETS_DIR) + "/terrain/jezero_control_points.csv";
}

std::vector<ControlPoint> LoadControlPoints(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": file not found");
  std::vector<ControlPoint> points;
  std::string line;
  int line_number = 0;
  bool header = true;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.empty() || line[0] == '#') continue;
    const auto f = SplitCsvLine(line);
    if (header) {
      if (f.size() != 7 || f[2] != "lat_deg" || f[4] != "elevation_m") {
        throw std::runtime_error(path + ":" + std::to_string(line_number) +
                                 ": expected the header flight,airfield,lat_deg,lon_deg,"
                                 "elevation_m,easting_m,northing_m");
      }
      header = false;
      continue;
    }
    if (f.size() != 7) {
      throw std::runtime_error(path + ":" + std::to_string(line_number) + ": expected 7 columns");
    }
    try {
      ControlPoint p;
      p.name = "flight " + f[0] + " (" + f[1] + ")";
      p.position = {std::stod(f[2]), std::stod(f[3])};
      p.elevation_m = std::stod(f[4]);
      p.map_m = {std::stod(f[5]), std::stod(f[6])};
      if (!std::isfinite(p.elevation_m) || std::abs(p.position.lat_deg) > 90.0) {
        throw std::invalid_argument("out of range");
      }
      points.push_back(p);
    } catch (const std::exception&) {
      throw std::runtime_error(path + ":" + std::to_string(line_number) +
                               ": expected numbers for lat_deg, lon_deg, elevation_m, "
                               "easting_m, northing_m");
    }
  }
  if (points.size() < 3) throw std::runtime_error(path + ": needs at least 3 control points");
  return points;
}

}  // namespace ingenuity::terrain
