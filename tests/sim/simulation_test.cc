// The whole loop against theory and the acceptance behaviours: free fall, resting on the
// gear, slopes, tip-over, wind drag, determinism, open-loop lift-off and landing.
#include "sim/simulation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <numbers>

#include "tests/test_support.h"

namespace ingenuity::sim {
namespace {

using testing::DefaultVehicle;
constexpr double kDeg = std::numbers::pi / 180.0;

bool HasEvent(const Simulation& sim, EventType type) {
  const auto& e = sim.state().events;
  return std::any_of(e.begin(), e.end(), [type](const Event& ev) { return ev.type == type; });
}

void RunFor(Simulation* sim, const VehicleCommand& cmd, double seconds) {
  const auto steps = static_cast<std::int64_t>(std::llround(seconds / sim->step_s()));
  for (std::int64_t i = 0; i < steps; ++i) sim->Step(cmd);
}

// Both rotors at a speed with the given collectives.
VehicleCommand Spinning(double rpm, double upper_rad, double lower_rad) {
  VehicleCommand cmd;
  cmd.rotor[kUpper].collective_rad = upper_rad;
  cmd.rotor[kLower].collective_rad = lower_rad;
  for (auto& r : cmd.rotor) r.speed_rad_s = RpmToRadPerSec(rpm);
  return cmd;
}

TEST(SimulationTest, FreeFallMatchesHalfGTSquared) {
  // Rotors stopped, thinnest allowed air: only gravity matters. Bullet's semi-implicit Euler
  // gains g t dt / 2 = 1.9 mm over 1 s at 1 kHz; blade and fuselage drag are below 0.1 %.
  const auto field = terrain::Heightfield::Flat(50.0, 1.0);
  SimulationConfig config;
  config.surface.density_kg_m3 = 0.001;
  config.p_datum_W_m = {0, 0, 20.0};
  Simulation sim(DefaultVehicle(), field, config);
  const double z0 = sim.state().body.p_com_W_m.z();
  RunFor(&sim, VehicleCommand{}, 1.0);
  const double fallen = z0 - sim.state().body.p_com_W_m.z();
  const double theory = 0.5 * kMarsGravity_mps2 * 1.0 * 1.0;
  EXPECT_NEAR(fallen, theory, 0.003);
  EXPECT_NEAR(-sim.state().body.v_com_W_mps.z(), kMarsGravity_mps2 * 1.0, 0.01);
}

TEST(SimulationTest, DroppedFromThirtyCentimetresRestsUprightWithoutDrift) {
  const auto field = terrain::Heightfield::Flat(20.0, 0.5);
  SimulationConfig config;
  config.p_datum_W_m = {0.3, -0.2, 0.3};
  Simulation sim(DefaultVehicle(), field, config);
  RunFor(&sim, VehicleCommand{}, 1.0);
  ASSERT_TRUE(HasEvent(sim, EventType::kTouchdown));
  const Eigen::Vector3d settled = sim.p_datum_W_m();
  RunFor(&sim, VehicleCommand{}, 10.0);
  const Eigen::Vector3d end = sim.p_datum_W_m();
  EXPECT_LT((end - settled).head<2>().norm(), 0.01);
  EXPECT_LT((end - config.p_datum_W_m).head<2>().norm(), 0.01);
  EXPECT_LT(sim.TiltDeg(), 1.0);
  EXPECT_LT(sim.state().body.v_com_W_mps.norm(), 1e-3);
  // Resting on its feet: datum within 1 cm of the ground (contact slop and foot sinkage).
  EXPECT_NEAR(end.z(), 0.0, 0.01);
  EXPECT_FALSE(HasEvent(sim, EventType::kTipOver));
}

// Drops the vehicle, aligned with a plane of the given slope, from 5 cm above it.
std::unique_ptr<Simulation> DropOnSlope(const terrain::Heightfield& field, double slope_deg) {
  SimulationConfig config;
  // Uphill towards north: tilt the body about +x (east) by the slope.
  config.tilt_deg = slope_deg;
  config.heading_deg = 0.0;
  config.p_datum_W_m = {0, 0, 0.05 / std::cos(slope_deg * kDeg)};
  return std::make_unique<Simulation>(DefaultVehicle(), field, config);
}

TEST(SimulationTest, RestsOnTenDegreeSlopeWithoutSliding) {
  const auto field = terrain::Heightfield::Sloped(20.0, 0.5, 10.0, 0.0);
  auto owned = DropOnSlope(field, 10.0);
  Simulation& sim = *owned;
  RunFor(&sim, VehicleCommand{}, 2.0);
  const Eigen::Vector3d settled = sim.p_datum_W_m();
  RunFor(&sim, VehicleCommand{}, 10.0);
  EXPECT_LT((sim.p_datum_W_m() - settled).norm(), 0.01);
  EXPECT_NEAR(sim.TiltDeg(), 10.0, 1.0);
  EXPECT_FALSE(HasEvent(sim, EventType::kTipOver));
}

TEST(SimulationTest, TipsOverOnThirtyFiveDegreeSlope) {
  const auto field = terrain::Heightfield::Sloped(20.0, 0.5, 35.0, 0.0);
  auto owned = DropOnSlope(field, 35.0);
  Simulation& sim = *owned;
  RunFor(&sim, VehicleCommand{}, 5.0);
  EXPECT_TRUE(HasEvent(sim, EventType::kTipOver));
  EXPECT_GT(sim.TiltDeg(), DefaultVehicle().gear.tip_over_tilt_deg);
  // Lying on its side, the rotors' tip circles reach the slope.
  EXPECT_TRUE(HasEvent(sim, EventType::kRotorStrike));
}

TEST(SimulationTest, RotorStrikeOnlyWhenATipCircleReachesTheGround) {
  const auto field = terrain::Heightfield::Flat(20.0, 0.5);
  // Upright on the ground: the lower tip circle is 0.34 m up, no strike.
  {
    SimulationConfig config;
    Simulation sim(DefaultVehicle(), field, config);
    RunFor(&sim, VehicleCommand{}, 0.5);
    EXPECT_FALSE(HasEvent(sim, EventType::kRotorStrike));
  }
  // Rolled 40 deg just above the ground: the lower disc's low edge is below it.
  {
    SimulationConfig config;
    config.tilt_deg = 40.0;
    config.p_datum_W_m = {0.0, 0.0, 0.1};
    Simulation sim(DefaultVehicle(), field, config);
    sim.Step(VehicleCommand{});
    ASSERT_TRUE(HasEvent(sim, EventType::kRotorStrike));
    const Event& e = sim.state().events.front();
    EXPECT_EQ(e.type, EventType::kRotorStrike);
    EXPECT_NE(e.detail.find("lower rotor"), std::string::npos);
  }
}

// The vehicle at 20 m with rotors trimmed for hover and inflow converged.
std::unique_ptr<Simulation> TrimmedHover(const terrain::Heightfield& field,
                                         const SimulationConfig& base, VehicleCommand* cmd) {
  const TrimResult trim = testing::Trim(0.0168, 2537.0);
  SimulationConfig config = base;
  config.surface = {};
  config.surface.density_kg_m3 = 0.0168;
  config.p_datum_W_m = {0, 0, 20.0};
  auto sim = std::make_unique<Simulation>(DefaultVehicle(), field, config);
  *cmd = Spinning(2537.0, trim.collective_rad[kUpper], trim.collective_rad[kLower]);
  std::array<RotorControls, 2> controls;
  for (int r = 0; r < 2; ++r) {
    controls[r].collective_rad = trim.collective_rad[r];
    controls[r].speed_rad_s = RpmToRadPerSec(2537.0);
  }
  sim->StartRotorsTrimmed(controls);
  return sim;
}

TEST(SimulationTest, TrimmedRotorsHoldTheVehicleInStillAir) {
  const auto field = terrain::Heightfield::Flat(100.0, 1.0);
  VehicleCommand cmd;
  auto owned = TrimmedHover(field, SimulationConfig{}, &cmd);
  Simulation& sim = *owned;
  RunFor(&sim, cmd, 1.0);
  // Thrust equals weight: the vertical speed stays near zero (trim to 0.5 % of weight would
  // allow 0.019 m/s after 1 s).
  EXPECT_LT(std::abs(sim.state().body.v_com_W_mps.z()), 0.02);
  EXPECT_LT(sim.TiltDeg(), 1.0);
}

TEST(SimulationTest, SteadyWindDragsTheVehicleDownwind) {
  const auto field = terrain::Heightfield::Flat(100.0, 1.0);
  SimulationConfig config;
  config.wind.steady_enu_mps = {5.0, 0.0, 0.0};  // blowing towards east
  VehicleCommand cmd;
  auto owned = TrimmedHover(field, config, &cmd);
  Simulation& sim = *owned;
  RunFor(&sim, cmd, 2.0);
  const Eigen::Vector3d moved = sim.p_datum_W_m() - Eigen::Vector3d(0, 0, 20.0);
  EXPECT_GT(sim.state().body.v_com_W_mps.x(), 0.05);
  EXPECT_GT(moved.x(), 0.05);
  EXPECT_GT(moved.x(), 3.0 * std::abs(moved.y()));
}

TEST(SimulationTest, SameSeedGivesTheSameStateHashBitForBit) {
  const auto field = terrain::Heightfield::Flat(100.0, 1.0);
  SimulationConfig config;
  config.wind.steady_enu_mps = {2.0, 1.0, 0.0};
  config.wind.turbulence.wind_at_6m_mps = 6.0;
  config.wind.gusts.push_back({0.5, 1.0, {1.0, 0.0, 0.0}});
  config.seed = 42;
  auto run = [&](std::uint64_t seed) {
    SimulationConfig c = config;
    c.seed = seed;
    VehicleCommand cmd;
    auto sim = TrimmedHover(field, c, &cmd);
    RunFor(sim.get(), cmd, 2.0);
    return sim->StateHash();
  };
  const std::uint64_t a = run(42), b = run(42), other = run(43);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, other);
}

TEST(SimulationTest, CollectiveAboveTrimLiftsOffAndBelowTrimLands) {
  const auto field = terrain::Heightfield::Flat(100.0, 1.0);
  SimulationConfig config;
  config.surface.density_kg_m3 = 0.0168;
  Simulation sim(DefaultVehicle(), field, config);
  const TrimResult trim = testing::Trim(0.0168, 2537.0);
  const double up = trim.collective_rad[kUpper], low = trim.collective_rad[kLower];

  // Spin up on the ground at flat pitch.
  RunFor(&sim, Spinning(2537.0, 0.0, 0.0), 4.0);
  ASSERT_NEAR(sim.state().drive[kUpper].speed_rad_s, RpmToRadPerSec(2537.0), 1.0);
  ASSERT_FALSE(HasEvent(sim, EventType::kLiftoff));
  // Ramp both collectives 1.5 deg above trim over 1 s, hold for 1 s: lift-off and climb.
  // (Open loop, a helicopter's hover is unstable: its slow oscillation grows over ~10 s, so
  // the flight is kept short.)
  const double extra = 1.5 * kDeg;
  for (int i = 1; i <= 1000; ++i) {
    const double f = i / 1000.0;
    sim.Step(Spinning(2537.0, f * (up + extra), f * (low + extra)));
  }
  RunFor(&sim, Spinning(2537.0, up + extra, low + extra), 1.0);
  EXPECT_TRUE(HasEvent(sim, EventType::kLiftoff));
  const double height = sim.p_datum_W_m().z();
  EXPECT_GT(height, 0.3);
  EXPECT_GT(sim.state().body.v_com_W_mps.z(), 0.2);

  // Below trim: it stops climbing, descends and lands; touchdown is reported. At touchdown
  // the collective goes to flat pitch, as Ingenuity's does before spin-down.
  const auto events_before = sim.state().events.size();
  bool touched_down = false;
  for (int i = 0; i < 20000 && !touched_down; ++i) {
    sim.Step(Spinning(2537.0, up - 1.0 * kDeg, low - 1.0 * kDeg));
    for (size_t k = events_before; k < sim.state().events.size(); ++k) {
      touched_down |= sim.state().events[k].type == EventType::kTouchdown;
    }
  }
  ASSERT_TRUE(touched_down);
  RunFor(&sim, Spinning(2537.0, 0.0, 0.0), 3.0);
  EXPECT_LT(sim.p_datum_W_m().z(), 0.01);
  EXPECT_LT(sim.TiltDeg(), 10.0);
}

}  // namespace
}  // namespace ingenuity::sim
