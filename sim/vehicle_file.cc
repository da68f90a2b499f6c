#include "sim/vehicle_file.h"

#include <cmath>
#include <filesystem>
#include <numbers>

namespace ingenuity::sim {

std::string DefaultVehicleFile() {
  return std::string(INGENUITY_ASSETS_DIR) + "/vehicles/ingenuity.yaml";
}

AirfoilParams LoadAirfoilFile(const std::string& path) {
  MapReader m(LoadYamlFile(path), path, "");
  AirfoilParams a;
  a.name = m.String("name");
  a.reference_reynolds = m.Number("reference_reynolds", 1e3, 1e7);
  a.reference_mach = m.Number("reference_mach", 0.0, 0.9);
  a.stall_alpha_deg = m.Number("stall_alpha_deg", 2.0, 30.0);
  a.negative_stall_alpha_deg = m.Number("negative_stall_alpha_deg", -30.0, 0.0);
  a.stall_transition_deg = m.Number("stall_transition_deg", 0.1, 20.0);
  a.flat_plate_cd_max = m.Number("flat_plate_cd_max", 0.5, 3.0);
  a.reynolds_drag_exponent = m.Number("reynolds_drag_exponent", 0.0, 1.0);
  a.max_mach_for_lift_scaling = m.Number("max_mach_for_lift_scaling", 0.3, 0.95);
  MapReader models = m.Map("measured");
  for (const auto& kv : m.Node("measured")) {
    const std::string model = kv.first.Scalar();
    std::vector<PolarPoint> points;
    for (const auto& row : models.Rows(model, 3, -90.0, 90.0, 2)) {
      if (row[2] <= 0.0) models.Fail(model, "drag coefficients must be positive");
      points.push_back({row[0], row[1], row[2]});
    }
    a.measured_models.push_back(std::move(points));
  }
  models.Finish();
  m.Finish();
  return a;
}

VehicleParams LoadVehicleFile(const std::string& path) {
  MapReader top(LoadYamlFile(path), path, "");
  VehicleParams v;
  v.name = top.String("name");
  v.mass_kg = top.Number("mass_kg", 0.1, 100.0);

  double breakdown_kg = 0.0;
  for (MapReader& item : top.MapList("mass_breakdown")) {
    MassItem mi;
    mi.name = item.String("name");
    mi.mass_kg = item.Number("mass_kg", 0.0, 100.0);
    mi.p_B_m = item.Vector3("center_m", -5.0, 5.0);
    mi.size_m = item.Has("size_m") ? item.Vector3("size_m", 0.0, 5.0) : Eigen::Vector3d::Zero();
    item.Finish();
    breakdown_kg += mi.mass_kg;
    v.mass_breakdown.push_back(mi);
  }
  if (std::abs(breakdown_kg - v.mass_kg) > 1e-3) {
    top.Fail("mass_breakdown", "masses sum to " + FormatNumber(breakdown_kg) +
                                   " kg, expected mass_kg = " + FormatNumber(v.mass_kg));
  }

  MapReader r = top.Map("rotor");
  v.rotor.radius_m = r.Number("radius_m", 0.05, 10.0);
  v.rotor.blade_count = r.Integer("blade_count", 1, 8);
  v.rotor.spacing_m = r.Number("spacing_m", 0.01, 2.0);
  v.rotor.p_lower_hub_B_m = r.Vector3("lower_hub_m", -5.0, 5.0);
  v.rotor.rotor_inertia_kg_m2 = r.Number("rotor_inertia_kg_m2", 1e-5, 10.0);
  v.rotor.azimuth_samples = r.Integer("azimuth_samples", 1, 16);
  v.rotor.tip_loss_min = r.Number("tip_loss_min", 0.0, 1.0);
  v.rotor.fuselage_drag_area_m2 = r.Number("fuselage_drag_area_m2", 0.0, 10.0);
  v.rotor.airfoil_file = r.String("airfoil_file");
  for (const auto& row : r.Rows("stations", 4, -45.0, 45.0, 2)) {
    v.rotor.stations.push_back({row[0], row[1], row[2], row[3]});
  }
  const auto& st = v.rotor.stations;
  for (size_t i = 0; i < st.size(); ++i) {
    const bool bad = st[i].r_over_radius <= 0.0 || st[i].r_over_radius > 1.0 ||
                     st[i].chord_over_radius <= 0.0 || st[i].thickness_over_chord <= 0.0 ||
                     (i > 0 && st[i].r_over_radius <= st[i - 1].r_over_radius);
    if (bad) {
      r.Fail("stations", "row " + std::to_string(i) +
                             ": expected r/R rising within (0, 1], positive chord and thickness");
    }
  }
  if (static_cast<int>(st.size()) - 1 > 40) r.Fail("stations", "at most 41 stations");
  // The airfoil file is named relative to the vehicle file.
  const std::filesystem::path airfoil_path =
      std::filesystem::path(path).parent_path() / v.rotor.airfoil_file;
  if (!std::filesystem::is_regular_file(airfoil_path)) {
    r.Fail("airfoil_file", "file not found: " + airfoil_path.string());
  }
  r.Finish();
  v.airfoil = LoadAirfoilFile(airfoil_path.string());

  MapReader d = top.Map("drive");
  v.drive.default_speed_rpm = d.Number("default_speed_rpm", 100.0, 5000.0);
  v.drive.high_speed_rpm = d.Number("high_speed_rpm", 100.0, 5000.0);
  v.drive.max_motor_torque_n_m = d.Number("max_motor_torque_n_m", 0.01, 100.0);
  v.drive.governor_bandwidth_rad_s = d.Number("governor_bandwidth_rad_s", 0.1, 500.0);
  v.drive.governor_damping = d.Number("governor_damping", 0.1, 5.0);
  v.drive.collective_min_deg = d.Number("collective_min_deg", -20.0, 20.0);
  v.drive.collective_max_deg = d.Number("collective_max_deg", 0.0, 45.0);
  v.drive.cyclic_max_deg = d.Number("cyclic_max_deg", 0.0, 30.0);
  v.drive.servo_rate_deg_s = d.Number("servo_rate_deg_s", 1.0, 10000.0);
  if (v.drive.collective_max_deg <= v.drive.collective_min_deg) {
    d.Fail("collective_max_deg", "must exceed collective_min_deg");
  }
  d.Finish();

  MapReader p = top.Map("power");
  v.power.motor_torque_constant_n_m_a = p.Number("motor_torque_constant_n_m_a", 1e-4, 10.0);
  v.power.motor_winding_resistance_ohm = p.Number("motor_winding_resistance_ohm", 0.0, 100.0);
  v.power.motor_fixed_loss_w = p.Number("motor_fixed_loss_w", 0.0, 1000.0);
  v.power.controller_efficiency = p.Number("controller_efficiency", 0.1, 1.0);
  v.power.avionics_power_w = p.Number("avionics_power_w", 0.0, 1000.0);
  v.power.cells_in_series = p.Integer("cells_in_series", 1, 100);
  v.power.cell_capacity_ah = p.Number("cell_capacity_ah", 0.01, 1000.0);
  v.power.cell_resistance_ohm = p.Number("cell_resistance_ohm", 0.0, 10.0);
  v.power.cell_min_voltage_v = p.Number("cell_min_voltage_v", 0.5, 5.0);
  for (const auto& row : p.Rows("cell_ocv_v", 2, 0.0, 5.0, 2)) {
    v.power.cell_ocv_v.emplace_back(row[0], row[1]);
  }
  const auto& ocv = v.power.cell_ocv_v;
  for (size_t i = 1; i < ocv.size(); ++i) {
    if (ocv[i].x() <= ocv[i - 1].x() || ocv[i].y() < ocv[i - 1].y()) {
      p.Fail("cell_ocv_v", "expected state of charge rising and voltage not falling");
    }
  }
  if (ocv.front().x() != 0.0 || ocv.back().x() != 1.0) {
    p.Fail("cell_ocv_v", "expected the table to span state of charge 0 to 1");
  }
  p.Finish();

  MapReader g = top.Map("landing_gear");
  v.gear.p_fuselage_B_m = g.Vector3("fuselage_center_m", -5.0, 5.0);
  v.gear.fuselage_size_m = g.Vector3("fuselage_size_m", 0.001, 5.0);
  for (const auto& row : g.Rows("leg_tops_m", 3, -5.0, 5.0, 3)) {
    v.gear.p_leg_top_B_m.emplace_back(row[0], row[1], row[2]);
  }
  for (const auto& row : g.Rows("feet_m", 3, -5.0, 5.0, 3)) {
    v.gear.p_foot_B_m.emplace_back(row[0], row[1], row[2]);
  }
  if (v.gear.p_leg_top_B_m.size() != v.gear.p_foot_B_m.size()) {
    g.Fail("feet_m", "expected one foot per leg top");
  }
  v.gear.leg_radius_m = g.Number("leg_radius_m", 0.0005, 0.1);
  v.gear.foot_radius_m = g.Number("foot_radius_m", 0.001, 0.2);
  v.gear.friction = g.Number("friction", 0.0, 5.0);
  v.gear.restitution = g.Number("restitution", 0.0, 1.0);
  v.gear.tip_over_tilt_deg = g.Number("tip_over_tilt_deg", 5.0, 90.0);
  g.Finish();

  MapReader sensors = top.Map("sensors");
  MapReader imu = sensors.Map("imu");
  const double imu_hz = imu.Number("rate_hz", 1.0, 1000.0);
  auto period = [&](MapReader& m, double hz) {
    const double ticks = 1000.0 / hz;  // at the 1 kHz physics step
    if (std::abs(ticks - std::round(ticks)) > 1e-9) {
      m.Fail("rate_hz",
             "expected a rate that divides 1000 Hz (the physics step), got " + std::to_string(hz));
    }
    return static_cast<int>(std::lround(ticks));
  };
  v.sensors.imu_period_ticks = period(imu, imu_hz);
  v.sensors.gyro_noise_density_rad_s_rt_hz = imu.Number("gyro_noise_density_rad_s_rt_hz", 0.0, 1.0);
  v.sensors.gyro_bias_initial_rad_s = imu.Number("gyro_bias_initial_rad_s", 0.0, 1.0);
  v.sensors.gyro_bias_walk_rad_s_rt_s = imu.Number("gyro_bias_walk_rad_s_rt_s", 0.0, 1.0);
  v.sensors.accel_noise_density_mps2_rt_hz = imu.Number("accel_noise_density_mps2_rt_hz", 0.0, 1.0);
  v.sensors.accel_bias_initial_mps2 = imu.Number("accel_bias_initial_mps2", 0.0, 10.0);
  v.sensors.accel_bias_walk_mps2_rt_s = imu.Number("accel_bias_walk_mps2_rt_s", 0.0, 1.0);
  imu.Finish();
  MapReader alt = sensors.Map("laser_altimeter");
  v.sensors.altimeter_period_ticks = period(alt, alt.Number("rate_hz", 1.0, 1000.0));
  v.sensors.altimeter_max_range_m = alt.Number("max_range_m", 1.0, 1000.0);
  v.sensors.altimeter_noise_m = alt.Number("noise_m", 0.0, 10.0);
  v.sensors.altimeter_dropout_probability = alt.Number("dropout_probability", 0.0, 1.0);
  v.sensors.p_altimeter_B_m = alt.Vector3("position_m", -5.0, 5.0);
  alt.Finish();
  MapReader inc = sensors.Map("inclinometer");
  v.sensors.inclinometer_noise_rad = inc.Number("noise_deg", 0.0, 10.0) * std::numbers::pi / 180.0;
  inc.Finish();
  MapReader cam = sensors.Map("nav_camera");
  v.sensors.camera_rate_hz = cam.Number("rate_hz", 1.0, 200.0);
  if (v.sensors.camera_rate_hz != std::floor(v.sensors.camera_rate_hz)) {
    cam.Fail("rate_hz", "expected a whole number of frames per second");
  }
  const auto size = cam.Numbers("image_size_px", 2, 16, 8192);
  v.sensors.camera_width_px = static_cast<int>(size[0]);
  v.sensors.camera_height_px = static_cast<int>(size[1]);
  const auto fov = cam.Numbers("fov_deg", 2, 1.0, 170.0);
  v.sensors.camera_fov_x_deg = fov[0];
  v.sensors.camera_fov_y_deg = fov[1];
  v.sensors.camera_pixel_noise_px = cam.Number("pixel_noise_px", 0.0, 10.0);
  v.sensors.camera_latency_s = cam.Number("latency_s", 0.0, 1.0);
  v.sensors.camera_min_height_m = cam.Number("min_height_m", 0.0, 10.0);
  v.sensors.camera_max_features = cam.Integer("max_features", 1, 10000);
  v.sensors.camera_feature_spacing_m = cam.Number("feature_spacing_m", 0.1, 10.0);
  cam.Finish();
  sensors.Finish();

  top.Finish();
  return v;
}

}  // namespace ingenuity::sim
