// The vehicle's true parameters as typed structs: loaded once from the vehicle file
// (sim/vehicle_file.h), validated there, const afterwards. SI units unless a name says
// otherwise.
#pragma once

#include <Eigen/Core>
#include <string>
#include <vector>

namespace ingenuity::sim {

/// One measured point of an airfoil polar.
struct PolarPoint {
  double alpha_deg = 0.0;  ///< angle of attack [deg]
  double cl = 0.0;         ///< lift coefficient [-]
  double cd = 0.0;         ///< drag coefficient [-]
};

/// An airfoil: measured polar points and the model that extends them to all angles.
struct AirfoilParams {
  std::string name;
  double reference_reynolds = 20000.0;  ///< Reynolds number of the measurements [-]
  double reference_mach = 0.6;          ///< Mach number of the measurements [-]
  /// Measured points per wind-tunnel model, any order; repeats within a model are averaged.
  std::vector<std::vector<PolarPoint>> measured_models;
  double stall_alpha_deg = 8.0;             ///< positive stall: end of the linear lift range [deg]
  double negative_stall_alpha_deg = -6.0;   ///< negative stall [deg]
  double stall_transition_deg = 3.0;        ///< width of the blend into flat-plate flow [deg]
  double flat_plate_cd_max = 1.98;          ///< flat-plate drag normal to the flow [-]
  double reynolds_drag_exponent = 0.5;      ///< attached drag scales as (Re_ref / Re)^exponent
  double max_mach_for_lift_scaling = 0.85;  ///< Prandtl-Glauert factor is held above this
};

/// One blade station of the real geometry.
struct BladeStation {
  double r_over_radius = 0.0;          ///< radial position over rotor radius [-]
  double chord_over_radius = 0.0;      ///< chord over rotor radius [-]
  double twist_deg = 0.0;              ///< built-in pitch relative to the collective [deg]
  double thickness_over_chord = 0.05;  ///< section thickness ratio [-]
};

struct RotorParams {
  std::string airfoil_file;  ///< as written in the vehicle file, for messages
  double radius_m = 0.605;
  int blade_count = 2;
  double spacing_m = 0.099;                        ///< upper hub above lower hub [m]
  Eigen::Vector3d p_lower_hub_B_m{0.0, 0.0, 0.1};  ///< lower hub in the body frame [m]
  std::vector<BladeStation> stations;
  int azimuth_samples = 4;             ///< blade azimuths averaged per step [-]
  double rotor_inertia_kg_m2 = 0.0;    ///< spin-axis inertia of one rotor with its hub [kg m^2]
  double tip_loss_min = 0.0;           ///< floor on the Prandtl tip-loss factor [-]
  double fuselage_drag_area_m2 = 0.0;  ///< body drag coefficient times area [m^2]
};

struct DriveParams {
  double default_speed_rpm = 2537.0;
  double high_speed_rpm = 2700.0;
  double max_motor_torque_n_m = 1.0;       ///< per motor [N m]
  double governor_bandwidth_rad_s = 20.0;  ///< closed-loop speed bandwidth [rad/s]
  double governor_damping = 0.9;           ///< closed-loop damping ratio [-]
  double collective_min_deg = 0.0;
  double collective_max_deg = 25.0;
  double cyclic_max_deg = 10.0;
  double servo_rate_deg_s = 100.0;
};

struct PowerParams {
  double motor_torque_constant_n_m_a = 0.06;  ///< per motor [N m/A]
  double motor_winding_resistance_ohm = 0.2;  ///< per motor, phase-equivalent [ohm]
  double motor_fixed_loss_w = 5.0;            ///< iron and bearing losses per motor at speed [W]
  double controller_efficiency = 0.95;        ///< motor controller [-]
  double avionics_power_w = 20.0;             ///< everything but the motors [W]
  int cells_in_series = 6;
  double cell_capacity_ah = 2.0;            ///< [A h]
  double cell_resistance_ohm = 0.025;       ///< [ohm]
  std::vector<Eigen::Vector2d> cell_ocv_v;  ///< (state of charge [-], open-circuit volts [V])
  double cell_min_voltage_v = 3.0;          ///< cut-off under load [V]
};

/// A rigid piece of the vehicle for the mass breakdown: a solid box or a point mass.
struct MassItem {
  std::string name;
  double mass_kg = 0.0;
  Eigen::Vector3d p_B_m = Eigen::Vector3d::Zero();   ///< centre, body frame from the datum [m]
  Eigen::Vector3d size_m = Eigen::Vector3d::Zero();  ///< box edge lengths; zero for a point
};

struct LandingGearParams {
  Eigen::Vector3d fuselage_size_m{0.2, 0.14, 0.16};
  Eigen::Vector3d p_fuselage_B_m = Eigen::Vector3d::Zero();  ///< box centre [m]
  std::vector<Eigen::Vector3d> p_leg_top_B_m;  ///< where each leg leaves the fuselage [m]
  std::vector<Eigen::Vector3d> p_foot_B_m;     ///< centre of each foot sphere [m]
  double leg_radius_m = 0.006;
  double foot_radius_m = 0.02;
  double friction = 0.8;            ///< Coulomb friction between feet and regolith [-]
  double restitution = 0.05;        ///< [-]
  double tip_over_tilt_deg = 40.0;  ///< tilt on the ground reported as a tip-over [deg]
};

/// Sensor specifications (noise as one-sigma values).
struct SensorParams {
  int imu_period_ticks = 2;  ///< 500 Hz at the 1 kHz physics step
  double gyro_noise_density_rad_s_rt_hz = 1.2e-4;
  double gyro_bias_initial_rad_s = 1e-3;  ///< turn-on bias, per axis
  double gyro_bias_walk_rad_s_rt_s = 3e-6;
  double accel_noise_density_mps2_rt_hz = 1.5e-3;
  double accel_bias_initial_mps2 = 0.02;
  double accel_bias_walk_mps2_rt_s = 1e-4;
  int altimeter_period_ticks = 20;  ///< 50 Hz
  double altimeter_max_range_m = 40.0;
  double altimeter_noise_m = 0.02;
  double altimeter_dropout_probability = 0.001;
  Eigen::Vector3d p_altimeter_B_m{0.0, 0.0, 0.12};  ///< on the fuselage's underside
  double inclinometer_noise_rad = 0.001;
  // Navigation camera (nadir, pinhole model assumed).
  double camera_rate_hz = 30.0;
  int camera_width_px = 640, camera_height_px = 480;
  double camera_fov_x_deg = 133.0, camera_fov_y_deg = 100.0;
  double camera_pixel_noise_px = 0.3;
  double camera_latency_s = 0.03;
  double camera_min_height_m = 1.0;  ///< no features below (dust, defocus)
  int camera_max_features = 200;
  double camera_feature_spacing_m = 1.0;  ///< lattice of candidate terrain features
};

/// The whole vehicle. The body frame is x forward, y left, z up with its origin at the
/// datum (ground plane under the feet, on the mast axis); the centre of mass is derived.
struct VehicleParams {
  std::string name;
  double mass_kg = 1.8;
  std::vector<MassItem> mass_breakdown;
  RotorParams rotor;
  AirfoilParams airfoil;
  DriveParams drive;
  PowerParams power;
  LandingGearParams gear;
  SensorParams sensors;
};

/// Mass properties derived from the breakdown.
struct MassProperties {
  double mass_kg = 0.0;
  Eigen::Vector3d p_com_B_m = Eigen::Vector3d::Zero();            ///< centre of mass [m]
  Eigen::Matrix3d inertia_com_B_kg_m2 = Eigen::Matrix3d::Zero();  ///< about the CoM [kg m^2]
};

/// Sums the breakdown: total mass, centre of mass and inertia about it (boxes use the solid
/// box formula, points the parallel-axis term only).
MassProperties ComputeMassProperties(const std::vector<MassItem>& items);

}  // namespace ingenuity::sim
