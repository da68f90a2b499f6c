// A scripted flight plan (scenario): where and in what air the vehicle starts, the plan it
// flies, the faults injected, and what the flight must achieve. Typed, validated at load
// (scenarios/scenario_file.h); the mission executor and the `fly` command consume it.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "sim/mars_atmosphere.h"
#include "sim/wind.h"
#include "terrain/map_frame.h"

namespace ingenuity::scenarios {

/// Where a step sits in its file, for messages.
struct SourcePosition {
  int line = 0;    ///< 1-based
  int column = 0;  ///< 1-based
};

/// The built-in terrain, or a terrain description file naming a DTM.
struct TerrainChoice {
  std::string site = "jezero";       ///< "jezero", or empty when a file is named
  std::string description_file;      ///< as resolved from the scenario's folder
  std::string dtm_file, ortho_file;  ///< from the description file
};

/// A position as latitude/longitude or as offsets from the start [m].
struct Place {
  std::optional<terrain::LatLon> lat_lon;
  Eigen::Vector2d offset_en_m = Eigen::Vector2d::Zero();  ///< east, north (when no lat/lon)
};

struct TakeoffStep {
  double altitude_m = 0.0;  ///< above the ground under the vehicle
};
struct GotoStep {
  Place target;
  double speed_mps = 0.0;
  std::optional<double> altitude_m;  ///< keeps the current altitude when absent
};
struct HoverStep {
  double duration_s = 0.0;
};
struct YawStep {
  double heading_deg = 0.0;  ///< compass heading: 0 north, 90 east
};
struct LandStep {};
using StepAction = std::variant<TakeoffStep, GotoStep, HoverStep, YawStep, LandStep>;

struct PlanStep {
  StepAction action;
  SourcePosition where;
};

enum class FaultKind {
  kNavCameraDropFrameSkewTimestamps,  ///< flight 6: a lost image, later ones mistimed
  kNavCameraSyncLoss,                 ///< flight 53: images and IMU out of sync
  kNavCameraFewFeatures,              ///< flight 72: featureless ground
  kAltimeterDropout,
  kImuBiasStep,
  kGust,
};

struct Fault {
  double at_s = 0.0;  ///< seconds after take-off begins (after preflight and spin-up)
  FaultKind kind = FaultKind::kGust;
  double duration_s = 0.0;  ///< dropout, gust; camera faults: 0 lasts to the end
  Eigen::Vector3d gyro_bias_rad_s = Eigen::Vector3d::Zero();  ///< IMU bias step
  Eigen::Vector3d accel_bias_mps2 = Eigen::Vector3d::Zero();  ///< IMU bias step
  Eigen::Vector3d gust_enu_mps = Eigen::Vector3d::Zero();     ///< gust peak
  double skew_s = -1.0 / 30.0;  ///< timestamp error after the lost frame: the previous frame's [s]
  double feature_fraction = 0.2;  ///< share of features the tracker still finds
  double track_drift_mps = 0.7;   ///< how fast the few tracks it keeps creep over the ground
  SourcePosition where;
};

/// A bound on a summary figure.
struct Range {
  std::optional<double> min, max;
};

struct Expectations {
  std::optional<std::string> outcome;   ///< landed, crashed, tipped_over, land_now, out_of_energy
  std::map<std::string, Range> ranges;  ///< summary field -> bounds
};

struct Scenario {
  std::string file;
  std::string name;
  TerrainChoice terrain;
  Place start;  ///< lat/lon, or east/north of the site origin
  SourcePosition start_where;
  double start_heading_deg = 0.0;
  sim::SurfaceConditions air;
  sim::WindParams wind;
  std::optional<double> rotor_rpm;
  std::uint64_t seed = 1;
  std::vector<PlanStep> plan;
  std::vector<Fault> faults;
  Expectations expect;
};

/// Plan speed limit [m/s] and altitude range above ground [m].
inline constexpr double kMaxPlanSpeed_mps = 10.0;
inline constexpr double kMinPlanAltitude_m = 0.5;
inline constexpr double kMaxPlanAltitude_m = 30.0;

/// Largest seed, in the file or on the command line (seeds are 0 to 2^31 - 1).
inline constexpr std::uint64_t kMaxSeed = 2147483647;

/// The outcomes a scenario may expect, and the summary fields it may bound.
const std::vector<std::string>& KnownOutcomes();
const std::vector<std::string>& KnownSummaryFields();

}  // namespace ingenuity::scenarios
