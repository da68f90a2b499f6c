// Airfoil section coefficients at every angle of attack: the measured CLF5605 polar inside
// its range, extended by a stated model outside it.
//
//  - Attached flow: measured points, interpolated; beyond them the least-squares lift slope
//    and a least-squares drag parabola carry on to the stall angles (stall angles assumed).
//  - Separated and reverse flow: flat-plate coefficients, Cl = Cd_max/2 sin(2 alpha),
//    Cd = Cd_max sin^2(alpha) + Cd_min (Hoerner, Fluid-Dynamic Lift 1985, ch. 4; the form
//    Viterna and Corrigan, NASA CP-2230 1982, use for post-stall rotor blades), blended in
//    with a cosine over stall_transition_deg.
//  - Reynolds number: attached drag scales as (Re_ref / Re)^n, n = 0.5 (laminar skin
//    friction, Blasius), factor held within [0.5, 3] (assumed).
//  - Mach number: lift scales by the Prandtl-Glauert factor relative to the measured Mach,
//    with Mach held below max_mach_for_lift_scaling (Glauert 1928; assumed above 0.85).
#pragma once

#include <cmath>
#include <cstddef>
#include <vector>

#include "sim/vehicle_params.h"

namespace ingenuity::sim {

struct SectionCoefficients {
  double cl = 0.0;
  double cd = 0.0;
};

/// Precomputed tables over -180..180 deg; constant after construction.
class AirfoilModel {
 public:
  /// Throws std::invalid_argument if fewer than three distinct measured angles are given.
  explicit AirfoilModel(const AirfoilParams& params);

  /// Coefficients at an angle of attack in [-pi, pi] [rad], Mach number and Reynolds
  /// number of the section.
  SectionCoefficients At(double alpha_rad, double mach, double reynolds) const {
    return AtWithDragFactor(alpha_rad, mach, ReynoldsDragFactor(reynolds));
  }
  /// The same with the Reynolds drag factor already known (the rotor computes it once per
  /// element and step). Inline: it runs for every blade element every step.
  SectionCoefficients AtWithDragFactor(double alpha_rad, double mach, double drag_factor) const {
    double x = (alpha_rad + kPi) * inv_step_;
    x = x < 0.0 ? 0.0 : (x > last_index_ ? last_index_ : x);
    const size_t i =
        static_cast<size_t>(x) < table_.size() - 1 ? static_cast<size_t>(x) : table_.size() - 2;
    const double t = x - static_cast<double>(i);
    const Entry& a = table_[i];
    const Entry& b = table_[i + 1];
    const double m =
        mach < params_.max_mach_for_lift_scaling ? mach : params_.max_mach_for_lift_scaling;
    const double lift_factor = lift_mach_numerator_ / std::sqrt(1.0 - m * m);
    const double cl = a.cl + t * (b.cl - a.cl);
    const double cd_attached = a.cd_attached + t * (b.cd_attached - a.cd_attached);
    const double cd_separated = a.cd_separated + t * (b.cd_separated - a.cd_separated);
    return {cl * lift_factor, cd_attached * drag_factor + cd_separated};
  }
  /// (Re_ref / Re)^n, held within [0.5, 3].
  double ReynoldsDragFactor(double reynolds) const;

  /// Lift slope fitted to the measured points [1/rad].
  double lift_slope_per_rad() const { return lift_slope_per_rad_; }
  const AirfoilParams& params() const { return params_; }

  /// Coefficients before the Reynolds and Mach corrections (at the reference conditions).
  SectionCoefficients AtReference(double alpha_rad) const;

 private:
  static constexpr double kPi = 3.14159265358979323846;
  struct Entry {
    double cl, cd_attached, cd_separated;
  };

  AirfoilParams params_;
  double lift_slope_per_rad_ = 0.0;
  double inv_step_ = 0.0;
  double last_index_ = 0.0;
  double lift_mach_numerator_ = 1.0;  // sqrt(1 - M_ref^2)
  std::vector<Entry> table_;
};

}  // namespace ingenuity::sim
