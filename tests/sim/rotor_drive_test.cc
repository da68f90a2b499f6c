#include "sim/rotor_drive.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "tests/test_support.h"

namespace ingenuity::sim {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

TEST(RotorDriveTest, GovernorSpinsUpWithinTheTorqueLimitAndHoldsSpeed) {
  const DriveParams& p = testing::DefaultVehicle().drive;
  const double inertia = testing::DefaultVehicle().rotor.rotor_inertia_kg_m2;
  const double target = RpmToRadPerSec(2537.0);
  RotorDriveState s;
  double peak_torque = 0.0;
  // Aerodynamic torque growing with speed squared to 0.4 N m at the set point.
  for (int i = 0; i < 6000; ++i) {
    const double aero = 0.4 * std::pow(s.speed_rad_s / target, 2);
    peak_torque = std::max(peak_torque, StepRotorSpeed(p, inertia, target, aero, 0.001, &s));
  }
  EXPECT_LE(peak_torque, p.max_motor_torque_n_m);
  EXPECT_NEAR(s.speed_rad_s, target, 0.001 * target);
  EXPECT_NEAR(s.motor_torque_n_m, 0.4, 0.01);
}

TEST(RotorDriveTest, SpeedSagsWhenTheLoadExceedsTheTorqueLimit) {
  const DriveParams& p = testing::DefaultVehicle().drive;
  RotorDriveState s;
  s.speed_rad_s = RpmToRadPerSec(2537.0);
  for (int i = 0; i < 1000; ++i) {
    StepRotorSpeed(p, 0.009, s.speed_rad_s, 0.0, 0.001, &s);  // settle
  }
  const double start = s.speed_rad_s;
  for (int i = 0; i < 100; ++i) {
    StepRotorSpeed(p, 0.009, start, 1.5 * p.max_motor_torque_n_m, 0.001, &s);
  }
  // At least the net deceleration at the limit, 0.5 N m / 0.009 kg m^2 over 0.1 s = 5.6 rad/s;
  // a little more while the governor's error builds up to command the limit (kp = 0.32 N m
  // per rad/s, so about 3 rad/s of error).
  const double at_limit = 0.5 * p.max_motor_torque_n_m / 0.009 * 0.1;
  EXPECT_GE(start - s.speed_rad_s, at_limit);
  EXPECT_LE(start - s.speed_rad_s, at_limit + 1.5);
  EXPECT_DOUBLE_EQ(s.motor_torque_n_m, p.max_motor_torque_n_m);
}

TEST(RotorDriveTest, SwashplateServosAreRateAndRangeLimited) {
  const DriveParams& p = testing::DefaultVehicle().drive;
  RotorDriveState s;
  RotorCommand cmd;
  cmd.collective_rad = 90.0 * kDeg;  // beyond the range
  cmd.cyclic_cos_rad = -90.0 * kDeg;
  for (int i = 0; i < 50; ++i) StepSwashplate(p, cmd, 0.001, &s);
  EXPECT_NEAR(s.swashplate.collective_rad, p.servo_rate_deg_s * 0.05 * kDeg, 1e-12);
  for (int i = 0; i < 2000; ++i) StepSwashplate(p, cmd, 0.001, &s);
  EXPECT_NEAR(s.swashplate.collective_rad, p.collective_max_deg * kDeg, 1e-12);
  EXPECT_NEAR(s.swashplate.cyclic_cos_rad, -p.cyclic_max_deg * kDeg, 1e-12);
}

}  // namespace
}  // namespace ingenuity::sim
