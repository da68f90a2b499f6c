#include "terrain/heightfield.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <stdexcept>

namespace ingenuity::terrain {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

TEST(HeightfieldTest, BilinearHeightIsExactOnAPlaneAndInterpolatesACell) {
  const Heightfield slope = Heightfield::Sloped(40.0, 0.5, 20.0, 90.0);  // rising to the east
  for (double e : {-7.3, 0.0, 3.14}) {
    for (double n : {-2.0, 5.55}) {
      EXPECT_NEAR(slope.HeightAt(e, n), std::tan(20.0 * kDeg) * e, 1e-5);
    }
  }
  // One cell with corners 0, 1, 2, 3: the centre is their mean.
  const Heightfield cell(2, 2, 1.0, {0.0, 0.0}, {0.0f, 1.0f, 2.0f, 3.0f}, "cell");
  EXPECT_NEAR(cell.HeightAt(0.5, 0.5), 1.5, 1e-12);
  EXPECT_NEAR(cell.HeightAt(1.0, 0.0), 1.0, 1e-12);
  // Outside the grid the edge is held.
  EXPECT_NEAR(cell.HeightAt(5.0, -5.0), 1.0, 1e-12);
}

TEST(HeightfieldTest, NormalAndSlopeOfAPlane) {
  const Heightfield slope = Heightfield::Sloped(40.0, 0.5, 30.0, 0.0);  // rising to the north
  const Eigen::Vector3d n = slope.NormalAt(1.0, 2.0);
  EXPECT_NEAR(n.norm(), 1.0, 1e-12);
  EXPECT_NEAR(n.x(), 0.0, 1e-6);
  EXPECT_NEAR(n.y(), -std::sin(30.0 * kDeg), 1e-6);
  EXPECT_NEAR(slope.SlopeDegAt(-3.0, 4.0), 30.0, 1e-4);
  EXPECT_NEAR(Heightfield::Flat(10.0, 1.0).SlopeDegAt(0, 0), 0.0, 1e-12);
}

TEST(HeightfieldTest, RaycastMeetsTheSurface) {
  const Heightfield slope = Heightfield::Sloped(100.0, 0.5, 10.0, 90.0);
  // Straight down from 10 m above the plane at east = 4 m.
  const double ground = std::tan(10.0 * kDeg) * 4.0;
  auto hit = slope.Raycast({4.0, 1.0, ground + 10.0}, {0, 0, -1}, 40.0);
  ASSERT_TRUE(hit.has_value());
  EXPECT_NEAR(hit->range_m, 10.0, 2e-3);
  EXPECT_NEAR(hit->p_W.z(), ground, 2e-3);
  // An oblique ray at 45 deg down towards the east, against the analytic intersection.
  const Eigen::Vector3d origin(0.0, 0.0, 5.0), dir(1.0, 0.0, -1.0);
  const double t = 5.0 / (1.0 + std::tan(10.0 * kDeg));  // z0 - t = tan(10) t
  hit = slope.Raycast(origin, dir, 40.0);
  ASSERT_TRUE(hit.has_value());
  EXPECT_NEAR(hit->p_W.x(), t, 2e-3);
  EXPECT_NEAR(hit->range_m, t * std::sqrt(2.0), 2e-3);
  // Pointing up, or out of range: no hit.
  EXPECT_FALSE(slope.Raycast({0, 0, 5}, {0, 0, 1}, 40.0).has_value());
  EXPECT_FALSE(slope.Raycast({0, 0, 50}, {0, 0, -1}, 40.0).has_value());
}

TEST(HeightfieldTest, RoughnessIsZeroOnAPlaneAndMeasuresBumps) {
  const Heightfield slope = Heightfield::Sloped(40.0, 0.5, 25.0, 45.0);
  EXPECT_NEAR(slope.RoughnessAt(1.0, -2.0, 1.0), 0.0, 1e-5);
  EXPECT_NEAR(slope.PlaneAt(1.0, -2.0, 1.0).slope_deg, 25.0, 1e-3);
  // A checkerboard of +-0.1 m on a level field: RMS 0.1 m about the plane.
  std::vector<float> h(41 * 41);
  for (int j = 0; j < 41; ++j) {
    for (int i = 0; i < 41; ++i) h[j * 41 + i] = ((i + j) % 2 == 0) ? 0.1f : -0.1f;
  }
  const Heightfield bumps(41, 41, 0.5, {-10.0, -10.0}, h, "checkerboard");
  EXPECT_NEAR(bumps.RoughnessAt(0.0, 0.0, 1.0), 0.1, 0.005);
  EXPECT_NEAR(bumps.PlaneAt(0.0, 0.0, 1.0).slope_deg, 0.0, 1e-9);
}

TEST(HeightfieldTest, RejectsBadGrids) {
  EXPECT_THROW(Heightfield(1, 5, 1.0, {0, 0}, std::vector<float>(5, 0.0f), "x"),
               std::invalid_argument);
  EXPECT_THROW(Heightfield(2, 2, 0.0, {0, 0}, std::vector<float>(4, 0.0f), "x"),
               std::invalid_argument);
  EXPECT_THROW(Heightfield(2, 2, 1.0, {0, 0}, std::vector<float>(3, 0.0f), "x"),
               std::invalid_argument);
  EXPECT_THROW(Heightfield(2, 2, 1.0, {0, 0}, {0.0f, NAN, 0.0f, 0.0f}, "x"), std::invalid_argument);
}

}  // namespace
}  // namespace ingenuity::terrain
