#include "flight_control/controller.h"

#include <algorithm>
#include <cmath>

namespace ingenuity::flight_control {
Eigen::Vector2d LimitNorm(const Eigen::Vector2d& v, double limit) {
  const double n = v.norm();
  return n > limit ? Eigen::Vector2d(v * (limit / n)) : v;
}

ControllerParams ScheduleForAir(const ControllerParams& p, double density_kg_m3,
                                double rotor_speed_rad_s) {
  ControllerParams q = p;
  const double scale = density_kg_m3 * rotor_speed_rad_s * rotor_speed_rad_s /
                       (p.reference_density_kg_m3 * p.rotor_speed_rad_s * p.rotor_speed_rad_s);
  const double extra_rad =
      p.mass_kg * p.gravity_mps2 * (1.0 / scale - 1.0) / p.thrust_per_collective_n_rad;
  for (double& c : q.hover_collective_rad) c += extra_rad;
  q.thrust_per_collective_n_rad *= scale;
  q.roll_moment_per_cyclic_sin_n_m_rad *= scale;
  q.pitch_moment_per_cyclic_cos_n_m_rad *= scale;
  q.yaw_moment_per_differential_n_m_rad *= scale;
  q.thrust_per_differential_n_rad *= scale;
  q.thrust_margin = p.thrust_margin * scale;
  q.max_climb_acceleration_mps2 =
      std::clamp(p.usable_thrust_margin * (q.thrust_margin - 1.0) * p.gravity_mps2, 0.0,
                 p.max_vertical_acceleration_mps2);
  q.rotor_speed_rad_s = rotor_speed_rad_s;
  q.reference_density_kg_m3 = density_kg_m3;
  return q;
}

ActuatorCommand StepController(const ControllerParams& p, const NavState& nav, const Setpoint& sp,
                               double dt, ControllerState* s) {
  ActuatorCommand cmd;
  cmd.rotor_speed_rad_s = p.rotor_speed_rad_s;

  // 1. Position -> velocity setpoint, within the speed and climb/descent limits.
  const Eigen::Vector3d p_err = sp.p_W_m - nav.p_W_m;
  Eigen::Vector3d v_sp = sp.v_W_mps;
  v_sp.head<2>() += p.position_gain * p_err.head<2>();
  v_sp.z() += p.altitude_gain * p_err.z();
  v_sp.head<2>() = LimitNorm(v_sp.head<2>(), p.max_speed_mps);
  v_sp.z() = std::clamp(v_sp.z(), -p.max_descent_rate_mps, p.max_climb_rate_mps);

  // 2. Velocity -> acceleration (PI, plus the setpoint's own), horizontal acceleration limited.
  const Eigen::Vector3d v_err = v_sp - nav.v_W_mps;
  Eigen::Vector3d a_sp;
  a_sp.head<2>() = sp.a_W_mps2 + p.velocity_gain * v_err.head<2>() +
                   p.velocity_integral_gain * s->velocity_integral_mps.head<2>();
  a_sp.z() = p.vertical_velocity_gain * v_err.z() +
             p.vertical_velocity_integral_gain * s->velocity_integral_mps.z();
  const Eigen::Vector2d a_h = LimitNorm(a_sp.head<2>(), p.max_acceleration_mps2);
  const bool horizontal_saturated = (a_h - a_sp.head<2>()).norm() > 1e-9;
  a_sp.head<2>() = a_h;
  const double a_z =
      std::clamp(a_sp.z(), -p.max_vertical_acceleration_mps2,
                 std::min(p.max_climb_acceleration_mps2, p.max_vertical_acceleration_mps2));
  const bool vertical_saturated = a_z != a_sp.z();
  a_sp.z() = a_z;

  // 3. Thrust vector: the body z axis points along it, tilted at most max_tilt.
  Eigen::Vector3d force_W = p.mass_kg * (a_sp + Eigen::Vector3d(0.0, 0.0, p.gravity_mps2));
  force_W.z() = std::max(force_W.z(), 0.2 * p.mass_kg * p.gravity_mps2);
  const double max_horizontal = force_W.z() * std::tan(p.max_tilt_rad);
  force_W.head<2>() = LimitNorm(force_W.head<2>(), max_horizontal);
  const Eigen::Vector3d z_des = force_W.normalized();
  // Collective thrust: the demand projected on the body's present z axis.
  const Eigen::Vector3d z_body = nav.q_WB * Eigen::Vector3d::UnitZ();
  const double thrust = std::max(0.0, force_W.dot(z_body));
  cmd.acceleration_W_mps2 = a_sp;
  cmd.thrust_N = thrust;

  // Integrate the velocity errors (held while the output is limited).
  const Eigen::Vector3d v_int = s->velocity_integral_mps + v_err * dt;
  if (!horizontal_saturated) s->velocity_integral_mps.head<2>() = v_int.head<2>();
  if (!vertical_saturated) s->velocity_integral_mps.z() = std::clamp(v_int.z(), -0.5, 0.5);

  // 4. Desired attitude: z along the thrust, x towards the heading setpoint.
  const Eigen::Vector3d heading(std::cos(sp.yaw_rad), std::sin(sp.yaw_rad), 0.0);
  Eigen::Vector3d y_des = z_des.cross(heading).normalized();
  const Eigen::Vector3d x_des = y_des.cross(z_des);
  Eigen::Matrix3d R_des;
  R_des << x_des, y_des, z_des;
  const Eigen::Quaterniond q_des(R_des);
  // Attitude error in the body frame (shortest rotation); tilt and yaw with their own gains.
  Eigen::Quaterniond q_err = nav.q_WB.conjugate() * q_des;
  if (q_err.w() < 0.0) q_err.coeffs() = -q_err.coeffs();
  const Eigen::Vector3d e = 2.0 * q_err.vec();
  Eigen::Vector3d rate_sp(p.attitude_gain * e.x(), p.attitude_gain * e.y(), p.yaw_gain * e.z());
  rate_sp.head<2>() = LimitNorm(rate_sp.head<2>(), p.max_rate_rad_s);
  rate_sp.z() = std::clamp(rate_sp.z(), -p.max_yaw_rate_rad_s, p.max_yaw_rate_rad_s);
  cmd.rate_setpoint_B_rad_s = rate_sp;

  // 5. Body rates -> angular acceleration (PI) -> moments, with the gyroscopic term.
  const Eigen::Vector3d rate_err = rate_sp - nav.w_B_rad_s;
  const Eigen::Vector3d alpha =
      p.rate_gain * rate_err + p.rate_integral_gain * s->rate_integral_rad_s;
  const Eigen::Vector3d I = p.inertia_B_kg_m2;
  const Eigen::Vector3d moment =
      I.cwiseProduct(alpha) + nav.w_B_rad_s.cross(I.cwiseProduct(nav.w_B_rad_s));

  // 6. Mixing onto the actuators.
  const double cyclic_sin = moment.x() / p.roll_moment_per_cyclic_sin_n_m_rad;
  const double cyclic_cos = moment.y() / p.pitch_moment_per_cyclic_cos_n_m_rad;
  const double differential = moment.z() / p.yaw_moment_per_differential_n_m_rad;
  cmd.cyclic_sin_rad = std::clamp(cyclic_sin, -p.max_cyclic_rad, p.max_cyclic_rad);
  cmd.cyclic_cos_rad = std::clamp(cyclic_cos, -p.max_cyclic_rad, p.max_cyclic_rad);
  const double weight = p.mass_kg * p.gravity_mps2;
  const double common = (thrust - weight - p.thrust_per_differential_n_rad * differential) /
                        p.thrust_per_collective_n_rad;
  cmd.collective_rad[0] = std::clamp(p.hover_collective_rad[0] + common + differential,
                                     p.min_collective_rad, p.max_collective_rad);
  cmd.collective_rad[1] = std::clamp(p.hover_collective_rad[1] + common - differential,
                                     p.min_collective_rad, p.max_collective_rad);
  const bool cyclic_saturated =
      cmd.cyclic_sin_rad != cyclic_sin || cmd.cyclic_cos_rad != cyclic_cos;
  if (!cyclic_saturated) {
    s->rate_integral_rad_s += rate_err * dt;
    s->rate_integral_rad_s = s->rate_integral_rad_s.cwiseMax(-0.5).cwiseMin(0.5);
  }
  return cmd;
}

}  // namespace ingenuity::flight_control
