// Ingenuity's flight controller: a cascade of position, velocity, attitude and body-rate loops
// (in the manner of Grip et al., AIAA 2018-1849, and PX4's multicopter controller), then the
// mixing onto the coaxial rotor's actuators: common collective (thrust), differential
// collective (yaw), and the same cyclic on both swashplates (roll and pitch).
//
// Algorithms only: it sees navigation estimates and setpoints as plain structs, never Bullet,
// files, clocks or OpenGL. It runs at a fixed rate set by the caller (500 Hz on Ingenuity).
#pragma once

#include <Eigen/Core>
#include <Eigen/Geometry>
#include <array>

namespace ingenuity::flight_control {

/// What the flight software believes about the vehicle and how it is tuned: a deliberate,
/// separate copy of the vehicle (assets/flight_software/ingenuity_fsw.yaml), not the truth.
struct ControllerParams {
  double mass_kg = 1.8;
  double gravity_mps2 = 3.721;
  Eigen::Vector3d inertia_B_kg_m2{0.042, 0.043, 0.040};  ///< principal moments, body axes
  double rotor_speed_rad_s = 265.7;         ///< the speed the rotor figures below hold at
  double reference_density_kg_m3 = 0.0168;  ///< the air they hold in
  std::array<double, 2> hover_collective_rad{0.090, 0.115};  ///< upper, lower
  double thrust_per_collective_n_rad = 34.8;                 ///< both rotors together
  double roll_moment_per_cyclic_sin_n_m_rad = 8.32;
  double pitch_moment_per_cyclic_cos_n_m_rad = -8.31;
  double yaw_moment_per_differential_n_m_rad = -4.88;  ///< upper +d, lower -d
  double thrust_per_differential_n_rad = -4.96;
  // Loop gains [1/s] or [1/s^2].
  double position_gain = 0.8;
  double altitude_gain = 1.0;
  double velocity_gain = 1.8;
  double velocity_integral_gain = 0.4;
  double vertical_velocity_gain = 2.5;
  double vertical_velocity_integral_gain = 0.8;
  double attitude_gain = 7.0;
  double yaw_gain = 3.0;
  double rate_gain = 25.0;
  double rate_integral_gain = 15.0;
  // Limits.
  double max_tilt_rad = 0.35;  ///< 20 deg
  double max_speed_mps = 10.0;
  double max_climb_rate_mps = 3.0;
  double max_descent_rate_mps = 2.0;
  double max_acceleration_mps2 = 1.3;           ///< horizontal
  double max_vertical_acceleration_mps2 = 1.5;  ///< thrust within +-40 % of weight
  /// The largest thrust before the blades stall, over the weight, in the reference air.
  double thrust_margin = 1.47;
  /// The share of that margin above the weight that climbs may use (the rest is kept for tilt
  /// and attitude control): the upward acceleration limit, carried to the day's air.
  double usable_thrust_margin = 0.7;
  double max_climb_acceleration_mps2 = 1.5;  ///< set by ScheduleForAir
  double max_rate_rad_s = 1.5;
  double max_yaw_rate_rad_s = 0.7;
  double max_cyclic_rad = 0.1745;  ///< the swashplate's 10 deg
  double min_collective_rad = -0.087;
  double max_collective_rad = 0.244;  ///< 14 deg: below stall (thrust margin 1.47)
};

/// The navigation estimate the controller flies on (world = local ENU, body = FLU).
struct NavState {
  Eigen::Vector3d p_W_m = Eigen::Vector3d::Zero();
  Eigen::Vector3d v_W_mps = Eigen::Vector3d::Zero();
  Eigen::Quaterniond q_WB = Eigen::Quaterniond::Identity();
  Eigen::Vector3d w_B_rad_s = Eigen::Vector3d::Zero();
};

/// Where to be: position (with an optional velocity feed-forward) and heading.
struct Setpoint {
  Eigen::Vector3d p_W_m = Eigen::Vector3d::Zero();
  Eigen::Vector3d v_W_mps = Eigen::Vector3d::Zero();   ///< feed-forward [m/s]
  Eigen::Vector2d a_W_mps2 = Eigen::Vector2d::Zero();  ///< horizontal, feed-forward [m/s^2]
  double yaw_rad = 0.0;  ///< heading of body +x, from east counter-clockwise
};

/// Commands to the rotor drive (the same cyclic on both swashplates).
struct ActuatorCommand {
  std::array<double, 2> collective_rad{};  ///< upper, lower
  double cyclic_cos_rad = 0.0;
  double cyclic_sin_rad = 0.0;
  double rotor_speed_rad_s = 0.0;
  // What the loops asked for, for telemetry.
  Eigen::Vector3d acceleration_W_mps2 = Eigen::Vector3d::Zero();
  Eigen::Vector3d rate_setpoint_B_rad_s = Eigen::Vector3d::Zero();
  double thrust_N = 0.0;
};

/// Integrator states of the loops.
struct ControllerState {
  Eigen::Vector3d velocity_integral_mps = Eigen::Vector3d::Zero();
  Eigen::Vector3d rate_integral_rad_s = Eigen::Vector3d::Zero();
};

/// v, scaled down to the length `limit` if it is longer.
Eigen::Vector2d LimitNorm(const Eigen::Vector2d& v, double limit);

/// The rotor figures carried to other air and rotor speed: thrust and moments scale with
/// density x speed^2, and the hover collectives rise by what the lost thrust needs at the
/// reference slope (the ground team uplinks the day's density, as for Ingenuity's flights).
/// The thrust margin scales alike, and with it the upward acceleration limit.
ControllerParams ScheduleForAir(const ControllerParams& params, double density_kg_m3,
                                double rotor_speed_rad_s);

/// One control cycle of dt_s. Integrators are held while their outputs saturate.
ActuatorCommand StepController(const ControllerParams& params, const NavState& nav,
                               const Setpoint& setpoint, double dt_s, ControllerState* state);

}  // namespace ingenuity::flight_control
