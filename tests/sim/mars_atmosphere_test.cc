#include "sim/mars_atmosphere.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

namespace ingenuity::sim {
namespace {

TEST(MarsAtmosphereTest, FlightOneSurfaceMatchesMeda) {
  // 748 Pa and 235 K (MEDA, sol 58): rho = p / (R T) = 0.01685 kg/m^3; a = sqrt(gamma R T)
  // = 240.2 m/s (reference: about 240 m/s).
  const MarsAtmosphere atm(Flight1Conditions());
  const AirState& air = atm.surface();
  EXPECT_NEAR(air.density_kg_m3, 748.0 / (188.9 * 235.0), 1e-9);
  EXPECT_NEAR(air.density_kg_m3, 0.0168, 0.0001);
  EXPECT_NEAR(air.speed_of_sound_mps, std::sqrt(1.30 * 188.9 * 235.0), 1e-9);
  EXPECT_NEAR(air.speed_of_sound_mps, 240.0, 0.5);
  // Sutherland's law for CO2 at 235 K: 1.185e-5 Pa s.
  EXPECT_NEAR(air.viscosity_pa_s, 1.185e-5, 0.005e-5);
}

TEST(MarsAtmosphereTest, DensityAnchorGivesPressureFromGasLaw) {
  SurfaceConditions c;
  c.density_kg_m3 = 0.012;
  c.temperature_k = 220.0;
  const MarsAtmosphere atm(c);
  EXPECT_NEAR(atm.surface().pressure_pa, 0.012 * 188.9 * 220.0, 1e-9);
  EXPECT_NEAR(atm.At(0.0).density_kg_m3, 0.012, 1e-12);
}

TEST(MarsAtmosphereTest, HeightTrendsFollowTheGlennModel) {
  const MarsAtmosphere atm(Flight1Conditions());
  const AirState up = atm.At(1000.0);
  EXPECT_NEAR(up.temperature_k, 235.0 - 0.998, 1e-9);
  EXPECT_NEAR(up.pressure_pa, 748.0 * std::exp(-0.09), 1e-9);
  EXPECT_LT(up.density_kg_m3, atm.surface().density_kg_m3);
  // Over flight heights (10 m) the change is small but present.
  const double ratio = atm.At(10.0).density_kg_m3 / atm.surface().density_kg_m3;
  EXPECT_LT(ratio, 1.0);
  EXPECT_GT(ratio, 0.998);
}

TEST(MarsAtmosphereTest, RejectsNonPhysicalConditions) {
  SurfaceConditions nan_density;
  nan_density.density_kg_m3 = std::nan("");
  EXPECT_THROW(MarsAtmosphere{nan_density}, std::invalid_argument);
  SurfaceConditions cold = Flight1Conditions();
  cold.temperature_k = 20.0;
  EXPECT_THROW(MarsAtmosphere{cold}, std::invalid_argument);
  SurfaceConditions none;
  EXPECT_THROW(MarsAtmosphere{none}, std::invalid_argument);
}

}  // namespace
}  // namespace ingenuity::sim
