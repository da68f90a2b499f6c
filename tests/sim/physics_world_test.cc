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

terrain::JezeroTerrain BuiltInJezero() {
  return terrain::JezeroTerrain(terrain::LoadControlPoints(terrain::JezeroControlPointsFile()),
                                terrain::JezeroParams{});
}

// The built-in Jezero 30 m around Wright Brothers Field, every 0.5 m.
terrain::TerrainRegion WrightBrothersField() {
  return BuiltInJezero().Generate({-30, -30}, {30, 30}, 0.5);
}

TEST(PhysicsWorldTest, VehicleRestsAtWrightBrothersFieldOnTheBuiltInJezero) {
  const terrain::JezeroTerrain jezero = BuiltInJezero();
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

TEST(PhysicsWorldTest, VehicleRestingAtWrightBrothersFieldNeitherCreepsNorTurns) {
  // Static friction must hold the feet. A creep of a fraction of a mm/s is invisible to the
  // eye, but the gyro sees the turn that comes with it and the preflight averaging takes it
  // for bias: 4e-5 rad/s here before the fix, a heading drift of 0.3 deg over Flight 4.
  const terrain::TerrainRegion region = WrightBrothersField();
  const terrain::Heightfield& field = region.height;
  SimulationConfig config;
  config.p_datum_W_m = {-0.6, -0.3, field.HeightAt(-0.6, -0.3) + 0.02};
  Simulation sim(testing::DefaultVehicle(), field, config);
  for (int i = 0; i < 2000; ++i) sim.Step(VehicleCommand{});  // settled
  const Eigen::Vector3d p0 = sim.p_datum_W_m();
  const Eigen::Quaterniond q0 = sim.state().body.q_WB;
  const int steps = 28000;  // a preflight's averaging
  for (int i = 0; i < steps; ++i) sim.Step(VehicleCommand{});
  const double seconds = steps * sim.step_s();
  const double creep_mps = (sim.p_datum_W_m() - p0).norm() / seconds;
  const double turn_rad_s =
      Eigen::AngleAxisd(q0.conjugate() * sim.state().body.q_WB).angle() / seconds;
  EXPECT_LT(creep_mps, 1e-5) << "creep " << creep_mps << " m/s";
  // Below the gyro bias the preflight can resolve (about 2e-5 rad/s).
  EXPECT_LT(turn_rad_s, 1e-5) << "turn " << turn_rad_s << " rad/s";
}

}  // namespace
}  // namespace ingenuity::sim
