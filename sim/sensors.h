// Ingenuity's sensors, sampled from the simulation's true state with seeded noise: a MEMS IMU
// (white noise from the noise densities, turn-on biases, bias random walks), the laser
// altimeter (a ray cast against the terrain along the body's -z axis, range limit, noise,
// dropouts) and the inclinometer (roll and pitch). Each runs on a whole number of physics
// ticks. The navigation camera's feature model comes with the estimator.
#pragma once

#include <cstdint>
#include <optional>

#include "flight_control/messages.h"
#include "sim/random.h"
#include "sim/simulation.h"

namespace ingenuity::sim {

/// The inclinometer's period: 10 Hz at the 1 kHz step (assumed).
inline constexpr int kInclinometerPeriodTicks = 100;

/// The samples due at one tick (most ticks have none of some kinds).
struct SensorReadings {
  std::optional<flight_control::ImuSample> imu;
  std::optional<flight_control::RangeSample> range;
  std::optional<flight_control::InclinometerSample> inclinometer;
};

class SensorSuite {
 public:
  /// Seeds come from the scenario seed, one engine per sensor.
  SensorSuite(const SensorParams& params, std::uint64_t scenario_seed);

  /// Samples the sensors due at the simulation's current tick (call once after each step).
  /// The IMU's first sample comes at its first due tick after the first call.
  SensorReadings Sample(const Simulation& sim);

  const Eigen::Vector3d& gyro_bias_rad_s() const { return gyro_bias_rad_s_; }
  const Eigen::Vector3d& accel_bias_mps2() const { return accel_bias_mps2_; }

 private:
  SensorParams params_;
  GaussianSource imu_noise_, altimeter_noise_, inclinometer_noise_;
  Eigen::Vector3d gyro_bias_rad_s_, accel_bias_mps2_;
  Eigen::Vector3d v_last_imu_W_mps_ = Eigen::Vector3d::Zero();
  std::int64_t last_imu_tick_ = 0;
  bool have_last_imu_ = false;
};

}  // namespace ingenuity::sim
