#include "sim/rotor.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace ingenuity::sim {
namespace {
constexpr double kPi = std::numbers::pi;
constexpr double kDeg = kPi / 180.0;

// Leishman's fit of the measured induced velocity in axial descent, divided by its hover
// value kappa = 1.15 so that it is 1 in hover: v_i / v_h for x = V_c / v_h in [-2, 0].
double VortexRingInducedRatio(double x) {
  const double fit = 1.15 - 1.125 * x - 1.372 * x * x - 1.718 * x * x * x - 0.655 * x * x * x * x;
  return fit / 1.15;
}

// Section lift and drag scale with thickness inboard of the thin airfoil (root fitting and
// transition sections, assumed): lift falls linearly to zero at t/c = 0.35; drag follows
// Hoerner's form factor 1 + 2 t/c + 60 (t/c)^4 relative to the 5 % section, at most x15.
double ThicknessLiftFactor(double t_over_c) {
  return std::clamp(1.0 - (t_over_c - 0.05) / 0.30, 0.0, 1.0);
}
double ThicknessDragFactor(double t_over_c) {
  auto form = [](double t) { return 1.0 + 2.0 * t + 60.0 * t * t * t * t; };
  return std::clamp(form(t_over_c) / form(0.05), 1.0, 15.0);
}
}  // namespace

double PrandtlTipLoss(double f) {
  if (f > 12.0) return 1.0;
  return (2.0 / kPi) * std::acos(std::exp(-f));
}

namespace {
// Prandtl's factor tabulated over f in [0, 12] (it is 1 to 1e-5 beyond), for the inflow
// update of every annulus every step.
class TipLossTable {
 public:
  TipLossTable() {
    for (int i = 0; i < kCount; ++i) values_[i] = PrandtlTipLoss(i * kStep);
  }
  double operator()(double f) const {
    const double x = f / kStep;
    if (x >= kCount - 1) return 1.0;
    const int i = static_cast<int>(x);
    const double t = x - i;
    return values_[i] + t * (values_[i + 1] - values_[i]);
  }

 private:
  static constexpr int kCount = 2401;
  static constexpr double kStep = 12.0 / (kCount - 1);
  std::array<double, kCount> values_{};
};
const TipLossTable kTipLoss;
}  // namespace

RotorModel::RotorModel(const RotorParams& params, const AirfoilModel* airfoil, int spin_direction,
                       double wake_distance_m)
    : airfoil_(airfoil),
      spin_(spin_direction),
      blade_count_(params.blade_count),
      azimuth_count_(params.azimuth_samples),
      radius_m_(params.radius_m),
      disc_area_m2_(kPi * params.radius_m * params.radius_m),
      tip_loss_min_(params.tip_loss_min),
      spacing_m_(params.spacing_m) {
  const auto& st = params.stations;
  if (st.size() < 2 || static_cast<int>(st.size()) - 1 > kMaxBladeElements) {
    throw std::invalid_argument("rotor needs 2 to " + std::to_string(kMaxBladeElements + 1) +
                                " blade stations");
  }
  if (azimuth_count_ < 1 || azimuth_count_ > kMaxAzimuthSamples) {
    throw std::invalid_argument("rotor azimuth samples must be 1 to " +
                                std::to_string(kMaxAzimuthSamples));
  }
  // One element between each pair of stations, at their mean.
  const double radius = params.radius_m;
  double blade_area = 0.0;
  for (size_t i = 0; i + 1 < st.size(); ++i) {
    const BladeStation& a = st[i];
    const BladeStation& b = st[i + 1];
    Element e;
    e.r_m = 0.5 * (a.r_over_radius + b.r_over_radius) * radius;
    e.dr_m = (b.r_over_radius - a.r_over_radius) * radius;
    e.chord_m = 0.5 * (a.chord_over_radius + b.chord_over_radius) * radius;
    e.twist_rad = 0.5 * (a.twist_deg + b.twist_deg) * kDeg;
    const double t_over_c = 0.5 * (a.thickness_over_chord + b.thickness_over_chord);
    e.lift_factor = ThicknessLiftFactor(t_over_c);
    e.drag_factor = ThicknessDragFactor(t_over_c);
    e.annulus_area_m2 = 2.0 * kPi * e.r_m * e.dr_m;
    elements_[element_count_++] = e;
    blade_area += e.chord_m * e.dr_m;
  }
  solidity_ = blade_count_ * blade_area / disc_area_m2_;
  for (int a = 0; a < azimuth_count_; ++a) {
    const double psi = 2.0 * kPi * a / azimuth_count_;
    cos_az_[a] = std::cos(psi);
    sin_az_[a] = std::sin(psi);
  }
  if (blade_count_ > kMaxAzimuthSamples) {
    throw std::invalid_argument("rotor has more blades than " + std::to_string(kMaxAzimuthSamples));
  }
  for (int b = 0; b < blade_count_; ++b) {
    cos_blade_[b] = std::cos(2.0 * kPi * b / blade_count_);
    sin_blade_[b] = std::sin(2.0 * kPi * b / blade_count_);
  }
  for (int k = 0; k <= 64; ++k) {
    const double r = radius * k / 64.0;
    int idx = 0;
    while (idx + 1 < element_count_ && elements_[idx].r_m + 0.5 * elements_[idx].dr_m < r) {
      ++idx;
    }
    element_at_radius_[k] = idx;
  }
  if (wake_distance_m > 0.0) {
    wake_speed_factor_ =
        1.0 + wake_distance_m / std::sqrt(wake_distance_m * wake_distance_m + radius * radius);
    wake_radius_m_ = radius / std::sqrt(wake_speed_factor_);
  } else {
    wake_speed_factor_ = 1.0;
    wake_radius_m_ = radius;
  }
}

