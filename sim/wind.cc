#include "sim/wind.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace ingenuity::sim {
namespace {
constexpr double kFeetPerMetre = 3.280839895;
// Below this relative wind the wind axes keep their last direction: a hovering vehicle's
// jitter would otherwise spin them, and the gust with them.
constexpr double kMinAxisSpeed_mps = 0.5;
}  // namespace

Eigen::Vector3d StepWind(const WindParams& params, double time_s, double dt_s, double height_agl_m,
                         const Eigen::Vector3d& v_vehicle_enu_mps, WindState* state) {
  Eigen::Vector3d wind = params.steady_enu_mps;

  // Discrete gusts, 1 - cos shape.
  for (const Gust& g : params.gusts) {
    const double t = time_s - g.start_s;
    if (t >= 0.0 && t <= g.duration_s) {
      wind +=
          g.amplitude_enu_mps * 0.5 * (1.0 - std::cos(2.0 * std::numbers::pi * t / g.duration_s));
    }
  }

  const double w6 = params.turbulence.wind_at_6m_mps;
  if (w6 <= 0.0) return wind;

  // MIL-F-8785C low-altitude scales and intensities (h in feet inside the formulas).
  // Recomputed when the height has changed by more than 0.1 ft.
  const double h_ft = std::max(height_agl_m * kFeetPerMetre, 3.0);
  if (std::abs(h_ft - state->scales_height_ft) > 0.1) {
    const double k = 0.177 + 0.000823 * h_ft;
    state->scales_height_ft = h_ft;
    state->l_w_m = h_ft / kFeetPerMetre;
    state->l_uv_m = h_ft / std::pow(k, 1.2) / kFeetPerMetre;
    state->sigma_uv_ratio = 1.0 / std::pow(k, 0.4);
  }
  const double l_w_m = state->l_w_m, l_uv_m = state->l_uv_m;
  const double sigma_w = 0.1 * w6;
  const double sigma_uv = sigma_w * state->sigma_uv_ratio;

  // Speed through the frozen field: the mean wind relative to the vehicle, at least 1 m/s.
  const Eigen::Vector3d rel = params.steady_enu_mps - v_vehicle_enu_mps;
  const Eigen::Vector2d rel_h = rel.head<2>();
  const double speed = std::max(rel_h.norm(), 1.0);

  // Longitudinal: first order, exact discretisation (variance sigma_uv^2).
  const double a = std::exp(-speed * dt_s / l_uv_m);
  state->u = a * state->u + sigma_uv * std::sqrt(1.0 - a * a) * state->noise.Next();

  // Lateral and vertical: K (1 + sqrt(3) T s) / (1 + T s)^2 with T = L / V and K = sigma
  // sqrt(T), driven by unit white noise, has variance sigma^2. Semi-implicit Euler on the
  // unscaled states (x, x'), kept scaled as (x sqrt(T), x' T^1.5) so that a change of T
  // (height, speed) leaves their statistics in place instead of amplifying old states.
  auto second_order = [&](double sigma, double length_m, Eigen::Vector2d* z) {
    const double t_s = length_m / speed;
    const double root_t = std::sqrt(t_s), t_15 = t_s * root_t;
    double x = (*z)(0) / root_t, x_rate = (*z)(1) / t_15;
    const double n = state->noise.Next() / std::sqrt(dt_s);
    const double acc = (n - x - 2.0 * t_s * x_rate) / (t_s * t_s);
    x_rate += acc * dt_s;
    x += x_rate * dt_s;
    *z = {x * root_t, x_rate * t_15};
    return sigma * ((*z)(0) + std::sqrt(3.0) * (*z)(1));
  };
  const double v = second_order(sigma_uv, l_uv_m, &state->z_v);
  const double w = second_order(sigma_w, l_w_m, &state->z_w);
  state->turbulence_mps = {state->u, v, w};

  // Wind axes: u along the mean horizontal relative wind, v to its left, w up.
  if (rel_h.norm() > kMinAxisSpeed_mps) state->along_en = rel_h.normalized();
  const Eigen::Vector2d& along = state->along_en;
  wind.x() += state->u * along.x() - v * along.y();
  wind.y() += state->u * along.y() + v * along.x();
  wind.z() += w;
  return wind;
}

}  // namespace ingenuity::sim
