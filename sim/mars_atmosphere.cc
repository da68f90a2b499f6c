#include "sim/mars_atmosphere.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace ingenuity::sim {
namespace {
// NASA Glenn Mars model trends: temperature lapse [K/m] and pressure decay rate [1/m].
constexpr double kLapse_K_m = 0.000998;
constexpr double kPressureDecay_1_m = 0.00009;

AirState Make(double pressure_pa, double temperature_k) {
  AirState air;
  air.pressure_pa = pressure_pa;
  air.temperature_k = temperature_k;
  air.density_kg_m3 = pressure_pa / (kMarsGasConstant_J_kgK * temperature_k);
  air.speed_of_sound_mps = std::sqrt(kMarsGamma * kMarsGasConstant_J_kgK * temperature_k);
  air.viscosity_pa_s = Co2Viscosity(temperature_k);
  return air;
}
}  // namespace

SurfaceConditions Flight1Conditions() {
  SurfaceConditions c;
  c.pressure_pa = 748.0;
  c.temperature_k = 235.0;
  return c;
}

double Co2Viscosity(double temperature_k) {
  constexpr double kMuRef = 1.370e-5, kTRef = 273.0, kS = 222.0;
  const double t = temperature_k / kTRef;
  return kMuRef * t * std::sqrt(t) * (kTRef + kS) / (temperature_k + kS);
}

MarsAtmosphere::MarsAtmosphere(const SurfaceConditions& s) {
  const double t = s.temperature_k;
  if (!std::isfinite(t) || t < 120.0 || t > 320.0) {
    throw std::invalid_argument("surface temperature must be within 120-320 K, got " +
                                std::to_string(t));
  }
  double p;
  if (s.density_kg_m3) {
    const double rho = *s.density_kg_m3;
    if (!std::isfinite(rho) || rho < 0.001 || rho > 0.1) {
      throw std::invalid_argument("surface density must be within 0.001-0.1 kg/m^3, got " +
                                  std::to_string(rho));
    }
    p = rho * kMarsGasConstant_J_kgK * t;
  } else if (s.pressure_pa) {
    p = *s.pressure_pa;
    if (!std::isfinite(p) || p < 50.0 || p > 5000.0) {
      throw std::invalid_argument("surface pressure must be within 50-5000 Pa, got " +
                                  std::to_string(p));
    }
  } else {
    throw std::invalid_argument("surface conditions need a density or a pressure");
  }
  surface_ = Make(p, t);
}

AirState MarsAtmosphere::At(double height_m) const {
  const double t = surface_.temperature_k - kLapse_K_m * height_m;
  const double p = surface_.pressure_pa * std::exp(-kPressureDecay_1_m * height_m);
  return Make(p, t);
}

}  // namespace ingenuity::sim
