// Rotor aerodynamics from blade elements.
//
// Each rotor is a set of blade elements (the real chord/twist stations). Two ways to sample
// the disc (RotorSampling):
//  - kBlades: every blade at its actual azimuth this step, the blades turning with the rotor
//    (15 deg a step at 2537 rpm and 1 kHz): instantaneous loads, including the real 2/rev
//    vibratory hub loads of a two-bladed rigid rotor. The simulation steps this way.
//  - kRevolutionMean: one blade at `azimuth_samples` evenly spaced azimuths, averaged: the
//    mean over a revolution, for trim and steady analysis.
//
// Induced inflow, all dimensional [m/s] so a stopped rotor is handled too:
//  - Axial part: one dynamic state per annulus. At equilibrium the annulus thrust of the
//    blade elements equals the momentum thrust 2 rho F v V_m dA (blade element momentum
//    theory, Prandtl tip loss F); the states relax towards it with the Pitt-Peters apparent
//    mass of air, 8 rho R^3 / 3 (Pitt and Peters, Vertica 5, 1981). V_m is the momentum
//    mass-flow velocity in climb, hover, forward flight and the windmill state; in the
//    vortex-ring band (-2 < V_c / v_h < 0) it follows Leishman's empirical induced-velocity
//    fit (Principles of Helicopter Aerodynamics, 2nd ed., eq. 2.138).
//  - First harmonics: the Pitt-Peters wake-skew gradient kx = 15 pi / 32 tan(chi / 2)
//    along the wind, and a moment-driven gradient (Pitt-Peters L22/L33 terms, isotropic)
//    with its own apparent-mass lag.
//  - Coaxial interaction: the lower rotor works inside the upper rotor's slipstream, which
//    at the lower rotor has sped up by k_v = 1 + s / sqrt(s^2 + R^2) (actuator disc on its
//    axis) and so contracted to R / sqrt(k_v) (continuity), skewed back by the wake angle.
//    The upper rotor is taken as unaffected by the lower one (Leishman and Syal, JAHS 53(3)
//    2008); this is the model's main simplification.
//  - Ground effect: the induced velocity is reduced by 1 - (R / 4z)^2 / (1 + (V / v)^2)
//    (Cheeseman and Bennett, ARC R&M 3021, 1955), z the hub height above the terrain under
//    the hub, the reduction held to at most 50 % (z >= 0.35 R).
//
// Blades are rigid (hingeless, flapping neglected, assumed): cyclic pitch acts as a hub
// moment in phase with the pitch change. Radial flow along the blade is neglected.
#pragma once

#include <Eigen/Core>
#include <array>
#include <cmath>

#include "sim/airfoil.h"
#include "sim/mars_atmosphere.h"
#include "sim/vehicle_params.h"

namespace ingenuity::sim {

inline constexpr int kMaxBladeElements = 40;
inline constexpr int kMaxAzimuthSamples = 16;

/// Pilot-side inputs of one rotor.
struct RotorControls {
  double collective_rad = 0.0;  ///< pitch added to the built-in twist [rad]
  double cyclic_cos_rad = 0.0;  ///< pitch change with cos(azimuth) from body +x [rad]
  double cyclic_sin_rad = 0.0;  ///< pitch change with sin(azimuth) (towards body +y) [rad]
  double speed_rad_s = 0.0;     ///< rotor speed, magnitude [rad/s]
};

/// The air the rotor works in, at its hub.
struct RotorFlow {
  Eigen::Vector3d v_air_hub_B_mps = Eigen::Vector3d::Zero();  ///< air relative to hub, body axes
  Eigen::Vector3d w_B_rad_s = Eigen::Vector3d::Zero();        ///< body angular velocity
  double height_agl_m = 1e3;  ///< hub height above the terrain under it [m]
};

/// Mean loads of one rotor over a revolution, acting on the hub.
struct RotorLoads {
  Eigen::Vector3d f_hub_B_N = Eigen::Vector3d::Zero();    ///< force on the hub, body axes [N]
  Eigen::Vector3d m_hub_B_N_m = Eigen::Vector3d::Zero();  ///< roll/pitch moment about the hub
                                                          ///< (z excluded: see shaft torque)
  double thrust_N = 0.0;                                  ///< along the shaft (+z) [N]
  double shaft_torque_N_m = 0.0;      ///< aerodynamic torque resisting rotation [N m]
  double power_W = 0.0;               ///< shaft torque times speed [W]
  double induced_power_W = 0.0;       ///< axial force times induced velocity, summed [W]
  double mean_induced_mps = 0.0;      ///< area-weighted mean axial induced velocity [m/s]
  double ground_effect_factor = 1.0;  ///< induced-velocity multiplier [-]
  double stalled_fraction = 0.0;      ///< thrust share of elements past stall [-]
};

/// How the disc is sampled (see the file comment).
enum class RotorSampling { kBlades, kRevolutionMean };

/// Inflow states of one rotor: the changing part of its aerodynamics.
struct RotorInflowState {
  double blade_azimuth_rad = 0.0;  ///< first blade, from body +x towards +y, in [0, 2 pi)
  std::array<double, kMaxBladeElements> v_annulus_mps{};  ///< axial induced velocity per annulus
  Eigen::Vector2d moment_gradient_mps = Eigen::Vector2d::Zero();  ///< harmonic inflow at r = R
  double thrust_N = 0.0;  ///< last thrust, for the vortex-ring regime
};

/// The upper rotor's slipstream where the lower rotor meets it.
struct RotorWake {
  std::array<double, kMaxBladeElements> v_annulus_mps{};  ///< upper rotor's induced velocity
  Eigen::Vector2d centre_B_m = Eigen::Vector2d::Zero();   ///< wake centre offset at lower disc
  bool present = false;
};

/// One rotor's constant model: blade elements and geometry.
class RotorModel {
 public:
  /// spin_direction: +1 turns counter-clockwise seen from above (about body +z), -1 the other
  /// way. wake_distance_m: how far below the upper rotor this rotor sits (0 for the upper).
  RotorModel(const RotorParams& params, const AirfoilModel* airfoil, int spin_direction,
             double wake_distance_m);

