// Sensors against what they must read: specific force +g at rest and 0 in free fall, noise
// as specified, slant range to the terrain, range limit, dropouts, roll and pitch on a slope,
// and seeded determinism.
#include "sim/sensors.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "tests/test_support.h"

namespace ingenuity::sim {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

struct Stats {
  Eigen::Vector3d mean = Eigen::Vector3d::Zero(), sd = Eigen::Vector3d::Zero();
};

// IMU statistics over n samples (specific force or rate), biases removed.
template <typename F>
Stats ImuStats(Simulation* sim, SensorSuite* sensors, int samples, F field) {
  Eigen::Vector3d sum = Eigen::Vector3d::Zero(), sq = Eigen::Vector3d::Zero();
  int n = 0;
  while (n < samples) {
    sim->Step(VehicleCommand{});
    const SensorReadings r = sensors->Sample(*sim);
    if (!r.imu) continue;
    const Eigen::Vector3d x = field(*r.imu, *sensors);
    sum += x;
    sq += x.cwiseProduct(x);
    ++n;
  }
  Stats s;
  s.mean = sum / n;
  s.sd = (sq / n - s.mean.cwiseProduct(s.mean)).cwiseSqrt();
  return s;
}

TEST(SensorsTest, ImuAtRestReadsGravityWithTheSpecifiedNoise) {
  const auto field = terrain::Heightfield::Flat(20.0, 0.5);
  Simulation sim(testing::DefaultVehicle(), field, SimulationConfig{});
  const SensorParams& p = testing::DefaultVehicle().sensors;
  SensorSuite sensors(p, 7);
  for (int i = 0; i < 1000; ++i) sim.Step(VehicleCommand{});  // settle on the gear
  const Stats f = ImuStats(&sim, &sensors, 5000, [](const auto& s, const SensorSuite& suite) {
    return Eigen::Vector3d(s.specific_force_B_mps2 - suite.accel_bias_mps2());
  });
  const double sigma_f = p.accel_noise_density_mps2_rt_hz * std::sqrt(500.0);
  EXPECT_NEAR(f.mean.x(), 0.0, 0.003);
  EXPECT_NEAR(f.mean.y(), 0.0, 0.003);
  EXPECT_NEAR(f.mean.z(), kMarsGravity_mps2, 0.003);
  for (int k = 0; k < 3; ++k) EXPECT_NEAR(f.sd[k], sigma_f, 0.1 * sigma_f);
  const Stats w = ImuStats(&sim, &sensors, 5000, [](const auto& s, const SensorSuite& suite) {
    return Eigen::Vector3d(s.rate_B_rad_s - suite.gyro_bias_rad_s());
  });
  const double sigma_w = p.gyro_noise_density_rad_s_rt_hz * std::sqrt(500.0);
  for (int k = 0; k < 3; ++k) {
    EXPECT_NEAR(w.mean[k], 0.0, 3e-4);
    EXPECT_NEAR(w.sd[k], sigma_w, 0.1 * sigma_w);
  }
}

TEST(SensorsTest, ImuInFreeFallReadsNoSpecificForce) {
  const auto field = terrain::Heightfield::Flat(50.0, 1.0);
  SimulationConfig config;
  config.surface.density_kg_m3 = 0.001;
  config.p_datum_W_m = {0, 0, 30};
  Simulation sim(testing::DefaultVehicle(), field, config);
  SensorParams quiet = testing::DefaultVehicle().sensors;
  quiet.accel_noise_density_mps2_rt_hz = 0.0;
  SensorSuite sensors(quiet, 1);
  const Stats f = ImuStats(&sim, &sensors, 200, [](const auto& s, const SensorSuite& suite) {
    return Eigen::Vector3d(s.specific_force_B_mps2 - suite.accel_bias_mps2());
  });
  EXPECT_LT(f.mean.norm(), 0.01);
}

flight_control::RangeSample FirstRange(Simulation* sim, SensorSuite* sensors) {
  for (;;) {
    sim->Step(VehicleCommand{});
    const SensorReadings r = sensors->Sample(*sim);
    if (r.range) return *r.range;
  }
}

TEST(SensorsTest, AltimeterMeasuresTheSlantRangeToTheTerrain) {
  const auto field = terrain::Heightfield::Flat(100.0, 1.0);
  SensorParams p = testing::DefaultVehicle().sensors;
  p.altimeter_noise_m = 0.0;
  p.altimeter_dropout_probability = 0.0;
  for (double tilt : {0.0, 20.0}) {
    SimulationConfig config;
    config.surface.density_kg_m3 = 0.001;
    config.p_datum_W_m = {0, 0, 10.0};
    config.tilt_deg = tilt;
    Simulation sim(testing::DefaultVehicle(), field, config);
    SensorSuite sensors(p, 1);
    const flight_control::RangeSample r = FirstRange(&sim, &sensors);
    ASSERT_TRUE(r.valid);
    const Eigen::Vector3d sensor =
        sim.state().body.p_com_W_m +
        sim.state().body.q_WB * (p.p_altimeter_B_m - sim.mass().p_com_B_m);
    EXPECT_NEAR(r.range_m, sensor.z() / std::cos(tilt * kDeg), 2e-3) << tilt;
  }
  // Beyond 40 m: no return.
  SimulationConfig high;
  high.p_datum_W_m = {0, 0, 60.0};
  Simulation sim(testing::DefaultVehicle(), field, high);
  SensorSuite sensors(p, 1);
  EXPECT_FALSE(FirstRange(&sim, &sensors).valid);
}

TEST(SensorsTest, AltimeterDropsOutAtTheStatedRate) {
  const auto field = terrain::Heightfield::Flat(20.0, 0.5);
  SensorParams p = testing::DefaultVehicle().sensors;
  p.altimeter_dropout_probability = 0.2;
  Simulation sim(testing::DefaultVehicle(), field, SimulationConfig{});
  SensorSuite sensors(p, 3);
  int valid = 0, total = 0;
  for (int i = 0; i < 40000; ++i) {
    sim.Step(VehicleCommand{});
    const SensorReadings r = sensors.Sample(sim);
    if (r.range) {
      ++total;
      valid += r.range->valid;
    }
  }
  EXPECT_EQ(total, 2000);
  EXPECT_NEAR(1.0 - static_cast<double>(valid) / total, 0.2, 0.03);
}

TEST(SensorsTest, InclinometerReadsTheSlope) {
  const auto field = terrain::Heightfield::Sloped(20.0, 0.5, 10.0, 0.0);
  SimulationConfig config;
  config.tilt_deg = 10.0;
  config.p_datum_W_m = {0, 0, 0.05};
  Simulation sim(testing::DefaultVehicle(), field, config);
  SensorSuite sensors(testing::DefaultVehicle().sensors, 5);
  double roll = 0.0, pitch = 0.0;
  int n = 0;
  for (int i = 0; i < 5000; ++i) {
    sim.Step(VehicleCommand{});
    const SensorReadings r = sensors.Sample(sim);
    if (r.inclinometer && i > 2000) {
      roll += r.inclinometer->roll_rad;
      pitch += r.inclinometer->pitch_rad;
      ++n;
    }
  }
  EXPECT_NEAR(std::hypot(roll / n, pitch / n), 10.0 * kDeg, 0.3 * kDeg);
}

TEST(SensorsTest, SameSeedSameSamplesOtherSeedOtherNoise) {
  const auto field = terrain::Heightfield::Flat(20.0, 0.5);
  auto run = [&](std::uint64_t seed) {
    Simulation sim(testing::DefaultVehicle(), field, SimulationConfig{});
    SensorSuite sensors(testing::DefaultVehicle().sensors, seed);
    Eigen::Vector3d last = Eigen::Vector3d::Zero();
    for (int i = 0; i < 500; ++i) {
      sim.Step(VehicleCommand{});
      const SensorReadings r = sensors.Sample(sim);
      if (r.imu) last = r.imu->specific_force_B_mps2;
    }
    return last;
  };
  EXPECT_EQ(run(11), run(11));
  EXPECT_NE(run(11), run(12));
}

}  // namespace
}  // namespace ingenuity::sim
