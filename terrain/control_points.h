// Terrain control points: known elevations at known places (for Jezero, the 73 landing sites
// of Ingenuity's flights, assets/terrain/jezero_control_points.csv).
#pragma once

#include <string>
#include <vector>

#include "terrain/map_frame.h"

namespace ingenuity::terrain {

struct ControlPoint {
  std::string name;
  LatLon position;
  double elevation_m = 0.0;                         ///< above the areoid
  Eigen::Vector2d map_m = Eigen::Vector2d::Zero();  ///< Mars 2020 easting/northing as published
};

/// Reads a control-point CSV with columns flight,airfield,lat_deg,lon_deg,elevation_m,
/// easting_m,northing_m ('#' lines are comments). Throws std::runtime_error naming the file
/// and line on bad input.
std::vector<ControlPoint> LoadControlPoints(const std::string& path);

/// The project's Jezero control points.
std::string JezeroControlPointsFile();

}  // namespace ingenuity::terrain
