// The coaxial pair: upper rotor first, its slipstream handed to the lower rotor.
#pragma once

#include <array>
#include <memory>

#include "sim/airfoil.h"
#include "sim/rotor.h"

namespace ingenuity::sim {

enum RotorIndex { kUpper = 0, kLower = 1 };

/// Upper rotor turns counter-clockwise seen from above (+1), lower clockwise (-1) (assumed;
/// the direction only mirrors the yaw torques).
class CoaxialRotor {
 public:
  explicit CoaxialRotor(const RotorParams& params, const AirfoilParams& airfoil);
  CoaxialRotor(const CoaxialRotor&) = delete;
  CoaxialRotor& operator=(const CoaxialRotor&) = delete;

  const RotorModel& rotor(int index) const { return index == kUpper ? upper_ : lower_; }
  const AirfoilModel& airfoil() const { return *airfoil_; }
  /// Hub position of each rotor in the body frame [m].
  const Eigen::Vector3d& p_hub_B_m(int index) const { return p_hub_B_m_[index]; }
  const RotorParams& params() const { return params_; }

  /// Both rotors' loads, advancing both inflows (and, sampling by blades, the blades) by dt_s.
  std::array<RotorLoads, 2> Step(const std::array<RotorControls, 2>& controls,
                                 const std::array<RotorFlow, 2>& flows, const AirState& air,
                                 double dt_s, std::array<RotorInflowState, 2>* states,
                                 RotorSampling sampling = RotorSampling::kRevolutionMean) const;

 private:
  RotorParams params_;
  std::unique_ptr<AirfoilModel> airfoil_;
  RotorModel upper_;
  RotorModel lower_;
  std::array<Eigen::Vector3d, 2> p_hub_B_m_;
};

}  // namespace ingenuity::sim
