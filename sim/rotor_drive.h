// Rotor drive: per rotor, a motor under a PI speed governor (within a torque limit) turning
// a rotor of known inertia; and the swashplate servos (rate and range limits).
#pragma once

#include <array>

#include "sim/rotor.h"
#include "sim/vehicle_params.h"

namespace ingenuity::sim {

/// What the flight software asks of one rotor.
struct RotorCommand {
  double collective_rad = 0.0;
  double cyclic_cos_rad = 0.0;
  double cyclic_sin_rad = 0.0;
  double speed_rad_s = 0.0;  ///< governor set point [rad/s]
};

/// Changing state of one rotor's drive.
struct RotorDriveState {
  double speed_rad_s = 0.0;       ///< rotor speed [rad/s]
  double integral_n_m = 0.0;      ///< governor integral term [N m]
  double motor_torque_n_m = 0.0;  ///< last torque the motor applied [N m]
  RotorControls swashplate;       ///< servo positions, and the rotor speed
};

/// Moves the servos towards the command within rate and range limits.
void StepSwashplate(const DriveParams& params, const RotorCommand& command, double dt_s,
                    RotorDriveState* state);

/// Motor torque from the governor, then the rotor speed: I dw/dt = Q_motor - Q_aero.
/// Returns the motor torque [N m] (its reaction acts on the body).
double StepRotorSpeed(const DriveParams& params, double rotor_inertia_kg_m2,
                      double command_speed_rad_s, double aero_torque_n_m, double dt_s,
                      RotorDriveState* state);

/// rpm to rad/s.
inline constexpr double RpmToRadPerSec(double rpm) { return rpm * 0.10471975511965977; }

}  // namespace ingenuity::sim