RotorLoads RotorModel::Step(const RotorControls& c, const RotorFlow& flow, const AirState& air,
                            const RotorWake* upper_wake, double dt_s, RotorInflowState* state,
                            RotorWake* wake_out, RotorSampling sampling) const {
  const double rho = air.density_kg_m3;
  const double omega = c.speed_rad_s;
  const double radius = radius_m_;
  const Eigen::Vector3d& v_air = flow.v_air_hub_B_mps;
  const Eigen::Vector3d& w = flow.w_B_rad_s;

  // Flow through the disc: climb velocity (air moving down through it) and in-plane speed.
  const double v_climb = -v_air.z();
  const Eigen::Vector2d v_inplane = v_air.head<2>();
  const double v_inplane_abs = v_inplane.norm();

  // Mean axial induced velocity over the annuli.
  double v0 = 0.0, area = 0.0;
  for (int i = 0; i < element_count_; ++i) {
    v0 += state->v_annulus_mps[i] * elements_[i].annulus_area_m2;
    area += elements_[i].annulus_area_m2;
  }
  v0 /= area;

  // Wake skew angle from the shaft and the Pitt-Peters longitudinal gradient along the
  // downstream direction (where the in-plane air goes).
  const double v_through = v_climb + v0;
  const double chi = std::atan2(v_inplane_abs, std::abs(v_through));
  const double skew_gradient = (15.0 * kPi / 32.0) * std::tan(0.5 * std::min(chi, 1.4)) * v0;
  const Eigen::Vector2d downstream =
      v_inplane_abs > 1e-9 ? Eigen::Vector2d(v_inplane / v_inplane_abs) : Eigen::Vector2d(1, 0);
  const Eigen::Vector2d gradient_mps =
      skew_gradient * downstream + state->moment_gradient_mps;  // inflow at r = R

  // Ground effect (Cheeseman-Bennett with forward speed), held to a 50 % reduction.
  const double z = std::max(flow.height_agl_m, 1e-3);
  const double image = std::min(std::pow(radius / (4.0 * z), 2), 0.5);
  const double speed_ratio = std::abs(v0) > 1e-6 ? v_inplane_abs / std::abs(v0) : 0.0;
  const double k_ge = 1.0 - image / (1.0 + speed_ratio * speed_ratio);

  const double speed_of_sound = air.speed_of_sound_mps;
  const double re_per_speed_chord = rho / air.viscosity_pa_s;
  // Azimuths evaluated this step: the blades where they are, or the mean-sampling set.
  const bool blades = sampling == RotorSampling::kBlades;
  const int samples = blades ? blade_count_ : azimuth_count_;
  std::array<double, kMaxAzimuthSamples> cos_psi, sin_psi;
  if (blades) {
    const double c0 = std::cos(state->blade_azimuth_rad), s0 = std::sin(state->blade_azimuth_rad);
    for (int b = 0; b < samples; ++b) {
      cos_psi[b] = c0 * cos_blade_[b] - s0 * sin_blade_[b];
      sin_psi[b] = s0 * cos_blade_[b] + c0 * sin_blade_[b];
    }
  } else {
    cos_psi = cos_az_;
    sin_psi = sin_az_;
  }
  const double scale = static_cast<double>(blade_count_) / samples;

  RotorLoads loads;
  loads.ground_effect_factor = k_ge;
  std::array<double, kMaxBladeElements> thrust_annulus{};
  std::array<double, kMaxBladeElements> wake_annulus{};
  Eigen::Vector2d thrust_moment = Eigen::Vector2d::Zero();
  Eigen::Vector3d force = Eigen::Vector3d::Zero();
  Eigen::Vector3d moment = Eigen::Vector3d::Zero();
  double induced_power = 0.0, stalled_thrust = 0.0, total_abs_thrust = 0.0;
  const double stall_rad = airfoil_->params().stall_alpha_deg * kDeg;

  // Reynolds drag factor per element from its rotational speed, Re = rho Omega r c / mu
  // (Reynolds number varies slowly around the disc; Mach, which matters on the advancing
  // side, is taken per azimuth below). Re = (rho Omega / mu) (r c): the factor splits into a
  // part of this step's air and speed and a part of the element.
  std::array<double, kMaxBladeElements> drag_factor{};
  const double re_per_rc = re_per_speed_chord * std::max(omega, 1.0);
  for (int i = 0; i < element_count_; ++i) {
    drag_factor[i] =
        elements_[i].drag_factor *
        airfoil_->ReynoldsDragFactor(re_per_rc * elements_[i].r_m * elements_[i].chord_m);
  }
  const double inv_speed_of_sound = 1.0 / speed_of_sound;

  for (int a = 0; a < samples; ++a) {
    const double ca = cos_psi[a], sa = sin_psi[a];
    // Blade direction of travel and its pitch at this azimuth.
    const double et_x = -spin_ * sa, et_y = spin_ * ca;
    const double pitch_cyclic = c.cyclic_cos_rad * ca + c.cyclic_sin_rad * sa;
    for (int i = 0; i < element_count_; ++i) {
      const Element& e = elements_[i];
      const double px = e.r_m * ca, py = e.r_m * sa;
      // Air relative to the element: hub air minus the element's own motion (body
      // rotation and blade rotation).
      const double wx = v_air.x() + w.z() * py;
      const double wy = v_air.y() - w.z() * px;
      const double wz = v_air.z() - (w.x() * py - w.y() * px);
      double v_ind = k_ge * (state->v_annulus_mps[i] +
                             (gradient_mps.x() * px + gradient_mps.y() * py) / radius);
      if (upper_wake != nullptr && upper_wake->present) {
        // Inside the upper slipstream: its induced velocity, sped up by continuity.
        const double qx = px - upper_wake->centre_B_m.x(), qy = py - upper_wake->centre_B_m.y();
        const double mapped = std::sqrt(qx * qx + qy * qy) / wake_radius_m_;
        if (mapped < 1.0) {
          const int k = element_at_radius_[static_cast<int>(mapped * 64.0)];
          const double extra = wake_speed_factor_ * upper_wake->v_annulus_mps[k];
          v_ind += extra;
          wake_annulus[i] += extra;
        }
      }
      const double u_t = omega * e.r_m - (wx * et_x + wy * et_y);
      const double u_p = -wz + v_ind;
      const double u2 = u_t * u_t + u_p * u_p;
      if (u2 < 1e-12) continue;
      const double u = std::sqrt(u2);
      const double phi = FastAtan2(u_p, u_t);
      double alpha = e.twist_rad + c.collective_rad + pitch_cyclic - phi;
      if (alpha > kPi) alpha -= 2.0 * kPi;
      if (alpha < -kPi) alpha += 2.0 * kPi;
      const SectionCoefficients k =
          airfoil_->AtWithDragFactor(alpha, u * inv_speed_of_sound, drag_factor[i]);
      // Dynamic pressure times area, over u: lift and drag per unit relative speed.
      const double q_over_u = 0.5 * rho * u * e.chord_m * e.dr_m;
      const double lift = q_over_u * k.cl * e.lift_factor;
      const double drag = q_over_u * k.cd;
      // Lift normal to the relative wind, drag along it; resolved on the blade's travel
      // direction (f_t) and the shaft (f_z).
      const double f_t = -lift * u_p - drag * u_t;
      const double f_z = lift * u_t - drag * u_p;
      const double fx = f_t * et_x, fy = f_t * et_y;
      force.x() += fx;
      force.y() += fy;
      force.z() += f_z;
      moment.x() += py * f_z;
      moment.y() += -px * f_z;
      moment.z() += px * fy - py * fx;
      thrust_annulus[i] += f_z;
      thrust_moment.x() += f_z * px;
      thrust_moment.y() += f_z * py;
      induced_power += f_z * v_ind;
      total_abs_thrust += std::abs(f_z);
      if (std::abs(alpha) > stall_rad) stalled_thrust += std::abs(f_z);
    }
  }
  force *= scale;
  moment *= scale;
  thrust_moment *= scale;
  loads.f_hub_B_N = force;
  loads.m_hub_B_N_m = Eigen::Vector3d(moment.x(), moment.y(), 0.0);
  loads.thrust_N = force.z();
  loads.shaft_torque_N_m = -spin_ * moment.z();
  loads.power_W = loads.shaft_torque_N_m * omega;
  loads.induced_power_W = induced_power * scale;
  loads.mean_induced_mps = v0;
  loads.stalled_fraction = total_abs_thrust > 0.0 ? stalled_thrust / total_abs_thrust : 0.0;

  // Advance the inflow. Axial: per annulus, rate 3 pi / (8 R) (apparent mass), momentum
  // term implicit so that long pseudo-time steps stay stable.
  const double rate_axial = 3.0 * kPi / (8.0 * radius);
  const double v_hover = std::sqrt(std::abs(state->thrust_N) / (2.0 * rho * disc_area_m2_));
  for (int i = 0; i < element_count_; ++i) {
    const Element& e = elements_[i];
    const double wake = wake_annulus[i] / samples;
    const double v = state->v_annulus_mps[i];
    const double axial = v_climb + wake + k_ge * v;
    // Prandtl tip loss from the inflow angle at this annulus.
    const double phi = omega > 1.0 ? std::max(std::abs(axial) / (omega * e.r_m), 1e-3) : 1.0;
    const double f = 0.5 * blade_count_ * (radius - e.r_m) / (e.r_m * phi);
    const double tip_loss = std::max(kTipLoss(f), tip_loss_min_);
    double v_mass = std::sqrt(v_inplane_abs * v_inplane_abs + axial * axial);
    // Vortex-ring band, judged on this annulus's own through-flow (inside the upper
    // slipstream the lower rotor is effectively climbing): blend in the empirical mass flow,
    // fully inside the band, ramped out over its last 0.2 v_h.
    const double x = v_hover > 1e-6 ? (v_climb + wake) / v_hover : 0.0;
    if (x < 0.0 && x > -2.0) {
      const double w_vrs = std::clamp(std::min(-x, x + 2.0) / 0.2, 0.0, 1.0);
      const double v_vrs = v_hover / VortexRingInducedRatio(x);
      v_mass =
          (1.0 - w_vrs) * v_mass + w_vrs * std::sqrt(v_inplane_abs * v_inplane_abs + v_vrs * v_vrs);
    }
    const double loading = thrust_annulus[i] * scale / (rho * e.annulus_area_m2);
    const double k = dt_s * rate_axial;
    state->v_annulus_mps[i] = (v + k * loading) / (1.0 + k * 2.0 * tip_loss * v_mass);
  }
  // Harmonic: steady value (4 / (1 + cos chi)) M / (rho pi R^3 V_m), lag rate
  // (V_m / R)(1 + cos chi) 45 pi / 64, both from Pitt-Peters.
  const double v_mass_harmonic =
      std::max((v_inplane_abs * v_inplane_abs + v_through * (v_climb + 2.0 * v0)) /
                   std::max(std::hypot(v_inplane_abs, v_through), 1e-3),
               std::max(std::abs(v0), 0.1));
  const double cos_chi = std::cos(chi);
  const Eigen::Vector2d gradient_steady = (4.0 / (1.0 + cos_chi)) * thrust_moment /
                                          (rho * kPi * radius * radius * radius * v_mass_harmonic);
  const double rate_harmonic = (v_mass_harmonic / radius) * (1.0 + cos_chi) * 45.0 * kPi / 64.0;
  const double kh = dt_s * rate_harmonic;
  state->moment_gradient_mps = (state->moment_gradient_mps + kh * gradient_steady) / (1.0 + kh);
  state->thrust_N = loads.thrust_N;
  if (blades) {
    // The blades turn on (geometric azimuth grows with the spin direction).
    double psi = state->blade_azimuth_rad + spin_ * omega * dt_s;
    psi -= 2.0 * kPi * std::floor(psi / (2.0 * kPi));
    state->blade_azimuth_rad = psi;
  }

  if (wake_out != nullptr) {
    wake_out->present = v0 > 0.0;
    for (int i = 0; i < element_count_; ++i) {
      wake_out->v_annulus_mps[i] = std::max(k_ge * state->v_annulus_mps[i], 0.0);
    }
    // The slipstream leans back with the wake angle; held to one radius of offset.
    const double lean = std::min(v_inplane_abs / std::max(v_through, 1e-3), 1.0 / 0.164);
    wake_out->centre_B_m = downstream * std::min(spacing_m_ * lean, radius);
  }
  return loads;
}

}  // namespace ingenuity::sim
