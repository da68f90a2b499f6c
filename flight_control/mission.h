// The mission executor: flies a flight plan as a sequence of modes, the way Ingenuity's
// flight software did (Grip et al., AIAA 2019-1289; JPL flight logs): preflight checks,
// spin-up, a brisk take-off out of ground effect, climb, cruise along waypoints, hover, yaw
// turns, descent, a final descent on the altimeter and IMU only, touchdown detection and
// spin-down. A failed check (image/IMU sync loss, estimator divergence, low battery) turns
// the flight into LAND_NOW: descend where it is and land.
//
// It turns the plan into a smooth setpoint (trapezoidal speed along each leg, ramped climbs and
// yaw) for the controller; it sees only the estimate and health figures, never truth.
#pragma once

#include <Eigen/Core>
#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "flight_control/controller.h"
#include "flight_control/ground_map.h"

namespace ingenuity::flight_control {

/// One leg of a plan in the flight software's local frame (ENU, origin at the start datum).
struct MissionLeg {
  enum class Kind { kTakeoff, kGoto, kHover, kYaw, kLand };
  Kind kind = Kind::kHover;
  Eigen::Vector2d target_W_m = Eigen::Vector2d::Zero();  ///< goto: east, north
  double speed_mps = 0.0;                                ///< goto
  double altitude_agl_m = -1.0;  ///< takeoff, goto: above ground; negative keeps the altitude
  double duration_s = 0.0;       ///< hover
  double yaw_rad = 0.0;          ///< yaw: heading of body +x, from east counter-clockwise
};

struct MissionPlan {
  std::vector<MissionLeg> legs;
};

/// How the executor flies (from the flight software's file).
struct MissionParams {
  double preflight_s = 5.0;             ///< IMU and inclinometer averaging on the ground
  double preflight_settle_s = 2.0;      ///< averaging starts once the vehicle has settled
  double spin_up_s = 6.0;               ///< rotor spin-up before take-off
  double takeoff_climb_rate_mps = 1.0;  ///< brisk, out of ground effect
  double ground_effect_height_m = 1.0;  ///< take-off ends here; images used above
  double climb_rate_mps = 1.0;
  double descent_rate_mps = 1.0;
  double final_descent_height_m = 1.0;  ///< below: images ignored, slow descent
  double final_descent_rate_mps = 0.5;
  double acceleration_mps2 = 0.35;  ///< along legs
  double yaw_rate_rad_s = 0.5;
  double corner_speed_change_mps = 1.0;   ///< goto to goto: velocity change allowed at the corner
  double corner_acceleration_mps2 = 0.7;  ///< ...taken at this (10 deg of tilt)
  double corner_max_turn_rad = 1.658;     ///< sharper turns stop at the corner (95 deg)
  double arrive_radius_m = 0.3;
  double arrive_speed_mps = 0.25;
  double touchdown_height_m = 0.1;   ///< datum above the ground plane
  double touchdown_speed_mps = 0.1;  ///< vertical speed estimate near zero
  double touchdown_time_s = 0.3;
  double spin_down_s = 3.0;
  double com_height_m = 0.28;  ///< centre of mass above the feet
  // Terrain preview: while moving, the altitude hold rides on the mapped ground a little ahead
  // (the mean over a stretch centred lead_s ahead, half_window_s long each way at the speed
  // flown), so that it starts down into a dip, or up a rise, before it is under the vehicle.
  double preview_lead_s = 0.5;         ///< makes up for the altitude loop's lag
  double preview_half_window_s = 1.0;  ///< spreads a wall's descent over its approach
  double preview_radius_m = 3.0;       ///< the stretch's half width
  double preview_here_radius_m = 3.0;  ///< the map is tied to the estimator's plane over this
  double preview_offset_tau_s = 2.0;   ///< ...and this time; a tie older than this is stale
  double preview_min_weight = 0.5;     ///< less mapped ground than this is not used
  // Terrain following: off the map's preview, the hold rides on the estimator's plane through
  // a filter of three lags of this time constant, which follows slopes without lag but not
  // relief the altitude loop is too slow to follow (0: on the plane as it comes).
  double terrain_follow_tau_s = 2.0;
  /// The preview and the terrain following fade in and out over this time, as the vehicle
  /// starts and stops moving (over the ground under a hover it rides on the plane itself).
  double terrain_blend_s = 1.0;
  // Checks that trigger LAND_NOW.
  double low_battery_soc = 0.15;
  int sync_loss_frames = 3;          ///< consecutive frames out of sync
  int divergence_rejections = 30;    ///< consecutive rejected frames
  double divergence_sigma_m = 10.0;  ///< horizontal 1-sigma
  double max_preflight_tilt_rad = 0.26;
  double max_preflight_gyro_bias_rad_s = 0.02;
};

enum class Mode {
  kPreflight,
  kSpinUp,
  kTakeoff,
  kClimb,
  kCruise,
  kHover,
  kYaw,
  kDescent,
  kFinalDescent,
  kSpinDown,
  kDone,
  kAborted,
};
const char* ModeName(Mode mode);

/// What the executor sees each cycle.
struct MissionInputs {
  std::int64_t time_us = 0;
  NavState nav;
  double ground_z_W_m = 0.0;  ///< the estimator's ground plane (in the nav state's frame)
  const GroundMap* ground_map = nullptr;  ///< the camera's map of the ground, if any
  double horizontal_sigma_m = 0.0;
  int consecutive_out_of_sync = 0;
  int consecutive_rejections = 0;
  double battery_soc = 1.0;
  bool preflight_ok = true;  ///< the preflight averages passed their checks
};

/// A mode change or a check that fired, for the events log.
struct MissionEvent {
  std::int64_t time_us = 0;
  std::string text;
};

struct MissionState {
  Mode mode = Mode::kPreflight;
  std::size_t leg = 0;
  std::int64_t mode_start_us = 0;
  bool land_now = false;
  std::string land_now_reason;
  // The leg's trajectory: where it started and the setpoint it has reached.
  Eigen::Vector3d leg_start_W_m = Eigen::Vector3d::Zero();
  double leg_start_yaw_rad = 0.0;
  double along_m = 0.0, along_speed_mps = 0.0;
  double hold_altitude_agl_m = 0.0;  ///< above the ground plane, from the last take-off or goto
  /// The setpoint's height above the ground plane: it eases towards hold_altitude_agl_m, and
  /// the setpoint follows the ground plane at this height (terrain following).
  double setpoint_height_m = 0.0;
  double last_plane_z_W_m = 0.0;              ///< the estimator's plane last cycle
  std::array<double, 3> follow_lags_z_W_m{};  ///< the terrain-following filter's lags
  double follow_weight = 0.0;                 ///< how much of it the hold uses (0 to 1)
  double last_ground_z_W_m = 0.0;             ///< the ground the hold rode on last cycle
  double ground_rate_mps = 0.0;               ///< how fast that ground moves (filtered)
  // Terrain preview: the mapped ground ahead, tied to the estimator's plane by an offset, and
  // how much of it the hold uses (0 to 1). The tie is measured only where the ground under the
  // vehicle is mapped, and is not trusted longer than preview_offset_tau_s after that.
  double preview_offset_m = 0.0;
  double preview_offset_age_s = std::numeric_limits<double>::infinity();
  double preview_ground_z_W_m = 0.0;
  double preview_weight = 0.0;
  Setpoint setpoint;  ///< the legs' trajectory
  // The horizontal reference the controller flies: that trajectory, acceleration limited.
  Eigen::Vector2d reference_p_W_m = Eigen::Vector2d::Zero();
  Eigen::Vector2d reference_v_W_mps = Eigen::Vector2d::Zero();
  Eigen::Vector2d last_nominal_v_W_mps = Eigen::Vector2d::Zero();
  bool reference_valid = false;  ///< set from the trajectory once airborne
  double touchdown_timer_s = 0.0;
  std::vector<MissionEvent> events;
};

/// What the executor asks of the rest of the flight software this cycle.
struct MissionOutput {
  Setpoint setpoint;
  bool fly = false;         ///< run the controller (false: flat pitch on the ground)
  bool use_images = false;  ///< feed navigation frames to the estimator
  bool on_ground = true;    ///< resting: zero-velocity updates
  double rotor_speed_rad_s = 0.0;
};

/// One executor cycle of dt_s.
MissionOutput StepMission(const MissionParams& params, const MissionPlan& plan,
                          double rotor_speed_rad_s, const MissionInputs& in, double dt_s,
                          MissionState* state);

/// The plan flown by this executor on an ideal vehicle, one that is always exactly where the
/// executor's setpoint puts it, over level ground: the time the plan takes when nothing lags,
/// for checking a plan before it flies. A real flight differs by a second or so (the
/// controller's lag, settling on each waypoint, the ground under the touchdown).
struct Rehearsal {
  bool completed = false;         ///< touched down before max_s
  double airborne_s = 0.0;        ///< from liftoff to touchdown (or to max_s), as flown
  double distance_m = 0.0;        ///< flown horizontally
  std::vector<double> leg_end_s;  ///< when the executor left each leg, from liftoff
};
Rehearsal RehearsePlan(const MissionParams& params, const MissionPlan& plan,
                       const Eigen::Vector2d& start_W_m, double start_yaw_rad, std::int64_t step_us,
                       double max_s);

}  // namespace ingenuity::flight_control
