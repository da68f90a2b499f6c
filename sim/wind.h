// Mars wind at the vehicle: a steady vector, discrete "1 - cos" gusts and continuous Dryden
// turbulence (MIL-F-8785C low-altitude forms: u first order, v and w second order), seeded.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "sim/random.h"

namespace ingenuity::sim {

/// A discrete gust: wind adds amplitude * (1 - cos(2 pi t / duration)) / 2 during it.
struct Gust {
  double start_s = 0.0;
  double duration_s = 1.0;
  Eigen::Vector3d amplitude_enu_mps = Eigen::Vector3d::Zero();  ///< peak added wind [m/s]
};

/// Turbulence intensity, as the mean wind at 6 m that the Dryden low-altitude forms scale
/// from (sigma_w = 0.1 * wind_at_6m). Named levels: none 0, light 3, moderate 6, severe 10
/// m/s (assumed for Mars from MEDA's typical 2-10 m/s daytime winds).
struct TurbulenceParams {
  double wind_at_6m_mps = 0.0;
};

struct WindParams {
  Eigen::Vector3d steady_enu_mps = Eigen::Vector3d::Zero();
  std::vector<Gust> gusts;
  TurbulenceParams turbulence;
};

/// Turbulence filter states and the noise engine: the changing part of the wind.
struct WindState {
  explicit WindState(std::uint64_t seed) : noise(seed) {}
  Eigen::Vector3d turbulence_mps = Eigen::Vector3d::Zero();  ///< last output, wind axes
  double u = 0.0;                                            ///< longitudinal filter state
  // Lateral and vertical second-order filters, as (value sqrt(T), rate T^1.5): scaled so that
  // their stationary variance (1/4 each) does not depend on the correlation time T = L / V,
  // which grows tenfold on the climb out of the surface layer.
  Eigen::Vector2d z_v = Eigen::Vector2d::Zero();
  Eigen::Vector2d z_w = Eigen::Vector2d::Zero();
  /// Wind axes' longitudinal direction (ENU): the relative wind's, held while it is too slow
  /// to give a direction (hovering in calm air).
  Eigen::Vector2d along_en = Eigen::Vector2d::UnitX();
  GaussianSource noise;
  // Dryden scales for the height they were last computed at (they change slowly).
  double scales_height_ft = -1.0;
  double l_uv_m = 0.0, l_w_m = 0.0, sigma_uv_ratio = 0.0;
};

/// Advances the turbulence by dt and returns the total wind at the vehicle [m/s, ENU].
/// height_agl_m sets the Dryden scales; v_vehicle_enu_mps the speed through the frozen field.
Eigen::Vector3d StepWind(const WindParams& params, double time_s, double dt_s, double height_agl_m,
                         const Eigen::Vector3d& v_vehicle_enu_mps, WindState* state);

}  // namespace ingenuity::sim
