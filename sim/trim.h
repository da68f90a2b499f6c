// Hover trim of the coaxial rotor: the two collectives that hold the weight with zero net
// yaw torque at a given air density and rotor speed, solved by Newton's method on the same
// rotor model the simulation steps (its inflow converged in pseudo-time at each point).
#pragma once

#include <array>

#include "sim/coaxial_rotor.h"
#include "sim/mars_atmosphere.h"
#include "sim/vehicle_params.h"

namespace ingenuity::sim {

struct TrimConditions {
  AirState air;
  double rotor_speed_rad_s = 0.0;
  double mass_kg = 1.8;
  double height_agl_m = 1e3;  ///< lower rotor hub above flat ground [m]; large = out of it
};

struct TrimResult {
  bool converged = false;
  std::array<double, 2> collective_rad{};  ///< upper, lower
  std::array<double, 2> thrust_N{};
  std::array<double, 2> shaft_torque_N_m{};
  double weight_N = 0.0;
  double net_yaw_torque_N_m = 0.0;  ///< on the body, + counter-clockwise from above
  double aero_power_W = 0.0;        ///< both shafts
  double induced_power_W = 0.0;     ///< both rotors
  double electrical_power_W = 0.0;  ///< motors, controllers and avionics
  double tip_mach = 0.0;
  double figure_of_merit = 0.0;       ///< W^1.5 / sqrt(2 rho A) over aero power
  double thrust_margin = 0.0;         ///< largest thrust before stall over weight
  double ground_effect_factor = 1.0;  ///< lower rotor's induced-velocity factor
  int iterations = 0;
};

/// Rotor loads with converged inflow at fixed controls (still air, no body motion).
std::array<RotorLoads, 2> SteadyRotorLoads(const CoaxialRotor& rotor,
                                           const std::array<RotorControls, 2>& controls,
                                           const AirState& air, double height_agl_m,
                                           std::array<RotorInflowState, 2>* inflow);

/// Solves hover trim. power: the vehicle's motor and battery figures.
TrimResult SolveHoverTrim(const CoaxialRotor& rotor, const PowerParams& power,
                          const TrimConditions& conditions);

}  // namespace ingenuity::sim
