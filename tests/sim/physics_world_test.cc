// Bullet placement of the terrain: btHeightfieldTerrainShape centres itself on its bounding
// box, so a field far from the origin and far above zero must still meet the vehicle where
// the terrain's own HeightAt says the ground is.
#include "sim/physics_world.h"

#include <gtest/gtest.h>

#include "sim/simulation.h"
#include "terrain/jezero_terrain.h"
#include "tests/test_support.h"

namespace ingenuity::sim {
namespace {

TEST(PhysicsWorldTest, HeightfieldObjectSitsAtTheBoundsCentre) {
  std::vector<float> h(11 * 21);
  for (int j = 0; j < 21; ++j) {
    for (int i = 0; i < 11; ++i) h[j * 11 + i] = 100.0f + 0.5f * i;
  }
  const terrain::Heightfield field(11, 21, 2.0, {300.0, -50.0}, h, "ramp");
  const Eigen::Vector3d c = HeightfieldObjectOrigin_W(field);
  EXPECT_DOUBLE_EQ(c.x(), 300.0 + 10.0);
  EXPECT_DOUBLE_EQ(c.y(), -50.0 + 20.0);
  EXPECT_DOUBLE_EQ(c.z(), 102.5);
}

TEST(PhysicsWorldTest, VehicleRestsOnAnOffsetRaisedFieldAtItsHeight) {
  // A gentle ramp (about 3 deg) centred far from the origin, 100-110 m up.
  const int n = 81;
  std::vector<float> h(n * n);
  for (int j = 0; j < n; ++j) {
    for (int i = 0; i < n; ++i) h[j * n + i] = 100.0f + 0.025f * i;
  }
  const terrain::Heightfield field(n, n, 0.5, {1000.0, 2000.0}, h, "raised ramp");
  SimulationConfig config;
  const Eigen::Vector2d at(1013.3, 2021.7);
  config.p_datum_W_m = {at.x(), at.y(), field.HeightAt(at.x(), at.y()) + 0.05};
  Simulation sim(testing::DefaultVehicle(), field, config);
  for (int i = 0; i < 3000; ++i) sim.Step(VehicleCommand{});
  const Eigen::Vector3d p = sim.p_datum_W_m();
  EXPECT_NEAR(p.z(), field.HeightAt(p.x(), p.y()), 0.02);
  EXPECT_GT(sim.state().contact_points, 0);
}

}  // namespace
}  // namespace ingenuity::sim

namespace ingenuity::sim {
namespace {

TEST(PhysicsWorldTest, VehicleRestsAtWrightBrothersFieldOnTheBuiltInJezero) {
  const terrain::JezeroTerrain jezero(
      terrain::LoadControlPoints(terrain::JezeroControlPointsFile()), terrain::JezeroParams{});
  const terrain::TerrainRegion region = jezero.Generate({-30, -30}, {30, 30}, 0.5);
  const terrain::Heightfield& field = region.height;
  SimulationConfig config;
  config.p_datum_W_m = {0.0, 0.0, field.HeightAt(0.0, 0.0) + 0.05};
  Simulation sim(testing::DefaultVehicle(), field, config);
  for (int i = 0; i < 3000; ++i) sim.Step(VehicleCommand{});
  const Eigen::Vector3d p = sim.p_datum_W_m();
  EXPECT_NEAR(p.z(), field.HeightAt(p.x(), p.y()), 0.02);
  // And that is Wright Brothers Field's elevation, -2570.0 m.
  EXPECT_NEAR(jezero.frame().ElevationOf(p.z()), -2570.0, 0.05);
  EXPECT_LT(sim.TiltDeg(), 2.0);
}

}  // namespace
}  // namespace ingenuity::sim
