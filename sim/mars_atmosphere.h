// Mars near-surface atmosphere: CO2 ideal gas anchored on measured surface conditions, with
// the height trends of the NASA Glenn Mars model (T falls 0.998 K/km, p scales as
// exp(-0.09 /km)), Sutherland viscosity for CO2.
#pragma once

#include <optional>

namespace ingenuity::sim {

/// Mars surface gravity [m/s^2] (standard value).
inline constexpr double kMarsGravity_mps2 = 3.721;
/// Specific gas constant of the Martian air, taken as CO2 [J/(kg K)].
inline constexpr double kMarsGasConstant_J_kgK = 188.9;
/// Ratio of specific heats of CO2 near 235 K [-].
inline constexpr double kMarsGamma = 1.30;

/// The day's air at the surface of the site. Give density, or pressure, with temperature.
struct SurfaceConditions {
  std::optional<double> density_kg_m3;  ///< if set, pressure follows from density and T
  std::optional<double> pressure_pa;    ///< used when density is not given
  double temperature_k = 235.0;         ///< air temperature at the surface [K]
};

/// Flight 1 (sol 58): about 748 Pa and 235 K (Perseverance MEDA).
SurfaceConditions Flight1Conditions();

/// Air properties at one point.
struct AirState {
  double density_kg_m3 = 0.0;
  double pressure_pa = 0.0;
  double temperature_k = 0.0;
  double speed_of_sound_mps = 0.0;
  double viscosity_pa_s = 0.0;  ///< dynamic viscosity [Pa s]
};

/// The atmosphere of one scenario: constant once built.
class MarsAtmosphere {
 public:
  /// Throws std::invalid_argument on non-physical conditions.
  explicit MarsAtmosphere(const SurfaceConditions& surface);

  /// Air at a height above the site's surface reference [m] (negative is allowed).
  AirState At(double height_m) const;

  const AirState& surface() const { return surface_; }

 private:
  AirState surface_;
};

/// Dynamic viscosity of CO2 by Sutherland's law (mu = 1.370e-5 Pa s at 273 K, S = 222 K;
/// White, Viscous Fluid Flow, Table 1-2) [Pa s].
double Co2Viscosity(double temperature_k);

}  // namespace ingenuity::sim
