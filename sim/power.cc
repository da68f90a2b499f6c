#include "sim/power.h"

#include <algorithm>
#include <cmath>

namespace ingenuity::sim {

double MotorElectricalPower(const PowerParams& p, double torque_n_m, double speed_rad_s) {
  if (speed_rad_s <= 0.0 && torque_n_m <= 0.0) return 0.0;
  const double current = torque_n_m / p.motor_torque_constant_n_m_a;
  const double copper = current * current * p.motor_winding_resistance_ohm;
  // Iron and bearing losses grow with speed; the stated value is at flight speed (265 rad/s).
  const double fixed = p.motor_fixed_loss_w * std::min(speed_rad_s / 265.0, 1.5);
  return (torque_n_m * speed_rad_s + copper + fixed) / p.controller_efficiency;
}

double PackOpenCircuitVoltage(const PowerParams& p, double soc) {
  const auto& t = p.cell_ocv_v;
  soc = std::clamp(soc, 0.0, 1.0);
  size_t i = 1;
  while (i + 1 < t.size() && t[i].x() < soc) ++i;
  const double f = (soc - t[i - 1].x()) / (t[i].x() - t[i - 1].x());
  return p.cells_in_series * (t[i - 1].y() + f * (t[i].y() - t[i - 1].y()));
}

void StepBattery(const PowerParams& p, double load_W, double dt_s, BatteryState* s) {
  const double ocv = PackOpenCircuitVoltage(p, s->state_of_charge);
  const double r = p.cells_in_series * p.cell_resistance_ohm;
  // V I = P with V = OCV - I R: the smaller root. Beyond the maximum power point the load
  // cannot be carried: the battery is depleted and delivers its maximum power.
  const double disc = ocv * ocv - 4.0 * r * load_W;
  double current = r > 0.0 ? (ocv - std::sqrt(std::max(disc, 0.0))) / (2.0 * r) : load_W / ocv;
  double voltage = ocv - current * r;
  if (disc < 0.0 || voltage < p.cells_in_series * p.cell_min_voltage_v) s->depleted = true;
  s->current_a = current;
  s->voltage_v = voltage;
  s->power_W = load_W;
  const double capacity_c = p.cell_capacity_ah * 3600.0;
  s->state_of_charge = std::max(0.0, s->state_of_charge - current * dt_s / capacity_c);
  s->energy_used_J += ocv * current * dt_s;
}

}  // namespace ingenuity::sim
