#include "ui/trim_report.h"

#include <cmath>
#include <iomanip>
#include <numbers>

namespace ingenuity::ui {
namespace {
constexpr double kRadToDeg = 180.0 / std::numbers::pi;
}

nlohmann::json TrimReportJson(const TrimReport& r) {
  const sim::TrimResult& t = r.trim;
  using nlohmann::json;
  auto pair = [](double upper, double lower) { return json{{"upper", upper}, {"lower", lower}}; };
  json j;
  j["vehicle_file"] = r.vehicle_file;
  j["conditions"] = {
      {"density_kg_m3", r.air.density_kg_m3},
      {"pressure_pa", r.air.pressure_pa},
      {"temperature_k", r.air.temperature_k},
      {"speed_of_sound_mps", r.air.speed_of_sound_mps},
      {"rotor_speed_rpm", r.rotor_speed_rpm},
      {"mass_kg", r.mass_kg},
      {"weight_N", t.weight_N},
      {"height_agl_m", std::isfinite(r.height_agl_m) ? json(r.height_agl_m) : json()},
      {"in_ground_effect", std::isfinite(r.height_agl_m)}};
  j["converged"] = t.converged;
  j["collective_deg"] = pair(t.collective_rad[0] * kRadToDeg, t.collective_rad[1] * kRadToDeg);
  j["thrust_N"] = pair(t.thrust_N[0], t.thrust_N[1]);
  j["shaft_torque_N_m"] = pair(t.shaft_torque_N_m[0], t.shaft_torque_N_m[1]);
  j["net_yaw_torque_N_m"] = t.net_yaw_torque_N_m;
  j["aerodynamic_power_W"] = t.aero_power_W;
  j["induced_power_W"] = t.induced_power_W;
  j["electrical_power_W"] = t.electrical_power_W;
  j["tip_mach"] = t.tip_mach;
  j["figure_of_merit"] = t.figure_of_merit;
  j["thrust_margin"] = t.thrust_margin;
  j["ground_effect_factor"] = t.ground_effect_factor;
  return j;
}

void PrintTrimTable(const TrimReport& r, std::ostream& out) {
  const sim::TrimResult& t = r.trim;
  out << std::fixed;
  out << "Hover trim of " << r.vehicle_file << "\n";
  out << std::setprecision(5) << "  air          " << r.air.density_kg_m3 << " kg/m^3"
      << std::setprecision(1) << ", " << r.air.pressure_pa << " Pa, " << r.air.temperature_k
      << " K, speed of sound " << r.air.speed_of_sound_mps << " m/s\n";
  out << std::setprecision(0) << "  rotor speed  " << r.rotor_speed_rpm << " rpm\n";
  out << std::setprecision(3) << "  mass         " << r.mass_kg << " kg (weight " << t.weight_N
      << " N)\n";
  if (std::isfinite(r.height_agl_m)) {
    out << std::setprecision(3) << "  ground       lower rotor " << r.height_agl_m
        << " m above flat ground (induced velocity x" << t.ground_effect_factor << ")\n\n";
  } else {
    out << "  ground       out of ground effect\n\n";
  }
  out << "                             upper      lower\n";
  out << std::setprecision(3) << "  collective [deg]     " << std::setw(10)
      << t.collective_rad[0] * kRadToDeg << " " << std::setw(10) << t.collective_rad[1] * kRadToDeg
      << "\n";
  out << "  thrust [N]           " << std::setw(10) << t.thrust_N[0] << " " << std::setw(10)
      << t.thrust_N[1] << "\n";
  out << std::setprecision(4) << "  shaft torque [N m]   " << std::setw(10) << t.shaft_torque_N_m[0]
      << " " << std::setw(10) << t.shaft_torque_N_m[1] << "\n\n";
  out << std::scientific << std::setprecision(2) << "  net yaw torque [N m]       "
      << t.net_yaw_torque_N_m << std::fixed << std::setprecision(4) << "  ("
      << 100.0 * std::abs(t.net_yaw_torque_N_m) / t.shaft_torque_N_m[0]
      << " % of one rotor's torque)\n";
  out << std::setprecision(1) << "  aerodynamic power [W]      " << t.aero_power_W << "  (induced "
      << t.induced_power_W << ")\n";
  out << "  electrical power [W]       " << t.electrical_power_W
      << "  (motors, controllers, avionics)\n";
  out << std::setprecision(3) << "  tip Mach                   " << t.tip_mach << "\n";
  out << "  figure of merit            " << t.figure_of_merit
      << "  (W^1.5 / sqrt(2 rho A) over aerodynamic power)\n";
  out << std::setprecision(2) << "  thrust margin              " << t.thrust_margin
      << "  (largest thrust before stall over weight)\n";
  out.unsetf(std::ios::floatfield);
}

}  // namespace ingenuity::ui
