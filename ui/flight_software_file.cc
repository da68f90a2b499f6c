#include "ui/flight_software_file.h"

#include <cmath>
#include <numbers>

#include "sim/config_reader.h"

namespace ingenuity::ui {
namespace {
constexpr double kDeg = std::numbers::pi / 180.0;
}

std::string DefaultFlightSoftwareFile() {
  return std::string(INGENUITY_ASSETS_DIR) + "/flight_software/ingenuity_fsw.yaml";
}

flight_control::FlightSoftwareParams LoadFlightSoftwareFile(const std::string& path) {
  sim::MapReader top(sim::LoadYamlFile(path), path, "");
  flight_control::FlightSoftwareParams fsw;
  flight_control::ControllerParams& p = fsw.control;
  sim::MapReader v = top.Map("vehicle");
  p.mass_kg = v.Number("mass_kg", 0.1, 100.0);
  p.gravity_mps2 = v.Number("gravity_mps2", 0.1, 30.0);
  p.inertia_B_kg_m2 = v.Vector3("inertia_kg_m2", 1e-5, 100.0);
  v.Finish();
  sim::MapReader r = top.Map("rotor");
  p.rotor_speed_rad_s = r.Number("speed_rpm", 500.0, 4000.0) * 2.0 * std::numbers::pi / 60.0;
  p.reference_density_kg_m3 = r.Number("reference_density_kg_m3", 0.001, 0.1);
  const auto hover = r.Numbers("hover_collective_deg", 2, -10.0, 30.0);
  p.hover_collective_rad = {hover[0] * kDeg, hover[1] * kDeg};
  p.thrust_per_collective_n_rad = r.Number("thrust_per_collective_n_rad", 0.1, 1e4);
  p.roll_moment_per_cyclic_sin_n_m_rad = r.Number("roll_moment_per_cyclic_sin_n_m_rad", -1e4, 1e4);
  p.pitch_moment_per_cyclic_cos_n_m_rad =
      r.Number("pitch_moment_per_cyclic_cos_n_m_rad", -1e4, 1e4);
  p.yaw_moment_per_differential_n_m_rad =
      r.Number("yaw_moment_per_differential_n_m_rad", -1e4, 1e4);
  p.thrust_per_differential_n_rad = r.Number("thrust_per_differential_n_rad", -1e4, 1e4);
  if (std::abs(p.roll_moment_per_cyclic_sin_n_m_rad) < 1e-3 ||
      std::abs(p.pitch_moment_per_cyclic_cos_n_m_rad) < 1e-3 ||
      std::abs(p.yaw_moment_per_differential_n_m_rad) < 1e-3) {
    r.Fail("roll_moment_per_cyclic_sin_n_m_rad", "control derivatives must not be zero");
  }
  r.Finish();
  sim::MapReader g = top.Map("gains");
  p.position_gain = g.Number("position", 0.0, 100.0);
  p.altitude_gain = g.Number("altitude", 0.0, 100.0);
  p.velocity_gain = g.Number("velocity", 0.0, 100.0);
  p.velocity_integral_gain = g.Number("velocity_integral", 0.0, 100.0);
  p.vertical_velocity_gain = g.Number("vertical_velocity", 0.0, 100.0);
  p.vertical_velocity_integral_gain = g.Number("vertical_velocity_integral", 0.0, 100.0);
  p.attitude_gain = g.Number("attitude", 0.0, 1000.0);
  p.yaw_gain = g.Number("yaw", 0.0, 1000.0);
  p.rate_gain = g.Number("rate", 0.0, 1000.0);
  p.rate_integral_gain = g.Number("rate_integral", 0.0, 1000.0);
  g.Finish();
  sim::MapReader l = top.Map("limits");
  p.max_tilt_rad = l.Number("max_tilt_deg", 1.0, 60.0) * kDeg;
  p.max_speed_mps = l.Number("max_speed_mps", 0.1, 10.0);
  p.max_climb_rate_mps = l.Number("max_climb_rate_mps", 0.1, 10.0);
  p.max_descent_rate_mps = l.Number("max_descent_rate_mps", 0.1, 10.0);
  p.max_acceleration_mps2 = l.Number("max_acceleration_mps2", 0.1, 20.0);
  p.max_vertical_acceleration_mps2 = l.Number("max_vertical_acceleration_mps2", 0.1, 20.0);
  p.max_rate_rad_s = l.Number("max_rate_deg_s", 1.0, 1000.0) * kDeg;
  p.max_yaw_rate_rad_s = l.Number("max_yaw_rate_deg_s", 1.0, 1000.0) * kDeg;
  p.max_cyclic_rad = l.Number("max_cyclic_deg", 0.1, 30.0) * kDeg;
  p.min_collective_rad = l.Number("min_collective_deg", -30.0, 30.0) * kDeg;
  p.max_collective_rad = l.Number("max_collective_deg", -30.0, 45.0) * kDeg;
  if (p.max_collective_rad <= p.min_collective_rad) {
    l.Fail("max_collective_deg", "must exceed min_collective_deg");
  }
  p.thrust_margin = l.Number("thrust_margin", 1.0, 5.0);
  p.usable_thrust_margin = l.Number("usable_thrust_margin", 0.0, 1.0);
  l.Finish();
  // The climb limit as it stands in the reference air (the day's air reschedules it).
  p = flight_control::ScheduleForAir(p, p.reference_density_kg_m3, p.rotor_speed_rad_s);

  flight_control::EstimatorParams& e = fsw.estimator;
  e.gravity_mps2 = p.gravity_mps2;
  sim::MapReader n = top.Map("estimator");
  e.gyro_noise_density_rad_s_rt_hz = n.Number("gyro_noise_density_rad_s_rt_hz", 0.0, 1.0);
  e.accel_noise_density_mps2_rt_hz = n.Number("accel_noise_density_mps2_rt_hz", 0.0, 10.0);
  e.gyro_bias_walk_rad_s_rt_s = n.Number("gyro_bias_walk_rad_s_rt_s", 0.0, 1.0);
  e.accel_bias_walk_mps2_rt_s = n.Number("accel_bias_walk_mps2_rt_s", 0.0, 10.0);
  e.p_altimeter_B_m = n.Vector3("altimeter_position_m", -1.0, 1.0);
  e.range_noise_m = n.Number("range_noise_m", 1e-4, 10.0);
  e.ground_walk_m2_per_m = n.Number("ground_walk_m2_per_m", 0.0, 10.0);
  e.ground_step_samples = n.Integer("ground_step_samples", 1, 1000);
  e.feature_parallax_ratio = n.Number("feature_parallax_ratio", 0.0, 1.0);
  e.ground_slope_prior = n.Number("ground_slope_prior", 1e-6, 1.0);
  e.max_ground_slope = n.Number("max_ground_slope", 0.0, 0.9);
  e.ground_curvature_prior_per_m = n.Number("ground_curvature_prior_per_m", 1e-6, 1.0);
  e.max_ground_curvature_per_m = n.Number("max_ground_curvature_per_m", 0.0, 1.0);
  e.ground_fit_min_baseline_ratio = n.Number("ground_fit_min_baseline_ratio", 0.0, 10.0);
  const auto resolution = n.Numbers("camera_resolution_px", 2, 16.0, 10000.0);
  const auto fov = n.Numbers("camera_fov_deg", 2, 1.0, 179.0);
  e.camera_cx_px = 0.5 * resolution[0];
  e.camera_cy_px = 0.5 * resolution[1];
  e.camera_fx_px = 0.5 * resolution[0] / std::tan(0.5 * fov[0] * kDeg);
  e.camera_fy_px = 0.5 * resolution[1] / std::tan(0.5 * fov[1] * kDeg);
  e.feature_noise_px = n.Number("feature_noise_px", 0.0, 100.0);
  e.feature_position_floor_m = n.Number("feature_position_floor_m", 1e-4, 10.0);
  e.min_features = static_cast<int>(n.Integer("min_features", 3, 10000));
  e.base_keep_fraction = n.Number("base_keep_fraction", 0.0, 1.0);
  e.max_frame_age_us = static_cast<std::int64_t>(n.Number("max_frame_age_s", 0.01, 10.0) * 1e6);
  e.initial_position_sigma_m = n.Number("initial_position_sigma_m", 1e-4, 100.0);
  e.initial_velocity_sigma_mps = n.Number("initial_velocity_sigma_mps", 1e-4, 10.0);
  e.initial_level_sigma_rad = n.Number("initial_level_sigma_rad", 1e-5, 0.5);
  e.initial_heading_sigma_rad = n.Number("initial_heading_sigma_rad", 1e-5, 3.2);
  e.initial_gyro_bias_sigma_rad_s = n.Number("initial_gyro_bias_sigma_rad_s", 1e-7, 0.1);
  e.initial_accel_bias_sigma_mps2 = n.Number("initial_accel_bias_sigma_mps2", 1e-5, 1.0);
  e.initial_ground_sigma_m = n.Number("initial_ground_sigma_m", 1e-4, 10.0);
  n.Finish();

  flight_control::GroundMapParams& gm = fsw.ground_map;
  sim::MapReader gr = top.Map("ground_map");
  gm.cell_m = gr.Number("cell_m", 0.1, 10.0);
  gm.cells_per_side = gr.Integer("cells_per_side", 16, 1024);
  if ((gm.cells_per_side & (gm.cells_per_side - 1)) != 0) {
    gr.Fail("cells_per_side", "must be a power of two (16 to 1024)");
  }
  gm.min_parallax_rad = gr.Number("min_parallax_deg", 0.1, 45.0) * kDeg;
  gm.max_height_sigma_m = gr.Number("max_height_sigma_m", 0.01, 10.0);
  gm.height_floor_m = gr.Number("height_floor_m", 0.001, 10.0);
  gm.pose_noise_m = gr.Number("pose_noise_m", 0.0, 10.0);
  gr.Finish();

  flight_control::MissionParams& m = fsw.mission;
  sim::MapReader x = top.Map("mission");
  m.preflight_s = x.Number("preflight_s", 0.5, 600.0);
  m.preflight_settle_s = x.Number("preflight_settle_s", 0.0, m.preflight_s - 0.5);
  m.spin_up_s = x.Number("spin_up_s", 0.5, 600.0);
  m.takeoff_climb_rate_mps = x.Number("takeoff_climb_rate_mps", 0.1, p.max_climb_rate_mps);
  m.ground_effect_height_m = x.Number("ground_effect_height_m", 0.1, 10.0);
  m.climb_rate_mps = x.Number("climb_rate_mps", 0.1, p.max_climb_rate_mps);
  m.descent_rate_mps = x.Number("descent_rate_mps", 0.1, p.max_descent_rate_mps);
  m.final_descent_height_m = x.Number("final_descent_height_m", 0.1, 10.0);
  m.final_descent_rate_mps = x.Number("final_descent_rate_mps", 0.05, p.max_descent_rate_mps);
  m.acceleration_mps2 = x.Number("acceleration_mps2", 0.05, p.max_acceleration_mps2);
  m.yaw_rate_rad_s = x.Number("yaw_rate_deg_s", 1.0, p.max_yaw_rate_rad_s / kDeg) * kDeg;
  m.corner_speed_change_mps = x.Number("corner_speed_change_mps", 0.0, 10.0);
  m.corner_acceleration_mps2 =
      x.Number("corner_acceleration_mps2", m.acceleration_mps2, p.max_acceleration_mps2);
  m.corner_max_turn_rad = x.Number("corner_max_turn_deg", 0.0, 180.0) * kDeg;
  m.com_height_m = x.Number("com_height_m", 0.0, 2.0);
  m.spin_down_s = x.Number("spin_down_s", 0.1, 60.0);
  m.low_battery_soc = x.Number("low_battery_soc", 0.0, 1.0);
  m.sync_loss_frames = static_cast<int>(x.Integer("sync_loss_frames", 1, 1000));
  m.divergence_sigma_m = x.Number("divergence_sigma_m", 0.1, 1000.0);
  m.preview_lead_s = x.Number("preview_lead_s", 0.0, 10.0);
  m.preview_half_window_s = x.Number("preview_half_window_s", 0.0, 10.0);
  m.preview_radius_m = x.Number("preview_radius_m", 0.1, 50.0);
  m.preview_here_radius_m = x.Number("preview_here_radius_m", 0.1, 50.0);
  m.preview_offset_tau_s = x.Number("preview_offset_tau_s", 0.01, 100.0);
  m.preview_min_weight = x.Number("preview_min_weight", 0.0, 1000.0);
  m.terrain_follow_tau_s = x.Number("terrain_follow_tau_s", 0.0, 100.0);
  m.terrain_blend_s = x.Number("terrain_blend_s", 0.01, 100.0);
  x.Finish();
  // The filter's navigation point is the centre of mass.
  e.p_altimeter_B_m.z() -= m.com_height_m;
  top.Finish();
  return fsw;
}

}  // namespace ingenuity::ui
