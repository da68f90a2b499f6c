// Ingenuity's flight software as one 500 Hz cycle, run on each IMU sample: preflight
// averaging (gyro bias, levelling from the inclinometer), the navigation filter
// (flight_control/estimator.h), the camera's ground map (ground_map.h), the mission executor
// (mission.h) and the controller (controller.h). StepFlightSoftware is the one place that wires
// them, in this order:
//   1. preflight: average the IMU and inclinometer; at its end start the filter;
//   2. filter: propagate with the IMU, then correct with the altimeter, zero velocity on the
//      ground, and the camera frames delivered since the last cycle (when images are in use);
//      each frame the filter accepts also maps the ground it shows, at the filter's pose;
//   3. executor: checks, modes and the setpoint (riding on the mapped ground ahead), in the
//      flight frame (vertical_track_m);
//   4. controller: actuator commands (flat pitch on the ground).
// It receives only sensor messages, and the start pose the ground team gives it.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "flight_control/controller.h"
#include "flight_control/estimator.h"
#include "flight_control/ground_map.h"
#include "flight_control/messages.h"
#include "flight_control/mission.h"

namespace ingenuity::flight_control {

struct FlightSoftwareParams {
  ControllerParams control;
  EstimatorParams estimator;
  GroundMapParams ground_map;
  MissionParams mission;
};

/// The messages that arrived since the last cycle (the IMU sample is the cycle's own).
struct FlightSoftwareInputs {
  ImuSample imu;
  std::optional<RangeSample> range;
  std::optional<InclinometerSample> inclinometer;
  std::optional<BatterySample> battery;
  std::vector<CameraFrame> frames;
};

struct FlightSoftwareState {
  EstimatorState estimator;
  GroundMap ground_map;
  /// The flight frame's height: the filter's vertical velocity integrated, starting from its
  /// height. The filter's own height is revised by altimeter corrections (its absolute height
  /// is unobserved over unknown relief, and late in a flight the corrections go mostly into it,
  /// as a revised history of velocity); those revisions are not motion. The executor, the
  /// controller and the ground map work in this frame, the ground placed the filter's height
  /// above ground below the vehicle, so a revision neither moves the vehicle nor the map.
  double vertical_track_m = 0.0;
  MissionState mission;
  ControllerState control;
  // Where the ground team says the vehicle stands: datum in the local frame and heading.
  Eigen::Vector3d p_start_datum_W_m = Eigen::Vector3d::Zero();
  double start_yaw_rad = 0.0;
  // Preflight sums.
  Eigen::Vector3d gyro_sum = Eigen::Vector3d::Zero(), accel_sum = Eigen::Vector3d::Zero();
  int imu_count = 0;
  double roll_sum_rad = 0.0, pitch_sum_rad = 0.0;
  int inclinometer_count = 0;
  bool preflight_ok = true;
  // Health.
  int consecutive_out_of_sync = 0;
  double battery_soc = 1.0;
  std::int64_t period_us = 2000;
  // The last cycle's output, for telemetry.
  MissionOutput mission_output;
  ActuatorCommand command;
  FrameUse last_frame_use = FrameUse::kUsed;
};

/// Sets the start pose (datum under the feet, yaw of body +x from east counter-clockwise).
void InitializeFlightSoftware(const FlightSoftwareParams& params,
                              const Eigen::Vector3d& p_start_datum_W_m, double start_yaw_rad,
                              FlightSoftwareState* state);

/// One cycle. Returns the actuator command.
const ActuatorCommand& StepFlightSoftware(const FlightSoftwareParams& params,
                                          const MissionPlan& plan,
                                          const FlightSoftwareInputs& inputs,
                                          FlightSoftwareState* state);

/// The estimate as the controller sees it.
NavState NavEstimate(const EstimatorState& estimator);

}  // namespace ingenuity::flight_control