  /// Loads with the current inflow, then advances the inflow by dt_s (pass a few ms of
  /// pseudo-time repeatedly to converge it, as the trim does). upper_wake is for the lower
  /// rotor; wake_out, if given, receives this rotor's slipstream for the rotor below.
  /// With RotorSampling::kBlades the blades then turn on by their speed times dt_s.
  RotorLoads Step(const RotorControls& controls, const RotorFlow& flow, const AirState& air,
                  const RotorWake* upper_wake, double dt_s, RotorInflowState* state,
                  RotorWake* wake_out = nullptr,
                  RotorSampling sampling = RotorSampling::kRevolutionMean) const;

  int element_count() const { return element_count_; }
  double radius_m() const { return radius_m_; }
  double disc_area_m2() const { return disc_area_m2_; }
  int spin_direction() const { return spin_; }
  /// Radius the upper slipstream has contracted to at this rotor [m] (radius if none).
  double wake_radius_m() const { return wake_radius_m_; }
  /// Speed-up of the upper slipstream at this rotor [-] (1 if none).
  double wake_speed_factor() const { return wake_speed_factor_; }
  /// Solidity of this rotor: blade area over disc area [-].
  double solidity() const { return solidity_; }

 private:
  struct Element {
    double r_m, dr_m, chord_m, twist_rad, lift_factor, drag_factor, annulus_area_m2;
  };
  const AirfoilModel* airfoil_;
  int spin_;
  int blade_count_;
  int element_count_ = 0;
  int azimuth_count_;
  double radius_m_;
  double disc_area_m2_;
  double solidity_ = 0.0;
  double tip_loss_min_;
  double spacing_m_;  // to the rotor below, for the slipstream's lean
  double wake_radius_m_;
  double wake_speed_factor_;
  std::array<Element, kMaxBladeElements> elements_{};
  std::array<double, kMaxAzimuthSamples> cos_az_{}, sin_az_{};        // mean sampling
  std::array<double, kMaxAzimuthSamples> cos_blade_{}, sin_blade_{};  // blade spacing
  // Radius lookup: element index whose outer edge passes each 1/64 of the radius.
  std::array<int, 65> element_at_radius_{};
};

/// atan2 to about 1e-5 rad (an odd polynomial in the form of Abramowitz and Stegun 4.4.49);
/// the inflow angle of every blade element goes through it each step, so it is inline.
inline double FastAtan2(double y, double x) {
  constexpr double kPi = 3.14159265358979323846;
  const double ax = std::abs(x), ay = std::abs(y);
  const double mx = ax > ay ? ax : ay, mn = ax > ay ? ay : ax;
  if (mx == 0.0) return 0.0;
  const double a = mn / mx;
  const double s = a * a;
  double r = a * (0.99997726 +
                  s * (-0.33262347 +
                       s * (0.19354346 + s * (-0.11643287 + s * (0.05265332 - s * 0.01172120)))));
  if (ay > ax) r = 0.5 * kPi - r;
  if (x < 0.0) r = kPi - r;
  return y < 0.0 ? -r : r;
}

/// Prandtl's tip-loss factor F = 2/pi acos(exp(-f)) for f = B (R - r) / (2 r phi).
double PrandtlTipLoss(double f);

}  // namespace ingenuity::sim
