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

double FlightSoftwareReferenceDensity(const std::string& path) {
  sim::MapReader top(sim::LoadYamlFile(path), path, "");
  sim::MapReader r = top.Map("rotor");
  return r.Number("reference_density_kg_m3", 0.001, 0.1);
}

flight_control::ControllerParams LoadFlightSoftwareFile(const std::string& path) {
  sim::MapReader top(sim::LoadYamlFile(path), path, "");
  flight_control::ControllerParams p;
  sim::MapReader v = top.Map("vehicle");
  p.mass_kg = v.Number("mass_kg", 0.1, 100.0);
  p.gravity_mps2 = v.Number("gravity_mps2", 0.1, 30.0);
  p.inertia_B_kg_m2 = v.Vector3("inertia_kg_m2", 1e-5, 100.0);
  v.Finish();
  sim::MapReader r = top.Map("rotor");
  p.rotor_speed_rad_s = r.Number("speed_rpm", 500.0, 4000.0) * 2.0 * std::numbers::pi / 60.0;
  r.Number("reference_density_kg_m3", 0.001, 0.1);
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
  l.Finish();
  top.Finish();
  return p;
}

}  // namespace ingenuity::ui
