#include "flight_control/estimator.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>

namespace ingenuity::flight_control {
namespace {

constexpr int kN = EstimatorState::kErrorStates;
using MatrixN = Eigen::Matrix<double, kN, kN>;
constexpr int kP = 0, kV = 3, kTheta = 6, kBg = 9, kBa = 12, kG = 15;

Eigen::Matrix3d Skew(const Eigen::Vector3d& a) {
  Eigen::Matrix3d m;
  m << 0.0, -a.z(), a.y(), a.z(), 0.0, -a.x(), -a.y(), a.x(), 0.0;
  return m;
}

Eigen::Quaterniond RotationVector(const Eigen::Vector3d& theta) {
  const double angle = theta.norm();
  if (angle < 1e-12)
    return Eigen::Quaterniond(1.0, 0.5 * theta.x(), 0.5 * theta.y(), 0.5 * theta.z());
  return Eigen::Quaterniond(Eigen::AngleAxisd(angle, theta / angle));
}

// Applies an error-state correction to the nominal state (attitude error in world axes).
void Inject(const Eigen::Matrix<double, kN, 1>& dx, EstimatorState* s) {
  s->p_W_m += dx.segment<3>(kP);
  s->v_W_mps += dx.segment<3>(kV);
  s->q_WB = (RotationVector(dx.segment<3>(kTheta)) * s->q_WB).normalized();
  s->gyro_bias_rad_s += dx.segment<3>(kBg);
  s->accel_bias_mps2 += dx.segment<3>(kBa);
  s->ground_z_W_m += dx(kG);
}

// One Kalman update of M measurements with the residual r, Jacobian H and noise covariance Rn.
// Returns the normalized innovation (sqrt of r' S^-1 r / M); rejected beyond the gate. States
// named in `consider` (a Schmidt filter's consider states) keep their estimate: their gain
// rows are zeroed, and the Joseph form keeps the covariance right for that gain.
template <int M>
bool KalmanUpdate(const Eigen::Matrix<double, M, 1>& r, const Eigen::Matrix<double, M, kN>& H,
                  const Eigen::Matrix<double, M, M>& Rn, double gate_sigma, EstimatorState* s,
                  double* normalized_innovation, std::initializer_list<int> consider = {}) {
  const Eigen::Matrix<double, kN, M> PHt = s->P * H.transpose();
  const Eigen::Matrix<double, M, M> S = H * PHt + Rn;
  const Eigen::Matrix<double, M, M> S_inv = S.inverse();
  const double nis = r.dot(S_inv * r);
  const double normalized = std::sqrt(nis / M);
  if (normalized_innovation) *normalized_innovation = normalized;
  if (!std::isfinite(nis) || normalized > gate_sigma) return false;
  Eigen::Matrix<double, kN, M> K = PHt * S_inv;
  for (int i : consider) K.row(i).setZero();
  Inject(K * r, s);
  // Joseph form keeps P symmetric and positive.
  const MatrixN I_KH = MatrixN::Identity() - K * H;
  s->P = I_KH * s->P * I_KH.transpose() + K * Rn * K.transpose();
  return true;
}

// The filter's pose at a past time (nearest IMU sample), or nullptr when outside the history.
const EstimatorState::Pose* PoseAt(const EstimatorState& s, std::int64_t time_us) {
  if (s.history_count == 0) return nullptr;
  const int newest = (s.history_next + EstimatorState::kHistory - 1) % EstimatorState::kHistory;
  const int oldest =
      (s.history_next + EstimatorState::kHistory - s.history_count) % EstimatorState::kHistory;
  if (time_us > s.history[newest].time_us + 2000 || time_us < s.history[oldest].time_us) {
    return nullptr;
  }
  // Samples are evenly spaced: step back from the newest.
  const EstimatorState::Pose* best = &s.history[newest];
  for (int k = 1; k < s.history_count; ++k) {
    const auto& pose =
        s.history[(newest - k + EstimatorState::kHistory) % EstimatorState::kHistory];
    if (std::abs(pose.time_us - time_us) < std::abs(best->time_us - time_us)) {
      best = &pose;
    } else {
      break;
    }
  }
  return best;
}

void PushHistory(EstimatorState* s) {
  s->history[s->history_next] = {s->time_us, s->p_W_m, s->q_WB};
  s->history_next = (s->history_next + 1) % EstimatorState::kHistory;
  s->history_count = std::min(s->history_count + 1, EstimatorState::kHistory);
}

// The camera position the matched features imply (pairs of ray slopes: base frame, this
// frame), with the ground taken as a plane through the ground under the base frame's camera,
// base_height_m below it, and under this camera, height_m below it (the altimeter's). Each
// feature implies a position: its ground point from the base ray minus its offset along this
// frame's ray. The plane's slope is fitted so that the features agree (Gauss-Newton on their
// scatter, with a prior towards level): relief that a level plane would miss shows as a
// scatter growing with the distance from the base, and a level plane on a slope would drift
// the position by the slope x the features' mean distance ahead / height x the baseline.
// Near the base the shape barely moves the features, so it is held until the camera has moved
// (across or down) ground_fit_min_baseline_ratio x its height: fitted nearer, it followed the
// pixel noise.
Eigen::Vector2d ImpliedCameraPosition(
    const EstimatorParams& p, const EstimatorState& s,
    const std::vector<std::pair<Eigen::Vector2d, Eigen::Vector2d>>& pairs, double height_m,
    const Eigen::Vector2d& predicted_W_m, Eigen::Vector3d* ground_shape) {
  const int n = static_cast<int>(pairs.size());
  const Eigen::Vector2d baseline_W_m = predicted_W_m - s.base_origin_W_m;
  // The ground: z = slope . x + curvature / 2 |x|^2 about the midpoint of the baseline, so its
  // slope under the base camera is slope - curvature x baseline / 2 and under this one slope +
  // curvature x baseline / 2. A ray of slope e from a camera h above the ground under it meets
  // it at the depth d solving curvature / 2 |e|^2 d^2 + (1 + slope_there . e) d = h.
  const auto depth = [](const Eigen::Vector2d& slope, double curvature, const Eigen::Vector2d& e,
                        double h) {
    const double b = std::max(0.2, 1.0 + slope.dot(e));
    const double disc = std::max(0.0, b * b + 2.0 * curvature * e.squaredNorm() * h);
    return 2.0 * h / (b + std::sqrt(disc));
  };
  const auto implied = [&](const Eigen::Vector3d& q,
                           const std::pair<Eigen::Vector2d, Eigen::Vector2d>& pair) {
    const auto& [eb, en] = pair;
    const Eigen::Vector2d half = 0.5 * q.z() * baseline_W_m;
    const double db = depth(q.head<2>() - half, q.z(), eb, s.base_height_m);
    const double dn = depth(q.head<2>() + half, q.z(), en, height_m);
    return Eigen::Vector2d(s.base_origin_W_m + eb * db - en * dn);
  };
  // Each feature's scatter: pixel noise at this height, plus relief the surface cannot hold.
  const double pixel_m = height_m * p.feature_noise_px / p.camera_fx_px;
  const double scatter2 =
      pixel_m * pixel_m + std::pow(p.feature_parallax_ratio * baseline_W_m.norm(), 2) + 1e-6;
  const Eigen::Vector3d prior_weight(
      scatter2 / (p.ground_slope_prior * p.ground_slope_prior),
      scatter2 / (p.ground_slope_prior * p.ground_slope_prior),
      scatter2 / (p.ground_curvature_prior_per_m * p.ground_curvature_prior_per_m));
  const Eigen::Vector3d step(1e-4, 1e-4, 1e-5);
  Eigen::Vector3d q = *ground_shape;
  thread_local std::vector<Eigen::Vector2d> c;
  thread_local std::vector<Eigen::Matrix<double, 2, 3>> J;
  c.resize(n);
  J.resize(n);
  const double moved_m = std::hypot(baseline_W_m.norm(), height_m - s.base_height_m);
  const bool fit = moved_m >= p.ground_fit_min_baseline_ratio * height_m;
  for (int iteration = 0; fit && iteration < 2; ++iteration) {
    Eigen::Vector2d c_mean = Eigen::Vector2d::Zero();
    Eigen::Matrix<double, 2, 3> J_mean = Eigen::Matrix<double, 2, 3>::Zero();
    for (int i = 0; i < n; ++i) {
      c[i] = implied(q, pairs[i]);
      for (int k = 0; k < 3; ++k) {
        Eigen::Vector3d dq = q;
        dq(k) += step(k);
        J[i].col(k) = (implied(dq, pairs[i]) - c[i]) / step(k);
      }
      c_mean += c[i];
      J_mean += J[i];
    }
    c_mean /= n;
    J_mean /= n;
    Eigen::Matrix3d A = prior_weight.asDiagonal();
    Eigen::Vector3d b = -prior_weight.cwiseProduct(q);
    for (int i = 0; i < n; ++i) {
      const Eigen::Matrix<double, 2, 3> Ji = J[i] - J_mean;
      A += Ji.transpose() * Ji;
      b -= Ji.transpose() * (c[i] - c_mean);
    }
    q += A.ldlt().solve(b);
    if (!q.allFinite()) q.setZero();
    const double norm = q.head<2>().norm();
    if (norm > p.max_ground_slope) q.head<2>() *= p.max_ground_slope / norm;
    q.z() = std::clamp(q.z(), -p.max_ground_curvature_per_m, p.max_ground_curvature_per_m);
  }
  *ground_shape = q;
  Eigen::Vector2d c_mean = Eigen::Vector2d::Zero();
  for (const auto& pair : pairs) c_mean += implied(q, pair);
  return c_mean / n;
}
}  // namespace

void InitializeEstimator(const EstimatorParams& params, std::int64_t time_us,
                         const Eigen::Vector3d& p_W_m, const Eigen::Quaterniond& q_WB,
                         const Eigen::Vector3d& gyro_bias_rad_s,
                         const Eigen::Vector3d& accel_bias_mps2, double ground_z_W_m,
                         EstimatorState* s) {
  *s = EstimatorState();
  s->initialized = true;
  s->time_us = time_us;
  s->p_W_m = p_W_m;
  s->q_WB = q_WB.normalized();
  s->gyro_bias_rad_s = gyro_bias_rad_s;
  s->accel_bias_mps2 = accel_bias_mps2;
  s->ground_z_W_m = ground_z_W_m;
  const auto set = [s](int i, double sigma) {
    s->P.block<3, 3>(i, i) = Eigen::Matrix3d::Identity() * sigma * sigma;
  };
  set(kP, params.initial_position_sigma_m);
  set(kV, params.initial_velocity_sigma_mps);
  set(kTheta, params.initial_level_sigma_rad);
  s->P(kTheta + 2, kTheta + 2) =
      params.initial_heading_sigma_rad * params.initial_heading_sigma_rad;
  set(kBg, params.initial_gyro_bias_sigma_rad_s);
  set(kBa, params.initial_accel_bias_sigma_mps2);
  s->P(kG, kG) = params.initial_ground_sigma_m * params.initial_ground_sigma_m;
  PushHistory(s);
}

void PropagateImu(const EstimatorParams& params, const ImuSample& imu, EstimatorState* s) {
  const double dt = (imu.time_us - s->time_us) * 1e-6;
  s->time_us = imu.time_us;
  s->w_B_rad_s = imu.rate_B_rad_s - s->gyro_bias_rad_s;
  s->f_B_mps2 = imu.specific_force_B_mps2 - s->accel_bias_mps2;
  if (dt <= 0.0 || dt > 0.1) {
    PushHistory(s);
    return;
  }
  // Nominal state: strapdown integration.
  const Eigen::Matrix3d R = s->q_WB.toRotationMatrix();
  const Eigen::Vector3d a_W = R * s->f_B_mps2 - Eigen::Vector3d(0.0, 0.0, params.gravity_mps2);
  s->p_W_m += s->v_W_mps * dt + 0.5 * a_W * dt * dt;
  s->v_W_mps += a_W * dt;
  s->q_WB = (s->q_WB * RotationVector(s->w_B_rad_s * dt)).normalized();
  // The ground under the vehicle follows the slope the features show.
  if (!s->base_rays_W.empty())
    s->ground_z_W_m += s->base_shape.head<2>().dot(s->v_W_mps.head<2>()) * dt;
  PushHistory(s);

  // Covariance: every n-th sample, over the accumulated time.
  if (++s->samples_since_covariance < params.covariance_divider) return;
  const double T = dt * s->samples_since_covariance;
  s->samples_since_covariance = 0;
  MatrixN F = MatrixN::Identity();
  F.block<3, 3>(kP, kV) = Eigen::Matrix3d::Identity() * T;
  F.block<3, 3>(kV, kTheta) = -Skew(R * s->f_B_mps2) * T;
  F.block<3, 3>(kV, kBa) = -R * T;
  F.block<3, 3>(kTheta, kBg) = -R * T;
  s->P = F * s->P * F.transpose();
  const auto add = [s, T](int i, double density) {
    s->P.block<3, 3>(i, i) += Eigen::Matrix3d::Identity() * density * density * T;
  };
  add(kV, params.accel_noise_density_mps2_rt_hz);
  add(kTheta, params.gyro_noise_density_rad_s_rt_hz);
  add(kBg, params.gyro_bias_walk_rad_s_rt_s);
  add(kBa, params.accel_bias_walk_mps2_rt_s);
  // The ground under the vehicle changes as it flies: a random walk in distance.
  s->P(kG, kG) += params.ground_walk_m2_per_m * s->v_W_mps.head<2>().norm() * T;
  s->P = 0.5 * (s->P + s->P.transpose()).eval();
}

bool UpdateRange(const EstimatorParams& params, const RangeSample& range, EstimatorState* s) {
  if (!range.valid) return false;
  const Eigen::Matrix3d R = s->q_WB.toRotationMatrix();
  const double cos_tilt = R(2, 2);
  if (cos_tilt < 0.5) return false;
  // Slant range from the altimeter down body -z to the flat ground plane.
  const double height = s->p_W_m.z() + (R * params.p_altimeter_B_m).z() - s->ground_z_W_m;
  Eigen::Matrix<double, 1, 1> r(range.range_m - height / cos_tilt);
  Eigen::Matrix<double, 1, kN> H = Eigen::Matrix<double, 1, kN>::Zero();
  H(0, kP + 2) = 1.0 / cos_tilt;
  H(0, kG) = -1.0 / cos_tilt;
  const Eigen::Matrix<double, 1, 1> Rn(params.range_noise_m * params.range_noise_m);
  if (KalmanUpdate<1>(r, H, Rn, params.range_gate_sigma, s, nullptr)) {
    s->range_rejections = 0;
    return true;
  }
  // A lasting disagreement is a step in the ground (a scarp, a ridge): move the plane to it,
  // and start a new base frame on it.
  if (++s->range_rejections >= params.ground_step_samples) {
    s->ground_z_W_m -= r(0) * cos_tilt;
    s->range_rejections = 0;
    ++s->ground_steps;
    DropBaseFrame(s);
  }
  return false;
}

void UpdateZeroVelocity(const EstimatorParams& params, EstimatorState* s) {
  // Not zero rotation: during spin-up the rotors' torques turn the vehicle a little on its legs.
  const Eigen::Vector3d r = -s->v_W_mps;
  Eigen::Matrix<double, 3, kN> H = Eigen::Matrix<double, 3, kN>::Zero();
  H.block<3, 3>(0, kV).setIdentity();
  const Eigen::Matrix3d Rn =
      Eigen::Matrix3d::Identity() * params.zero_velocity_noise_mps * params.zero_velocity_noise_mps;
  KalmanUpdate<3>(r, H, Rn, 1e9, s, nullptr);
}

FrameUse UpdateCamera(const EstimatorParams& params, const CameraFrame& frame, std::int64_t now_us,
                      EstimatorState* s) {
  // The frame must say it was taken within the history, and not in the future.
  if (frame.timestamp_us > now_us || frame.timestamp_us < now_us - params.max_frame_age_us) {
    ++s->frames_out_of_sync;
    return FrameUse::kOutOfSync;
  }
  const EstimatorState::Pose* pose = PoseAt(*s, frame.timestamp_us);
  if (!pose) {
    ++s->frames_out_of_sync;
    return FrameUse::kOutOfSync;
  }
  if (static_cast<int>(frame.features.size()) < params.min_features) {
    ++s->frames_starved;
    return FrameUse::kTooFewFeatures;
  }
  const Eigen::Matrix3d R = pose->q_WB.toRotationMatrix();
  const Eigen::Vector3d p_cam_W = pose->p_W_m + R * params.p_camera_B_m;
  const double height = p_cam_W.z() - s->ground_z_W_m;
  if (height < 0.5) return FrameUse::kTooFewFeatures;

  // Each feature's ray: the horizontal offset of its ground point per metre of depth.
  const auto ray_slope = [&](const ImageFeature& f, Eigen::Vector2d* slope) {
    const Eigen::Vector3d ray_W = R * CameraRayB(params, f);
    if (ray_W.z() > -0.2) return false;
    *slope = ray_W.head<2>() / -ray_W.z();
    return true;
  };
  const auto new_base = [&](const Eigen::Vector2d& shift_W_m) {
    s->base_rays_W.clear();
    Eigen::Vector2d slope;
    for (const ImageFeature& f : frame.features) {
      if (ray_slope(f, &slope)) s->base_rays_W[f.id] = slope;
    }
    s->base_size = s->base_rays_W.size();
    s->base_origin_W_m = p_cam_W.head<2>() + shift_W_m;
    s->base_height_m = height;
    s->base_ground_z_W_m = s->ground_z_W_m;
    s->base_shape.setZero();
    ++s->base_renewals;
  };
  if (s->base_rays_W.empty()) {
    new_base(Eigen::Vector2d::Zero());
    return FrameUse::kNewBase;
  }

  // The matched features: their ray slopes in the base frame and in this one.
  thread_local std::vector<std::pair<Eigen::Vector2d, Eigen::Vector2d>> pairs;  // base, now
  pairs.clear();
  Eigen::Vector2d slope;
  for (const ImageFeature& f : frame.features) {
    const auto it = s->base_rays_W.find(f.id);
    if (it == s->base_rays_W.end() || !ray_slope(f, &slope)) continue;
    pairs.push_back({it->second, slope});
  }
  const int matched = static_cast<int>(pairs.size());
  FrameUse use = FrameUse::kUsed;
  Eigen::Vector2d correction = Eigen::Vector2d::Zero();
  if (matched >= params.min_features) {
    const Eigen::Vector2d z =
        ImpliedCameraPosition(params, *s, pairs, height, p_cam_W.head<2>(), &s->base_shape);
    const Eigen::Vector2d r = z - p_cam_W.head<2>();
    // Position and tilt: a tilt error moves the implied position by height x angle.
    Eigen::Matrix<double, 2, kN> H = Eigen::Matrix<double, 2, kN>::Zero();
    H.block<2, 2>(0, kP).setIdentity();
    H(0, kTheta + 1) = -height;
    H(1, kTheta + 0) = height;
    const double pixel_m = height * params.feature_noise_px / params.camera_fx_px;
    // Relief off the flat-ground plane shows as parallax growing with the distance flown
    // from the base frame.
    const double parallax_m =
        params.feature_parallax_ratio * (p_cam_W.head<2>() - s->base_origin_W_m).norm();
    const double var = params.feature_position_floor_m * params.feature_position_floor_m +
                       pixel_m * pixel_m / matched + parallax_m * parallax_m;
    const Eigen::Matrix2d Rn = Eigen::Matrix2d::Identity() * var;
    const Eigen::Vector2d p_before = s->p_W_m.head<2>();
    // Heading is a consider state here. The base points were placed with the heading of their
    // time, which shares the present heading's error, so a common heading error only rotates
    // the whole picture and cannot be seen; treating the base points as exact would let an
    // acceleration turn small tracking errors into heading "information" (the known
    // inconsistency of visual-inertial EKFs). Heading comes from the gyro.
    if (KalmanUpdate<2>(r, H, Rn, params.feature_gate_sigma, s, &s->last_normalized_innovation,
                        {kTheta + 2})) {
      ++s->frames_used;
      s->consecutive_rejections = 0;
      correction = s->p_W_m.head<2>() - p_before;
    } else {
      ++s->frames_rejected;
      ++s->consecutive_rejections;
      use = FrameUse::kRejected;
    }
  }
  // Renew the base when too few of its features remain, or when it no longer agrees.
  if (matched < params.min_features || use == FrameUse::kRejected ||
      matched < params.base_keep_fraction * static_cast<double>(s->base_size)) {
    new_base(correction);
    if (matched < params.min_features) use = FrameUse::kNewBase;
  }
  return use;
}

void DropBaseFrame(EstimatorState* s) {
  s->base_rays_W.clear();
  s->base_size = 0;
}

Eigen::Vector3d CameraRayB(const EstimatorParams& p, const ImageFeature& f) {
  // Columns run along body -y, rows along body -x, the axis down body -z.
  return {-(f.v_px - p.camera_cy_px) / p.camera_fy_px, -(f.u_px - p.camera_cx_px) / p.camera_fx_px,
          -1.0};
}

bool PoseAtTime(const EstimatorState& s, std::int64_t time_us, Eigen::Vector3d* p_W_m,
                Eigen::Quaterniond* q_WB) {
  const EstimatorState::Pose* pose = PoseAt(s, time_us);
  if (!pose) return false;
  *p_W_m = pose->p_W_m;
  *q_WB = pose->q_WB;
  return true;
}

double HorizontalSigma(const EstimatorState& s) { return std::sqrt(s.P(0, 0) + s.P(1, 1)); }

}  // namespace ingenuity::flight_control
