// Electrical power: shaft power through motor and controller losses, plus the avionics, drawn
// from a battery of Li-ion cells in series (open-circuit voltage against state of charge,
// internal resistance).
#pragma once

#include <array>

#include "sim/vehicle_params.h"

namespace ingenuity::sim {

/// Electrical power one motor and its controller draw for a shaft torque and speed [W].
/// Losses: copper (torque / k_t)^2 R, fixed iron and bearing losses while turning, then the
/// controller efficiency.
double MotorElectricalPower(const PowerParams& params, double torque_n_m, double speed_rad_s);

struct BatteryState {
  double state_of_charge = 1.0;  ///< [-]
  double energy_used_J = 0.0;    ///< energy drawn from the cells' open-circuit source [J]
  double voltage_v = 0.0;        ///< terminal voltage under the last load [V]
  double current_a = 0.0;        ///< last current [A]
  double power_W = 0.0;          ///< last electrical load [W]
  bool depleted = false;         ///< the load could not be carried above the cut-off voltage
};

/// Pack open-circuit voltage at a state of charge [V].
double PackOpenCircuitVoltage(const PowerParams& params, double state_of_charge);

/// Draws load_W for dt_s: solves V I = load with V = OCV - I R_pack, then integrates charge.
void StepBattery(const PowerParams& params, double load_W, double dt_s, BatteryState* state);

}  // namespace ingenuity::sim
