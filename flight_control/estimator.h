// Ingenuity's navigation filter, in the spirit of MAVeN (Bayard et al., AIAA 2019-1411): an
// error-state extended Kalman filter propagated by the IMU and corrected by
//  - the laser altimeter's slant range to a flat ground plane (its height a state that follows
//    the terrain as the vehicle flies),
//  - tracked navigation-camera features against a base frame: each feature's ground point is
//    fixed (flat-ground assumption) when the base frame is taken; a later frame's rays to the
//    same points give the vehicle's horizontal position. The base frame is renewed when too
//    few of its features remain, so position drifts at each renewal as in visual odometry,
//  - zero velocity while resting on the ground (before take-off).
// Measurements carry their timestamp: the filter compares each with its own state at that
// time (a short history), so a frame stamped with the wrong time is applied wrongly, exactly
// as it was on flight 6.
//
// Error state (16): position, velocity, attitude (world-frame small angle), gyro bias,
// accelerometer bias, and the height of the flat ground plane under the vehicle (a random walk
// in distance flown, so the altitude hold follows the terrain as the altimeter sees it). World =
// local ENU, body = FLU. It never sees truth.
#pragma once

#include <Eigen/Core>
#include <Eigen/Geometry>
#include <array>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "flight_control/messages.h"

namespace ingenuity::flight_control {

/// What the filter believes about its sensors (from the flight software's file).
struct EstimatorParams {
  double gravity_mps2 = 3.721;
  // IMU noise [unit/sqrt(Hz)] and bias walks [unit/sqrt(s)].
  double gyro_noise_density_rad_s_rt_hz = 1.2e-4;
  double accel_noise_density_mps2_rt_hz = 1.5e-3;
  double gyro_bias_walk_rad_s_rt_s = 3e-6;
  double accel_bias_walk_mps2_rt_s = 1e-4;
  int covariance_divider = 5;  ///< covariance propagated every n-th IMU sample
  // Laser altimeter: mounting, noise and the flat-ground model's error.
  Eigen::Vector3d p_altimeter_B_m{0.0, 0.0, 0.12};
  double range_noise_m = 0.05;
  double range_gate_sigma = 6.0;        ///< innovations beyond this many sigma are rejected
  double ground_walk_m2_per_m = 0.005;  ///< ground height variance gained per metre flown
  int ground_step_samples = 10;         ///< this many rejected in a row: the ground plane moved
  // Navigation camera (pinhole, nadir; columns towards body -y, rows towards body -x).
  Eigen::Vector3d p_camera_B_m = Eigen::Vector3d::Zero();  ///< relative to the nav point
  double camera_fx_px = 139.3, camera_fy_px = 201.4;
  double camera_cx_px = 320.0, camera_cy_px = 240.0;
  double feature_noise_px = 0.5;
  double feature_position_floor_m = 0.03;      ///< least position noise of one frame
  double feature_parallax_ratio = 0.03;        ///< flat-ground error per metre from the base
  double ground_slope_prior = 0.1;             ///< 1-sigma slope of the features' ground plane
  double max_ground_slope = 0.3;               ///< the fitted slope is limited to this
  double ground_curvature_prior_per_m = 0.02;  ///< 1-sigma curvature of the features' ground
  double max_ground_curvature_per_m = 0.1;     ///< the fitted curvature is limited to this
  double ground_fit_min_baseline_ratio = 0.1;  ///< shape fitted from this x height off the base
  int min_features = 12;                       ///< fewer matched: the frame is not used
  double base_keep_fraction = 0.5;             ///< renew the base below this share of matches
  double feature_gate_sigma = 8.0;
  std::int64_t max_frame_age_us = 400000;  ///< older stamps are out of sync
  double zero_velocity_noise_mps = 0.01;
  // Initial 1-sigma, at the end of the preflight checks: position and velocity at rest on the
  // start, roll and pitch levelled by the inclinometer, heading from the ground team, biases
  // after the preflight averages, and the ground plane under the feet.
  double initial_position_sigma_m = 0.01;
  double initial_velocity_sigma_mps = 0.01;
  double initial_level_sigma_rad = 0.002;
  double initial_heading_sigma_rad = 0.01;
  double initial_gyro_bias_sigma_rad_s = 5e-5;
  double initial_accel_bias_sigma_mps2 = 0.01;
  double initial_ground_sigma_m = 0.01;
};

/// The filter's state and its history of recent poses (for timestamped measurements).
struct EstimatorState {
  bool initialized = false;
  std::int64_t time_us = 0;  ///< time of the last IMU sample
  Eigen::Vector3d p_W_m = Eigen::Vector3d::Zero();
  Eigen::Vector3d v_W_mps = Eigen::Vector3d::Zero();
  Eigen::Quaterniond q_WB = Eigen::Quaterniond::Identity();
  Eigen::Vector3d gyro_bias_rad_s = Eigen::Vector3d::Zero();
  Eigen::Vector3d accel_bias_mps2 = Eigen::Vector3d::Zero();
  static constexpr int kErrorStates = 16;
  Eigen::Matrix<double, kErrorStates, kErrorStates> P =
      Eigen::Matrix<double, kErrorStates, kErrorStates>::Zero();
  Eigen::Vector3d w_B_rad_s = Eigen::Vector3d::Zero();  ///< last bias-corrected rate
  Eigen::Vector3d f_B_mps2 = Eigen::Vector3d::Zero();   ///< last bias-corrected force
  double ground_z_W_m = 0.0;  ///< height of the flat ground plane under the vehicle
  int range_rejections = 0;   ///< in a row
  int ground_steps = 0;       ///< times the plane was moved (terrain steps, scarps)
  // Covariance propagation accumulates IMU time between updates.
  int samples_since_covariance = 0;
  // Pose history, a ring of the last kHistory IMU samples.
  static constexpr int kHistory = 256;
  struct Pose {
    std::int64_t time_us = 0;
    Eigen::Vector3d p_W_m = Eigen::Vector3d::Zero();
    Eigen::Quaterniond q_WB = Eigen::Quaterniond::Identity();
  };
  std::array<Pose, kHistory> history{};
  int history_next = 0, history_count = 0;
  // Base frame: each feature's ray, as the horizontal offset [m, world east/north] of its
  // ground point per metre of depth below the camera, and where the camera was.
  std::unordered_map<std::uint64_t, Eigen::Vector2d> base_rays_W;
  std::size_t base_size = 0;
  Eigen::Vector2d base_origin_W_m = Eigen::Vector2d::Zero();  ///< camera when it was taken
  double base_height_m = 0.0;      ///< camera above the ground plane then (altimeter)
  double base_ground_z_W_m = 0.0;  ///< the ground plane's height under the camera then
  /// The features' ground, fitted: slope [m/m] (east, north) and curvature [1/m].
  Eigen::Vector3d base_shape = Eigen::Vector3d::Zero();
  // Health, for the mission executor.
  int frames_used = 0, frames_starved = 0, frames_out_of_sync = 0, frames_rejected = 0;
  int base_renewals = 0;
  int consecutive_rejections = 0;
  double last_normalized_innovation = 0.0;  ///< of the last feature update [sigma]
};

/// Starts the filter at rest: attitude from the levelled roll/pitch and the known heading,
/// biases from the preflight averages, the ground plane under the vehicle.
void InitializeEstimator(const EstimatorParams& params, std::int64_t time_us,
                         const Eigen::Vector3d& p_W_m, const Eigen::Quaterniond& q_WB,
                         const Eigen::Vector3d& gyro_bias_rad_s,
                         const Eigen::Vector3d& accel_bias_mps2, double ground_z_W_m,
                         EstimatorState* state);

/// Propagates with one IMU sample.
void PropagateImu(const EstimatorParams& params, const ImuSample& imu, EstimatorState* state);

/// Corrects with one altimeter sample (ignored when it has no return). Returns whether used.
bool UpdateRange(const EstimatorParams& params, const RangeSample& range, EstimatorState* state);

/// Corrects with zero velocity (resting on the ground).
void UpdateZeroVelocity(const EstimatorParams& params, EstimatorState* state);

/// What became of one camera frame.
enum class FrameUse { kUsed, kNewBase, kTooFewFeatures, kOutOfSync, kRejected };

/// Corrects with one navigation-camera frame, received at now_us.
FrameUse UpdateCamera(const EstimatorParams& params, const CameraFrame& frame, std::int64_t now_us,
                      EstimatorState* state);

/// Forgets the base frame (images ignored: near the ground, final descent).
void DropBaseFrame(EstimatorState* state);

/// A navigation-camera pixel's ray in body axes (not unit: its z is -1).
Eigen::Vector3d CameraRayB(const EstimatorParams& params, const ImageFeature& feature);

/// The filter's pose (navigation point, attitude) at a past time within its history, nearest
/// IMU sample; false when the time is outside it.
bool PoseAtTime(const EstimatorState& state, std::int64_t time_us, Eigen::Vector3d* p_W_m,
                Eigen::Quaterniond* q_WB);

/// The 1-sigma position uncertainty, horizontal [m].
double HorizontalSigma(const EstimatorState& state);

}  // namespace ingenuity::flight_control
