// The navigation filter on synthetic sensor messages with known answers: the altimeter pulls a
// wrong height back, a lasting range jump moves the ground plane (a scarp), a frame against
// the base frame pulls a position error back without touching the heading, and frames stamped
// outside the filter's history are refused as out of sync, and the features' ground shape waits
// for a baseline that can show it.
#include "flight_control/estimator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

namespace ingenuity::flight_control {
namespace {

constexpr std::int64_t kImuPeriodUs = 2000;  // 500 Hz

double YawOf(const Eigen::Quaterniond& q_WB) {
  const Eigen::Vector3d x = q_WB * Eigen::Vector3d::UnitX();
  return std::atan2(x.y(), x.x());
}

// A filter hovering level at 10 m over flat ground at z = 0, heading 30 deg.
class HoveringFilter : public ::testing::Test {
 protected:
  void SetUp() override {
    q_WB_ = Eigen::Quaterniond(Eigen::AngleAxisd(30.0 * M_PI / 180.0, Eigen::Vector3d::UnitZ()));
    InitializeEstimator(params_, 0, truth_p_W_m_, q_WB_, Eigen::Vector3d::Zero(),
                        Eigen::Vector3d::Zero(), 0.0, &s_);
  }

  // Hovering: the accelerometer reads gravity's reaction, the gyro nothing.
  void Imu(int samples) {
    for (int i = 0; i < samples; ++i) {
      ImuSample imu;
      imu.time_us = s_.time_us + kImuPeriodUs;
      imu.specific_force_B_mps2 = q_WB_.inverse() * Eigen::Vector3d(0, 0, params_.gravity_mps2);
      PropagateImu(params_, imu, &s_);
    }
  }

  // What the level altimeter reads over ground at ground_z_m.
  double Range(double ground_z_m) const {
    return truth_p_W_m_.z() + params_.p_altimeter_B_m.z() - ground_z_m;
  }

  // What the camera sees from the true pose: a 2 m lattice of ground points, projected.
  CameraFrame Frame(std::int64_t timestamp_us) const {
    CameraFrame frame;
    frame.capture_time_us = frame.timestamp_us = timestamp_us;
    const Eigen::Matrix3d R_BW = q_WB_.toRotationMatrix().transpose();
    std::uint64_t id = 0;
    for (int j = -10; j <= 10; ++j) {
      for (int i = -10; i <= 10; ++i, ++id) {
        const Eigen::Vector3d d_B = R_BW * (Eigen::Vector3d(2.0 * i, 2.0 * j, 0.0) - truth_p_W_m_);
        const double depth = -d_B.z();
        const double u = params_.camera_cx_px + params_.camera_fx_px * (-d_B.y()) / depth;
        const double v = params_.camera_cy_px + params_.camera_fy_px * (-d_B.x()) / depth;
        if (u < 0 || v < 0 || u >= 640 || v >= 480) continue;
        frame.features.push_back({id, u, v});
      }
    }
    return frame;
  }

  // Filter and truth both moved to east_m, level; then one frame with the tracker's pixel
  // noise (seeded).
  FrameUse FrameFrom(double east_m, std::uint32_t seed) {
    truth_p_W_m_.x() = east_m;
    s_.p_W_m.x() = east_m;
    Imu(17);
    CameraFrame frame = Frame(s_.time_us);
    std::mt19937 engine(seed);
    std::normal_distribution<double> noise(0.0, 0.3);
    for (ImageFeature& f : frame.features) {
      f.u_px += noise(engine);
      f.v_px += noise(engine);
    }
    return UpdateCamera(params_, frame, s_.time_us, &s_);
  }

  // The largest position error a frame implies over the first 0.96 m from a base frame, each
  // frame taken whole (the filter told its own position is unknown).
  double WorstErrorNearTheBase() {
    Imu(20);
    EXPECT_EQ(UpdateCamera(params_, Frame(s_.time_us), s_.time_us, &s_), FrameUse::kNewBase);
    double worst_m = 0.0;
    for (int k = 1; k <= 12; ++k) {
      s_.P.block<2, 2>(0, 0) = Eigen::Matrix2d::Identity() * 100.0;
      EXPECT_EQ(FrameFrom(0.08 * k, k), FrameUse::kUsed);
      worst_m = std::max(worst_m, std::abs(s_.p_W_m.x() - truth_p_W_m_.x()));
    }
    return worst_m;
  }

