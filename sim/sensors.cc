#include "sim/sensors.h"

#include <cmath>

namespace ingenuity::sim {
namespace {
Eigen::Vector3d Gaussian3(GaussianSource* g) { return {g->Next(), g->Next(), g->Next()}; }
}  // namespace

SensorSuite::SensorSuite(const SensorParams& params, std::uint64_t seed)
    : params_(params),
      imu_noise_(DeriveSeed(seed, "imu")),
      altimeter_noise_(DeriveSeed(seed, "laser_altimeter")),
      inclinometer_noise_(DeriveSeed(seed, "inclinometer")) {
  gyro_bias_rad_s_ = params.gyro_bias_initial_rad_s * Gaussian3(&imu_noise_);
  accel_bias_mps2_ = params.accel_bias_initial_mps2 * Gaussian3(&imu_noise_);
}

SensorReadings SensorSuite::Sample(const Simulation& sim) {
  SensorReadings out;
  const std::int64_t tick = sim.state().tick;
  const std::int64_t time_us = tick * sim.step_us();
  const BodyKinematics& body = sim.state().body;
  const Eigen::Matrix3d R_WB = body.q_WB.toRotationMatrix();

  // The IMU needs the velocity at its previous sample (or at the first call): it stays silent
  // until it has one.
  const bool imu_due =
      tick % params_.imu_period_ticks == 0 && have_last_imu_ && tick > last_imu_tick_;
  if (!have_last_imu_) {
    v_last_imu_W_mps_ = body.v_com_W_mps;
    last_imu_tick_ = tick;
    have_last_imu_ = true;
  }
  if (imu_due) {
    const double dt = params_.imu_period_ticks * sim.step_s();
    // Mean acceleration since the previous sample, as the IMU's own filtering sees it.
    const Eigen::Vector3d a_W =
        (body.v_com_W_mps - v_last_imu_W_mps_) / ((tick - last_imu_tick_) * sim.step_s());
    v_last_imu_W_mps_ = body.v_com_W_mps;
    last_imu_tick_ = tick;
    // Specific force: acceleration minus gravity, in body axes.
    const Eigen::Vector3d f_W = a_W + Eigen::Vector3d(0.0, 0.0, kMarsGravity_mps2);
    const double rt = 1.0 / std::sqrt(dt);  // white noise: density / sqrt(sample period)
    gyro_bias_rad_s_ += params_.gyro_bias_walk_rad_s_rt_s * std::sqrt(dt) * Gaussian3(&imu_noise_);
    accel_bias_mps2_ += params_.accel_bias_walk_mps2_rt_s * std::sqrt(dt) * Gaussian3(&imu_noise_);
    flight_control::ImuSample s;
    s.time_us = time_us;
    s.specific_force_B_mps2 = R_WB.transpose() * f_W + accel_bias_mps2_ +
                              params_.accel_noise_density_mps2_rt_hz * rt * Gaussian3(&imu_noise_);
    s.rate_B_rad_s = body.w_B_rad_s + gyro_bias_rad_s_ +
                     params_.gyro_noise_density_rad_s_rt_hz * rt * Gaussian3(&imu_noise_);
    out.imu = s;
  }

  if (tick % params_.altimeter_period_ticks == 0) {
    flight_control::RangeSample r;
    r.time_us = time_us;
    const Eigen::Vector3d origin =
        body.p_com_W_m + R_WB * (params_.p_altimeter_B_m - sim.mass().p_com_B_m);
    const Eigen::Vector3d down = R_WB * Eigen::Vector3d(0.0, 0.0, -1.0);
    const auto hit = sim.terrain().Raycast(origin, down, params_.altimeter_max_range_m);
    const double noise = altimeter_noise_.Next();
    const bool dropout = altimeter_noise_.Uniform() < params_.altimeter_dropout_probability;
    if (hit && !dropout) {
      r.valid = true;
      r.range_m = std::max(0.0, hit->range_m + params_.altimeter_noise_m * noise);
    }
    out.range = r;
  }

  if (tick % kInclinometerPeriodTicks == 0) {
    flight_control::InclinometerSample s;
    s.time_us = time_us;
    // Roll and pitch of the body's up axis against gravity (x-y-z Euler, small yaw free).
    s.roll_rad = std::atan2(R_WB(2, 1), R_WB(2, 2)) +
                 params_.inclinometer_noise_rad * inclinometer_noise_.Next();
    s.pitch_rad = -std::asin(std::clamp(R_WB(2, 0), -1.0, 1.0)) +
                  params_.inclinometer_noise_rad * inclinometer_noise_.Next();
    out.inclinometer = s;
  }
  return out;
}

}  // namespace ingenuity::sim
