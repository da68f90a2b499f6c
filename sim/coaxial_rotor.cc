#include "sim/coaxial_rotor.h"

namespace ingenuity::sim {

CoaxialRotor::CoaxialRotor(const RotorParams& params, const AirfoilParams& airfoil)
    : params_(params),
      airfoil_(std::make_unique<AirfoilModel>(airfoil)),
      upper_(params, airfoil_.get(), +1, 0.0),
      lower_(params, airfoil_.get(), -1, params.spacing_m) {
  p_hub_B_m_[kLower] = params.p_lower_hub_B_m;
  p_hub_B_m_[kUpper] = params.p_lower_hub_B_m + Eigen::Vector3d(0.0, 0.0, params.spacing_m);
}

std::array<RotorLoads, 2> CoaxialRotor::Step(const std::array<RotorControls, 2>& controls,
                                             const std::array<RotorFlow, 2>& flows,
                                             const AirState& air, double dt_s,
                                             std::array<RotorInflowState, 2>* states,
                                             RotorSampling sampling) const {
  std::array<RotorLoads, 2> loads;
  RotorWake wake;
  loads[kUpper] = upper_.Step(controls[kUpper], flows[kUpper], air, nullptr, dt_s,
                              &(*states)[kUpper], &wake, sampling);
  loads[kLower] = lower_.Step(controls[kLower], flows[kLower], air, &wake, dt_s, &(*states)[kLower],
                              nullptr, sampling);
  return loads;
}

}  // namespace ingenuity::sim
