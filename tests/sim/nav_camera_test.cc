// The navigation camera's feature model: schedule, timing, projection geometry, persistence
// of tracks, the image shift of a ground move (for faults), no features in the dust below 1 m,
// and fewer features over featureless sand.
#include "sim/nav_camera.h"

#include <gtest/gtest.h>

#include <map>
#include <numbers>

#include "terrain/jezero_terrain.h"
#include "tests/test_support.h"

namespace ingenuity::sim {
namespace {

TEST(NavCameraTest, ThirtyFramesASecondOnWholeTicks) {
  int frames = 0;
  std::int64_t last = -1;
  for (std::int64_t t = 0; t < 1000; ++t) {
    if (!NavCamera::CaptureDue(t, 1000, 30)) continue;
    if (last >= 0) {
      EXPECT_TRUE(t - last == 33 || t - last == 34) << t;
    }
    last = t;
    ++frames;
  }
  EXPECT_EQ(frames, 30);
  EXPECT_TRUE(NavCamera::CaptureDue(1000, 1000, 30));
}

// A camera over flat ground at a height, level, body +x east; the frame at tick 0.
flight_control::CameraFrame FrameAt(const terrain::Heightfield& field, Eigen::Vector3d datum,
                                    const SensorParams& p, const terrain::TerrainRegion* region) {
  SimulationConfig config;
  config.p_datum_W_m = datum;
  Simulation sim(testing::DefaultVehicle(), field, config);
  NavCamera camera(p, 1, region);
  const auto frame = camera.Sample(sim);
  EXPECT_TRUE(frame.has_value());
  return *frame;
}

TEST(NavCameraTest, FramesCarryTimesAndNoFeaturesBelowOneMetre) {
  const auto field = terrain::Heightfield::Flat(200.0, 0.5);
  const SensorParams& p = testing::DefaultVehicle().sensors;
  const auto on_ground = FrameAt(field, {0, 0, 0.0}, p, nullptr);
  EXPECT_TRUE(on_ground.features.empty());
  const auto up = FrameAt(field, {0, 0, 10.0}, p, nullptr);
  EXPECT_EQ(up.capture_time_us, 0);
  EXPECT_EQ(up.timestamp_us, 0);
  EXPECT_EQ(up.delivery_time_us, 30000);
  EXPECT_GT(static_cast<int>(up.features.size()), 50);
  EXPECT_LE(static_cast<int>(up.features.size()), p.camera_max_features);
  for (const auto& f : up.features) {
    EXPECT_GE(f.u_px, -2.0);
    EXPECT_LT(f.u_px, 642.0);
  }
}

// Checks that every feature of frame a seen again in b moved by (du, dv) pixels, and that no
// id appears twice in a; returns how many were seen again.
int ExpectSharedFeaturesMoved(const flight_control::CameraFrame& a,
                              const flight_control::CameraFrame& b, double du_px, double dv_px) {
  std::map<std::uint64_t, flight_control::ImageFeature> first;
  for (const auto& f : a.features) {
    EXPECT_TRUE(first.emplace(f.id, f).second) << "duplicate id " << f.id;
  }
  int shared = 0;
  for (const auto& f : b.features) {
    const auto it = first.find(f.id);
    if (it == first.end()) continue;
    ++shared;
    EXPECT_NEAR(f.u_px - it->second.u_px, du_px, 1e-6);
    EXPECT_NEAR(f.v_px - it->second.v_px, dv_px, 1e-6);
  }
  return shared;
}

// A noise-free camera 10 m over flat ground, level, before and after the vehicle moves.
class MovedCamera : public ::testing::Test {
 protected:
  void Move(const Eigen::Vector3d& move_m) {
    before_ = FrameAt(field_, {0, 0, 10.0}, params_, nullptr);
    after_ = FrameAt(field_, Eigen::Vector3d(0, 0, 10.0) + move_m, params_, nullptr);
  }
  static SensorParams NoiseFree() {
    SensorParams p = testing::DefaultVehicle().sensors;
    p.camera_pixel_noise_px = 0.0;
    return p;
  }
  const terrain::Heightfield field_ = terrain::Heightfield::Flat(200.0, 0.5);
  const SensorParams params_ = NoiseFree();
  // The camera sits at the centre of mass.
  const double height_m_ =
      10.0 + ComputeMassProperties(testing::DefaultVehicle().mass_breakdown).p_com_B_m.z();
  flight_control::CameraFrame before_, after_;
};

TEST_F(MovedCamera, ProjectionMovesTrackedFeaturesAsPinholeGeometrySays) {
  // Moving the level camera 1 m east (body +x) shifts every ground feature by fy / h pixels
  // down the image (rows run towards body -x) and not across it.
  Move({1, 0, 0});
  const double fy = 240.0 / std::tan(50.0 * std::numbers::pi / 180.0);
  EXPECT_GT(ExpectSharedFeaturesMoved(before_, after_, 0.0, fy / height_m_), 50);
}

TEST_F(MovedCamera, GroundShiftInPixelsIsWhatTheGroundMovingLooksLike) {
  // The few-features fault moves tracks by GroundShiftPx: it must be the shift a real move
  // shows. The camera 1 m north (body +y) sees the ground 1 m towards body -y: along the
  // columns, by GroundShiftPx(1 m) = fx / h.
  Move({0, 1, 0});
  SimulationConfig config;
  config.p_datum_W_m = {0, 0, 10.0};
  const Simulation sim(testing::DefaultVehicle(), field_, config);
  const double shift_px = NavCamera(params_, 1, nullptr).GroundShiftPx(sim, 1.0);
  const double fx = 320.0 / std::tan(66.5 * std::numbers::pi / 180.0);
  EXPECT_NEAR(shift_px, fx / height_m_, 1e-5);  // the terrain holds heights in float
  EXPECT_GT(ExpectSharedFeaturesMoved(before_, after_, shift_px, 0.0), 50);
}

TEST(NavCameraTest, FeaturelessSandGivesFewFeatures) {
  const terrain::JezeroTerrain jezero(
      terrain::LoadControlPoints(terrain::JezeroControlPointsFile()), terrain::JezeroParams{});
  SensorParams p = testing::DefaultVehicle().sensors;
  p.camera_max_features = 100000;  // count everything the terrain offers
  auto count = [&](const Eigen::Vector2d& centre) {
    const terrain::TerrainRegion region =
        jezero.Generate(centre - Eigen::Vector2d(30, 30), centre + Eigen::Vector2d(30, 30), 0.5);
    const double ground = region.height.HeightAt(centre.x(), centre.y());
    return FrameAt(region.height, {centre.x(), centre.y(), ground + 5.0}, p, &region)
        .features.size();
  };
  const auto plains = count({200.0, -300.0});
  const auto sand = count({-450.0, -820.0});  // Seitah's ripples
  EXPECT_GT(plains, 100u);
  EXPECT_LT(sand, plains / 2);
}

}  // namespace
}  // namespace ingenuity::sim
