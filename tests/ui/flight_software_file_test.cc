// The flight software's belief about the vehicle: it loads, rejects bad input, and stays
// within stated tolerances of the truth model it is separate from.
#include "ui/flight_software_file.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <numbers>
#include <sstream>

#include "sim/config_reader.h"
#include "sim/trim.h"
#include "tests/test_support.h"

namespace ingenuity::ui {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

TEST(FlightSoftwareFileTest, BeliefStaysCloseToTheTruth) {
  const flight_control::FlightSoftwareParams fsw =
      LoadFlightSoftwareFile(DefaultFlightSoftwareFile());
  const flight_control::ControllerParams& p = fsw.control;
  const double rho = p.reference_density_kg_m3;
  const sim::VehicleParams& truth = testing::DefaultVehicle();
  EXPECT_DOUBLE_EQ(p.mass_kg, truth.mass_kg);
  const sim::MassProperties mp = sim::ComputeMassProperties(truth.mass_breakdown);
  // The executor's centre-of-mass height and the filter's sensor beliefs match the truth.
  EXPECT_NEAR(fsw.mission.com_height_m, mp.p_com_B_m.z(), 0.01);
  EXPECT_NEAR(fsw.estimator.p_altimeter_B_m.z() + fsw.mission.com_height_m,
              truth.sensors.p_altimeter_B_m.z(), 1e-9);
  EXPECT_DOUBLE_EQ(fsw.estimator.gyro_noise_density_rad_s_rt_hz,
                   truth.sensors.gyro_noise_density_rad_s_rt_hz);
  EXPECT_DOUBLE_EQ(fsw.estimator.accel_noise_density_mps2_rt_hz,
                   truth.sensors.accel_noise_density_mps2_rt_hz);
  for (int k = 0; k < 3; ++k) {
    EXPECT_NEAR(p.inertia_B_kg_m2[k], mp.inertia_com_B_kg_m2(k, k),
                0.10 * mp.inertia_com_B_kg_m2(k, k));
  }
  // Hover collectives within 0.3 deg of the truth's trim at the reference air.
  const sim::TrimResult trim =
      testing::Trim(rho, p.rotor_speed_rad_s * 60.0 / (2.0 * std::numbers::pi));
  ASSERT_TRUE(trim.converged);
  EXPECT_NEAR(p.hover_collective_rad[0], trim.collective_rad[0], 0.3 * kDeg);
  EXPECT_NEAR(p.hover_collective_rad[1], trim.collective_rad[1], 0.3 * kDeg);
  // Control derivatives within 10 % of finite differences on the truth rotor model.
  const sim::CoaxialRotor rotor(truth.rotor, truth.airfoil);
  const sim::AirState air = testing::AirAtDensity(rho);
  auto loads = [&](double du, double dl, double cc, double cs) {
    std::array<sim::RotorControls, 2> c;
    c[0].collective_rad = trim.collective_rad[0] + du;
    c[1].collective_rad = trim.collective_rad[1] + dl;
    for (auto& x : c) {
      x.speed_rad_s = p.rotor_speed_rad_s;
      x.cyclic_cos_rad = cc;
      x.cyclic_sin_rad = cs;
    }
    std::array<sim::RotorInflowState, 2> inflow{};
    return sim::SteadyRotorLoads(rotor, c, air, 1e3, &inflow);
  };
  const double d = 0.5 * kDeg;
  const auto base = loads(0, 0, 0, 0), coll = loads(d, d, 0, 0), diff = loads(d, -d, 0, 0),
             cc = loads(0, 0, d, 0), cs = loads(0, 0, 0, d);
  auto thrust = [](const auto& l) { return l[0].thrust_N + l[1].thrust_N; };
  auto yaw = [](const auto& l) { return -l[0].shaft_torque_N_m + l[1].shaft_torque_N_m; };
  auto near10 = [](double belief, double truth_value) {
    EXPECT_NEAR(belief, truth_value, 0.10 * std::abs(truth_value));
  };
  near10(p.thrust_per_collective_n_rad, (thrust(coll) - thrust(base)) / d);
  near10(p.yaw_moment_per_differential_n_m_rad, (yaw(diff) - yaw(base)) / d);
  near10(p.pitch_moment_per_cyclic_cos_n_m_rad,
         (cc[0].m_hub_B_N_m.y() + cc[1].m_hub_B_N_m.y()) / d);
  near10(p.roll_moment_per_cyclic_sin_n_m_rad, (cs[0].m_hub_B_N_m.x() + cs[1].m_hub_B_N_m.x()) / d);
}

// Loads the default file with one edit; expects one error naming the file and saying `what`.
void ExpectRejected(const std::string& find, const std::string& replace, const std::string& what) {
  std::string text = testing::ReadText(DefaultFlightSoftwareFile());
  text.replace(text.find(find), find.size(), replace);
  const testing::TempFile f("fsw.yaml", text);
  try {
    LoadFlightSoftwareFile(f.path());
    FAIL() << "no error for " << replace;
  } catch (const sim::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find(f.path() + ":"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(what), std::string::npos) << e.what();
  }
}

TEST(FlightSoftwareFileTest, BadInputNamesFileLineAndKey) {
  ExpectRejected("  yaw: 3.0", "  yaw: 3.0\n  yawn: 1.0", "gains.yawn: unknown key");
  ExpectRejected("max_speed_mps: 10", "max_speed_mps: 25", "limits.max_speed_mps");
  // The ground map's rolling grid is indexed modulo its size: a power of two.
  ExpectRejected("cells_per_side: 128", "cells_per_side: 100",
                 "ground_map.cells_per_side: must be a power of two");
}

}  // namespace
}  // namespace ingenuity::ui
