#include "sim/trim.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <numbers>

#include "sim/power.h"

namespace ingenuity::sim {
namespace {
constexpr double kDeg = std::numbers::pi / 180.0;
// Pseudo-time step and convergence test of the inflow [s], [m/s].
constexpr double kPseudoStep_s = 0.02;
constexpr double kInflowTolerance_mps = 1e-8;
constexpr int kMaxInflowIterations = 6000;
}  // namespace

std::array<RotorLoads, 2> SteadyRotorLoads(const CoaxialRotor& rotor,
                                           const std::array<RotorControls, 2>& controls,
                                           const AirState& air, double height_agl_m,
                                           std::array<RotorInflowState, 2>* inflow) {
  std::array<RotorFlow, 2> flows;
  flows[kLower].height_agl_m = height_agl_m;
  flows[kUpper].height_agl_m = height_agl_m + rotor.params().spacing_m;
  std::array<RotorLoads, 2> loads;
  for (int it = 0; it < kMaxInflowIterations; ++it) {
    const std::array<RotorInflowState, 2> before = *inflow;
    loads = rotor.Step(controls, flows, air, kPseudoStep_s, inflow);
    double change = 0.0;
    for (int r = 0; r < 2; ++r) {
      for (int i = 0; i < rotor.rotor(r).element_count(); ++i) {
        change =
            std::max(change, std::abs((*inflow)[r].v_annulus_mps[i] - before[r].v_annulus_mps[i]));
      }
      change = std::max(
          change,
          ((*inflow)[r].moment_gradient_mps - before[r].moment_gradient_mps).cwiseAbs().maxCoeff());
    }
    if (change < kInflowTolerance_mps) break;
  }
  return loads;
}

TrimResult SolveHoverTrim(const CoaxialRotor& rotor, const PowerParams& power,
                          const TrimConditions& c) {
  TrimResult result;
  result.weight_N = c.mass_kg * kMarsGravity_mps2;
  std::array<RotorInflowState, 2> inflow{};
  auto controls_for = [&](const Eigen::Vector2d& theta) {
    std::array<RotorControls, 2> controls;
    for (int r = 0; r < 2; ++r) {
      controls[r].collective_rad = theta[r];
      controls[r].speed_rad_s = c.rotor_speed_rad_s;
    }
    return controls;
  };
  auto residual = [&](const Eigen::Vector2d& theta, std::array<RotorLoads, 2>* out) {
    const auto loads = SteadyRotorLoads(rotor, controls_for(theta), c.air, c.height_agl_m, &inflow);
    if (out) *out = loads;
    return Eigen::Vector2d(loads[kUpper].thrust_N + loads[kLower].thrust_N - result.weight_N,
                           loads[kUpper].shaft_torque_N_m - loads[kLower].shaft_torque_N_m);
  };

  Eigen::Vector2d theta(8.0 * kDeg, 8.0 * kDeg);
  std::array<RotorLoads, 2> loads;
  Eigen::Vector2d r = residual(theta, &loads);
  for (int it = 0; it < 30; ++it) {
    result.iterations = it + 1;
    // Thrust within 1e-6 of weight and torques equal within 1e-6 of one rotor's torque.
    if (std::abs(r[0]) < 1e-6 * result.weight_N &&
        std::abs(r[1]) < 1e-6 * std::abs(loads[kUpper].shaft_torque_N_m)) {
      result.converged = true;
      break;
    }
    Eigen::Matrix2d jac;
    const double h = 1e-4;
    for (int k = 0; k < 2; ++k) {
      Eigen::Vector2d t = theta;
      t[k] += h;
      jac.col(k) = (residual(t, nullptr) - r) / h;
    }
    Eigen::Vector2d step = jac.fullPivLu().solve(-r);
    // Limit each Newton step to 3 deg.
    const double biggest = step.cwiseAbs().maxCoeff();
    if (biggest > 3.0 * kDeg) step *= 3.0 * kDeg / biggest;
    theta += step;
    r = residual(theta, &loads);
  }

  // A solution on the post-stall branch (flat-plate lift at large collective) is no trim.
  if (loads[kUpper].stalled_fraction > 0.3 || loads[kLower].stalled_fraction > 0.3) {
    result.converged = false;
  }
  const double omega = c.rotor_speed_rad_s;
  const double rho = c.air.density_kg_m3;
  const double area = rotor.rotor(kUpper).disc_area_m2();
  for (int k = 0; k < 2; ++k) {
    result.collective_rad[k] = theta[k];
    result.thrust_N[k] = loads[k].thrust_N;
    result.shaft_torque_N_m[k] = loads[k].shaft_torque_N_m;
    result.aero_power_W += loads[k].power_W;
    result.induced_power_W += loads[k].induced_power_W;
    result.electrical_power_W += MotorElectricalPower(power, loads[k].shaft_torque_N_m, omega);
  }
  result.electrical_power_W += power.avionics_power_w;
  // Reactions of the motors on the body: upper turns counter-clockwise (+1).
  result.net_yaw_torque_N_m =
      -rotor.rotor(kUpper).spin_direction() * loads[kUpper].shaft_torque_N_m -
      rotor.rotor(kLower).spin_direction() * loads[kLower].shaft_torque_N_m;
  result.tip_mach = omega * rotor.rotor(kUpper).radius_m() / c.air.speed_of_sound_mps;
  result.figure_of_merit =
      std::pow(result.weight_N, 1.5) / std::sqrt(2.0 * rho * area) / result.aero_power_W;
  result.ground_effect_factor = loads[kLower].ground_effect_factor;

  // Thrust margin: raise both collectives together; the largest thrust met before most of
  // either disc's thrust comes from stalled sections (beyond that, flat-plate lift at large
  // pitch is no usable thrust).
  double best = loads[kUpper].thrust_N + loads[kLower].thrust_N;
  std::array<RotorInflowState, 2> sweep = inflow;
  for (double extra = 0.25 * kDeg; extra < 30.0 * kDeg; extra += 0.25 * kDeg) {
    const auto l = SteadyRotorLoads(rotor, controls_for(theta + Eigen::Vector2d::Constant(extra)),
                                    c.air, c.height_agl_m, &sweep);
    if (l[kUpper].stalled_fraction > 0.5 || l[kLower].stalled_fraction > 0.5) break;
    best = std::max(best, l[kUpper].thrust_N + l[kLower].thrust_N);
  }
  result.thrust_margin = best / result.weight_N;
  return result;
}

}  // namespace ingenuity::sim
