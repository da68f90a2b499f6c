#include "sim/power.h"

#include <gtest/gtest.h>

#include <cmath>

#include "tests/test_support.h"

namespace ingenuity::sim {
namespace {

TEST(PowerTest, PackVoltageSpansSixCells) {
  const PowerParams& p = testing::DefaultVehicle().power;
  EXPECT_NEAR(PackOpenCircuitVoltage(p, 1.0), 6 * 4.18, 1e-9);
  EXPECT_NEAR(PackOpenCircuitVoltage(p, 0.0), 6 * 3.00, 1e-9);
  EXPECT_NEAR(PackOpenCircuitVoltage(p, 0.55), 6 * 0.5 * (3.74 + 3.82), 1e-9);
  // Reference: 6S, about 19.8-25.2 V.
  EXPECT_GT(PackOpenCircuitVoltage(p, 0.2), 19.8);
}

TEST(PowerTest, EnergyBalanceOfAHoverLikeLoad) {
  // 300 W for 90 s: the cells deliver the load plus I^2 R heating; the charge drawn follows.
  const PowerParams& p = testing::DefaultVehicle().power;
  BatteryState s;
  double heat_J = 0.0, delivered_J = 0.0;
  for (int i = 0; i < 90000; ++i) {
    StepBattery(p, 300.0, 0.001, &s);
    heat_J += s.current_a * s.current_a * p.cells_in_series * p.cell_resistance_ohm * 0.001;
    delivered_J += s.voltage_v * s.current_a * 0.001;
  }
  EXPECT_NEAR(delivered_J, 300.0 * 90.0, 1e-6 * 300.0 * 90.0);
  EXPECT_NEAR(s.energy_used_J, delivered_J + heat_J, 1e-3 * s.energy_used_J);
  // About 27 kJ of a 37.8 W h (136 kJ) pack: state of charge near 0.8.
  EXPECT_GT(s.state_of_charge, 0.75);
  EXPECT_LT(s.state_of_charge, 0.82);
  EXPECT_FALSE(s.depleted);
}

TEST(PowerTest, AnImpossibleLoadDepletesThePack) {
  const PowerParams& p = testing::DefaultVehicle().power;
  BatteryState s;
  StepBattery(p, 1e5, 0.001, &s);
  EXPECT_TRUE(s.depleted);
}

TEST(PowerTest, MotorLossesAddToShaftPower) {
  const PowerParams& p = testing::DefaultVehicle().power;
  const double shaft = 0.4 * 265.7;
  const double electrical = MotorElectricalPower(p, 0.4, 265.7);
  EXPECT_GT(electrical, shaft);
  // Copper (0.4 / 0.06)^2 0.2 = 8.9 W, fixed 5 W, then the controller's 95 %.
  EXPECT_NEAR(electrical, (shaft + 8.8889 + 5.0 * 265.7 / 265.0) / 0.95, 0.01);
  EXPECT_EQ(MotorElectricalPower(p, 0.0, 0.0), 0.0);
}

}  // namespace
}  // namespace ingenuity::sim
