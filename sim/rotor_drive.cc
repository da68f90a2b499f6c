#include "sim/rotor_drive.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace ingenuity::sim {
namespace {
constexpr double kDeg = std::numbers::pi / 180.0;

double Toward(double current, double target, double max_step) {
  return current + std::clamp(target - current, -max_step, max_step);
}
}  // namespace

void StepSwashplate(const DriveParams& p, const RotorCommand& cmd, double dt_s,
                    RotorDriveState* s) {
  const double step = p.servo_rate_deg_s * kDeg * dt_s;
  const double cyc = p.cyclic_max_deg * kDeg;
  RotorControls& sw = s->swashplate;
  sw.collective_rad = Toward(
      sw.collective_rad,
      std::clamp(cmd.collective_rad, p.collective_min_deg * kDeg, p.collective_max_deg * kDeg),
      step);
  sw.cyclic_cos_rad = Toward(sw.cyclic_cos_rad, std::clamp(cmd.cyclic_cos_rad, -cyc, cyc), step);
  sw.cyclic_sin_rad = Toward(sw.cyclic_sin_rad, std::clamp(cmd.cyclic_sin_rad, -cyc, cyc), step);
}

double StepRotorSpeed(const DriveParams& p, double inertia, double command_speed_rad_s,
                      double aero_torque_n_m, double dt_s, RotorDriveState* s) {
  // PI governor placing the closed-loop poles at the stated bandwidth and damping.
  const double kp = 2.0 * p.governor_damping * p.governor_bandwidth_rad_s * inertia;
  const double ki = p.governor_bandwidth_rad_s * p.governor_bandwidth_rad_s * inertia;
  const double error = command_speed_rad_s - s->speed_rad_s;
  const double limit = p.max_motor_torque_n_m;
  const double unclamped = kp * error + s->integral_n_m + ki * error * dt_s;
  // Motors drive only forwards (no regeneration, assumed).
  const double torque = std::clamp(unclamped, 0.0, limit);
  // Conditional integration: the integral stops while the torque is held at a limit.
  if (unclamped == torque) s->integral_n_m += ki * error * dt_s;
  s->integral_n_m = std::clamp(s->integral_n_m, 0.0, limit);
  s->speed_rad_s = std::max(0.0, s->speed_rad_s + (torque - aero_torque_n_m) / inertia * dt_s);
  s->motor_torque_n_m = torque;
  s->swashplate.speed_rad_s = s->speed_rad_s;
  return torque;
}

}  // namespace ingenuity::sim