  EstimatorParams params_;
  EstimatorState s_;
  Eigen::Quaterniond q_WB_;
  Eigen::Vector3d truth_p_W_m_{0.0, 0.0, 10.0};
};

TEST_F(HoveringFilter, AltimeterPullsAWrongHeightBack) {
  s_.p_W_m.z() += 0.3;
  s_.P(2, 2) = 0.5 * 0.5;
  for (int k = 0; k < 50; ++k) {  // one second of 50 Hz ranges
    Imu(10);
    ASSERT_TRUE(UpdateRange(params_, {s_.time_us, true, Range(0.0)}, &s_));
  }
  EXPECT_NEAR(s_.p_W_m.z() - s_.ground_z_W_m, 10.0, 0.02);
  EXPECT_EQ(s_.ground_steps, 0);
}

TEST_F(HoveringFilter, ALastingRangeJumpMovesTheGroundPlane) {
  // The vehicle holds still over a 2 m step in the ground: the IMU says nothing moved, so
  // the ground did. The first samples are refused, then the plane moves to the step.
  int refused = 0;
  for (int k = 0; k < params_.ground_step_samples + 5; ++k) {
    Imu(10);
    if (!UpdateRange(params_, {s_.time_us, true, Range(2.0)}, &s_)) ++refused;
  }
  EXPECT_EQ(s_.ground_steps, 1);
  EXPECT_EQ(refused, params_.ground_step_samples);
  EXPECT_NEAR(s_.ground_z_W_m, 2.0, 0.05);
  EXPECT_NEAR(s_.p_W_m.z(), 10.0, 0.05);
}

TEST_F(HoveringFilter, FeaturesPullAPositionErrorBackAndLeaveTheHeading) {
  Imu(20);
  ASSERT_EQ(UpdateCamera(params_, Frame(s_.time_us), s_.time_us, &s_), FrameUse::kNewBase);
  // The filter drifts 0.4 m east while the vehicle holds still.
  s_.p_W_m.x() += 0.4;
  s_.P(0, 0) += 0.5 * 0.5;
  // As after an acceleration: heading and east position correlated (0.5), which would let an
  // ordinary update turn the position residual into a heading change of about 4 mrad.
  s_.P(8, 8) = 0.01 * 0.01;
  s_.P(0, 8) = s_.P(8, 0) = 0.5 * 0.5 * 0.01;
  const double yaw_before = YawOf(s_.q_WB);
  for (int k = 0; k < 10; ++k) {
    Imu(17);
    const FrameUse use = UpdateCamera(params_, Frame(s_.time_us), s_.time_us, &s_);
    ASSERT_EQ(use, FrameUse::kUsed);
  }
  EXPECT_LT(std::abs(s_.p_W_m.x()), 0.04);
  EXPECT_LT(std::abs(s_.p_W_m.y()), 0.04);
  // Heading is a consider state of the feature update: untouched but for the rounding of the
  // tilt corrections.
  EXPECT_NEAR(YawOf(s_.q_WB), yaw_before, 1e-9);
}

TEST_F(HoveringFilter, TheGroundShapeWaitsForABaselineThatShowsIt) {
  // Flat ground 10 m below. Within 0.1 x the height (1 m) of the base frame the shape is held.
  Imu(20);
  ASSERT_EQ(UpdateCamera(params_, Frame(s_.time_us), s_.time_us, &s_), FrameUse::kNewBase);
  ASSERT_EQ(FrameFrom(0.5, 1), FrameUse::kUsed);
  EXPECT_EQ(s_.base_shape, Eigen::Vector3d::Zero());
  // Beyond it the shape is fitted, and finds the ground level.
  ASSERT_EQ(FrameFrom(3.0, 2), FrameUse::kUsed);
  EXPECT_NE(s_.base_shape, Eigen::Vector3d::Zero());
  EXPECT_LT(s_.base_shape.head<2>().norm(), 0.02);
  EXPECT_LT(std::abs(s_.base_shape.z()), 0.002);
}

TEST_F(HoveringFilter, AShapeFittedNearTheBaseFollowsThePixelNoise) {
  // Near the base the shape barely moves the features, so fitting it there fits their noise,
  // and the position they imply is ten times worse (in flight 7, a frame just after a base
  // renewal at 4 m/s implied a position 0.25 m short; flight 9 landed up to 3.8 m off).
  const double held_m = WorstErrorNearTheBase();
  EXPECT_LT(held_m, 0.003);
  SetUp();
  truth_p_W_m_.x() = 0.0;
  params_.ground_fit_min_baseline_ratio = 0.0;
  const double fitted_m = WorstErrorNearTheBase();
  EXPECT_GT(fitted_m, 0.01);
}

TEST_F(HoveringFilter, FramesStampedOutsideTheHistoryAreOutOfSync) {
  Imu(100);
  // From the future (a second ahead, as after a sync loss) and from before the history.
  EXPECT_EQ(UpdateCamera(params_, Frame(s_.time_us + 1000000), s_.time_us, &s_),
            FrameUse::kOutOfSync);
  EXPECT_EQ(UpdateCamera(params_, Frame(s_.time_us - 2000000), s_.time_us, &s_),
            FrameUse::kOutOfSync);
  EXPECT_EQ(s_.frames_out_of_sync, 2);
  // A frame with too few features is not used either.
  CameraFrame sparse = Frame(s_.time_us);
  sparse.features.resize(params_.min_features - 1);
  EXPECT_EQ(UpdateCamera(params_, sparse, s_.time_us, &s_), FrameUse::kTooFewFeatures);
}

}  // namespace
}  // namespace ingenuity::flight_control
