// The camera's ground map: features of a known ground, seen through the navigation camera's
// model from two poses, triangulate to that ground's heights; a pose that has not moved adds
// nothing (no parallax); a grid slot reused by a far cell forgets the old one; the stretch
// mean weights cells smoothly.
#include "flight_control/ground_map.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

namespace ingenuity::flight_control {
namespace {

// A sloped ground with a 1 m bump: the shape the map must recover.
double GroundZ(double x, double y) {
  return 0.1 * x - 0.05 * y + std::exp(-((x - 6.0) * (x - 6.0) + y * y) / 8.0);
}

// The frame a level camera at c (heading east) sees: ground points on a 1.3 m lattice.
CameraFrame See(const EstimatorParams& cam, const Eigen::Vector3d& c) {
  CameraFrame frame;
  for (int i = -20; i <= 20; ++i) {
    for (int j = -20; j <= 20; ++j) {
      const double x = 1.3 * i + 0.31, y = 1.3 * j + 0.17;
      const Eigen::Vector3d d = Eigen::Vector3d(x, y, GroundZ(x, y)) - c;
      // Body = world here; the camera model's ray is (-(v - cy) / fy, -(u - cx) / fx, -1).
      const double u = cam.camera_cx_px - cam.camera_fx_px * d.y() / -d.z();
      const double v = cam.camera_cy_px - cam.camera_fy_px * d.x() / -d.z();
      if (u < 0 || u > 640 || v < 0 || v > 480) continue;
      frame.features.push_back({static_cast<std::uint64_t>((i + 50) * 1000 + (j + 50)), u, v});
    }
  }
  return frame;
}

TEST(GroundMapTest, TriangulatedFeaturesRecoverTheGroundsHeights) {
  const EstimatorParams cam;
  const GroundMapParams params;
  GroundMap map;
  ResetGroundMap(params, &map);
  const Eigen::Quaterniond level = Eigen::Quaterniond::Identity();
  const Eigen::Vector3d first(-2.0, 0.0, 10.0), second(2.0, 0.0, 10.0);
  EXPECT_EQ(UpdateGroundMap(params, cam, See(cam, first), first, level, &map), 0);
  // The same pose again: no parallax, nothing added.
  EXPECT_EQ(UpdateGroundMap(params, cam, See(cam, first), first, level, &map), 0);
  const int added = UpdateGroundMap(params, cam, See(cam, second), second, level, &map);
  EXPECT_GT(added, 100);
  // Every mapped cell holds its feature's height (one feature per cell on this lattice).
  int checked = 0;
  for (const GroundCell& cell : map.cells) {
    if (cell.weight == 0.0) continue;
    const double x = (cell.ix + 0.5) * map.cell_m, y = (cell.iy + 0.5) * map.cell_m;
    // The feature in this cell is within half a cell of its centre: compare at the feature.
    const double fx = std::round((x - 0.31) / 1.3) * 1.3 + 0.31;
    const double fy = std::round((y - 0.17) / 1.3) * 1.3 + 0.17;
    EXPECT_NEAR(cell.z_W_m, GroundZ(fx, fy), 1e-6) << fx << " " << fy;
    ++checked;
  }
  EXPECT_EQ(checked, added);
  // The stretch ahead over the bump reads higher than the slope alone, by most of the bump.
  double bump = 0.0, plain = 0.0;
  ASSERT_GT(MeanGroundHeight(map, {6.0, 0.0}, {1.0, 0.0}, 1.0, 2.0, &bump), 1.0);
  ASSERT_GT(MeanGroundHeight(map, {-6.0, 0.0}, {1.0, 0.0}, 1.0, 2.0, &plain), 1.0);
  EXPECT_NEAR(bump - plain, 0.1 * 12.0 + 0.8, 0.2);
}

TEST(GroundMapTest, AFarCellReusingASlotReplacesTheOldOne) {
  GroundMapParams params;
  params.cells_per_side = 16;
  GroundMap map;
  ResetGroundMap(params, &map);
  AddGroundHeight(params, {0.5, 0.5}, 1.0, 0.01, &map);
  AddGroundHeight(params, {16.5, 0.5}, 5.0, 0.01, &map);  // same slot, 16 cells away
  double z = 0.0;
  EXPECT_EQ(MeanGroundHeight(map, {0.5, 0.5}, {0.0, 0.0}, 0.0, 0.9, &z), 0.0);
  EXPECT_GT(MeanGroundHeight(map, {16.5, 0.5}, {0.0, 0.0}, 0.0, 0.9, &z), 0.0);
  EXPECT_DOUBLE_EQ(z, 5.0);
}

TEST(GroundMapTest, ACellsWeightIsCappedSoNewHeightsStillMoveIt) {
  const GroundMapParams params;
  GroundMap map;
  ResetGroundMap(params, &map);
  for (int i = 0; i < 1000; ++i) AddGroundHeight(params, {0.5, 0.5}, 0.0, 0.01, &map);
  for (int i = 0; i < 100; ++i) AddGroundHeight(params, {0.5, 0.5}, 1.0, 0.01, &map);
  double z = 0.0;
  MeanGroundHeight(map, {0.5, 0.5}, {0.0, 0.0}, 0.0, 0.9, &z);
  // Capped at the floor's weight (400 / m^2), each height of weight 100 replaces a quarter.
  EXPECT_GT(z, 0.99);
  EXPECT_LE(map.cells[0].weight, 1.0 / (params.height_floor_m * params.height_floor_m) + 1e-9);
}

TEST(GroundMapTest, TheStretchMeanTapersCellsAtItsEnds) {
  const GroundMapParams params;
  GroundMap map;
  ResetGroundMap(params, &map);
  AddGroundHeight(params, {0.5, 0.5}, 0.0, 0.01, &map);   // at the centre
  AddGroundHeight(params, {5.5, 0.5}, 10.0, 0.01, &map);  // near the end
  double z = 0.0;
  const double w = MeanGroundHeight(map, {0.5, 0.5}, {1.0, 0.0}, 4.0, 2.0, &z);
  // Weights 1 and cos^2(pi/2 x 5/6) = 0.067.
  EXPECT_NEAR(w, 1.0 + std::pow(std::cos(0.5 * M_PI * 5.0 / 6.0), 2), 1e-9);
  EXPECT_NEAR(z, 10.0 * (w - 1.0) / w, 1e-9);
}

}  // namespace
}  // namespace ingenuity::flight_control
