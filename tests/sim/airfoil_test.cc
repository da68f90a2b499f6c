// The CLF5605 section model: measured data inside its range, the stated extension outside.
#include "sim/airfoil.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "tests/test_support.h"

namespace ingenuity::sim {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

const AirfoilModel& Clf5605() {
  static const AirfoilModel model(testing::DefaultVehicle().airfoil);
  return model;
}

TEST(AirfoilTest, ReproducesTheMeasuredPolarAtReferenceConditions) {
  // At 0 deg the two wind-tunnel models give Cl 0.250 and 0.381 (their means): the model
  // is their average; at 4 deg both were measured once: 0.601 and 0.711.
  EXPECT_NEAR(Clf5605().AtReference(0.0).cl, 0.5 * (0.249951 + 0.3806745), 1e-4);
  EXPECT_NEAR(Clf5605().AtReference(4.0 * kDeg).cl, 0.5 * (0.601181 + 0.711044), 1e-4);
  EXPECT_NEAR(Clf5605().AtReference(4.0 * kDeg).cd, 0.5 * (0.070632 + 0.083471), 1e-4);
  // At the reference Mach and Reynolds numbers At() equals the reference table.
  const SectionCoefficients at = Clf5605().At(3.0 * kDeg, 0.6, 20000.0);
  EXPECT_NEAR(at.cl, Clf5605().AtReference(3.0 * kDeg).cl, 1e-9);
  EXPECT_NEAR(at.cd, Clf5605().AtReference(3.0 * kDeg).cd, 1e-9);
}

TEST(AirfoilTest, LiftRisesThroughTheDataAndStallsNearTheStatedAngle) {
  double best_alpha = 0.0, best_cl = -1.0;
  for (double a = -2.0; a <= 20.0; a += 0.1) {
    const double cl = Clf5605().AtReference(a * kDeg).cl;
    if (cl > best_cl) best_cl = cl, best_alpha = a;
  }
  EXPECT_NEAR(best_alpha, 10.0, 0.5);
  EXPECT_GT(best_cl, 1.0);
  EXPECT_LT(best_cl, 1.3);
  // The lift slope over the data is close to thin-airfoil theory scaled by
  // Prandtl-Glauert at Mach 0.6 (2 pi / 0.8 = 7.85 /rad), reduced at low Reynolds number.
  EXPECT_GT(Clf5605().lift_slope_per_rad(), 4.0);
  EXPECT_LT(Clf5605().lift_slope_per_rad(), 7.85);
}

TEST(AirfoilTest, SeparatedAndReverseFlowFollowTheFlatPlate) {
  const double cd_max = testing::DefaultVehicle().airfoil.flat_plate_cd_max;
  const SectionCoefficients normal = Clf5605().AtReference(90.0 * kDeg);
  EXPECT_NEAR(normal.cl, 0.0, 1e-6);
  EXPECT_GT(normal.cd, cd_max);
  EXPECT_NEAR(Clf5605().AtReference(45.0 * kDeg).cl, 0.5 * cd_max, 1e-6);
  // Reverse flow: the section moving trailing edge first at small incidence.
  const SectionCoefficients reverse = Clf5605().AtReference(178.0 * kDeg);
  EXPECT_LT(std::abs(reverse.cl), 0.1);
  EXPECT_LT(reverse.cd, 0.1);
  EXPECT_NEAR(Clf5605().AtReference(-45.0 * kDeg).cl, -0.5 * cd_max, 1e-6);
}

TEST(AirfoilTest, CoefficientsAreContinuousAllTheWayRound) {
  double worst_cl = 0.0, worst_cd = 0.0;
  SectionCoefficients prev = Clf5605().AtReference(-std::numbers::pi);
  for (int i = 1; i <= 36000; ++i) {
    const SectionCoefficients c = Clf5605().AtReference(-std::numbers::pi + i * 0.01 * kDeg);
    worst_cl = std::max(worst_cl, std::abs(c.cl - prev.cl));
    worst_cd = std::max(worst_cd, std::abs(c.cd - prev.cd));
    prev = c;
  }
  EXPECT_LT(worst_cl, 0.01);
  EXPECT_LT(worst_cd, 0.01);
}

TEST(AirfoilTest, MachAndReynoldsCorrections) {
  const double alpha = 3.0 * kDeg;
  const SectionCoefficients ref = Clf5605().At(alpha, 0.6, 20000.0);
  // Prandtl-Glauert: at Mach 0.3 lift is sqrt(1 - 0.36) / sqrt(1 - 0.09) of the reference.
  EXPECT_NEAR(Clf5605().At(alpha, 0.3, 20000.0).cl / ref.cl, 0.8 / std::sqrt(0.91), 1e-9);
  // Held above Mach 0.85.
  EXPECT_NEAR(Clf5605().At(alpha, 0.95, 20000.0).cl, Clf5605().At(alpha, 0.85, 20000.0).cl, 1e-12);
  // Attached drag scales as (Re_ref / Re)^0.25: at half the Reynolds number, 2^0.25.
  EXPECT_NEAR(Clf5605().At(alpha, 0.6, 10000.0).cd / ref.cd, std::pow(2.0, 0.25), 1e-6);
  EXPECT_NEAR(Clf5605().At(alpha, 0.6, 10000.0).cl, ref.cl, 1e-12);
}

}  // namespace
}  // namespace ingenuity::sim
