#include "sim/airfoil.h"

#include <Eigen/Dense>
#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <numbers>
#include <stdexcept>

namespace ingenuity::sim {
namespace {
constexpr double kDeg = std::numbers::pi / 180.0;
// 0.25 deg resolution: 1441 entries, 34 KB, so the table stays in the L1 cache while every
// blade element reads it at scattered angles (the data are 0.5-2 deg apart).
constexpr int kTableStepsPerDeg = 4;

// Measured polar, sorted by angle.
struct Averaged {
  std::vector<double> alpha_deg, cl, cd;
};

// One model's points with repeated angles averaged.
Averaged AverageRepeats(const std::vector<PolarPoint>& points) {
  std::map<double, std::array<double, 3>> bins;  // alpha -> (sum cl, sum cd, count)
  for (const PolarPoint& p : points) {
    auto& b = bins[p.alpha_deg];
    b[0] += p.cl;
    b[1] += p.cd;
    b[2] += 1.0;
  }
  Averaged a;
  for (const auto& [alpha, b] : bins) {
    a.alpha_deg.push_back(alpha);
    a.cl.push_back(b[0] / b[2]);
    a.cd.push_back(b[1] / b[2]);
  }
  return a;
}

double Lerp(const std::vector<double>& xs, const std::vector<double>& ys, double x);

// Each model interpolated on its own over the angles all models cover, then the curves
// averaged: pooling unequal sets of angles would make the mean zigzag.
Averaged Average(const std::vector<std::vector<PolarPoint>>& models) {
  std::vector<Averaged> each;
  double lo = -1e9, hi = 1e9;
  std::map<double, int> angles;
  for (const auto& m : models) {
    if (m.empty()) continue;
    each.push_back(AverageRepeats(m));
    lo = std::max(lo, each.back().alpha_deg.front());
    hi = std::min(hi, each.back().alpha_deg.back());
    for (double a : each.back().alpha_deg) angles[a] = 0;
  }
  Averaged out;
  for (const auto& [a, unused] : angles) {
    if (a < lo || a > hi) continue;
    double cl = 0.0, cd = 0.0;
    for (const Averaged& m : each) {
      cl += m.alpha_deg.size() > 1 ? Lerp(m.alpha_deg, m.cl, a) : m.cl[0];
      cd += m.alpha_deg.size() > 1 ? Lerp(m.alpha_deg, m.cd, a) : m.cd[0];
    }
    out.alpha_deg.push_back(a);
    out.cl.push_back(cl / each.size());
    out.cd.push_back(cd / each.size());
  }
  return out;
}

double Lerp(const std::vector<double>& xs, const std::vector<double>& ys, double x) {
  const auto it = std::upper_bound(xs.begin(), xs.end(), x);
  const size_t i = std::clamp<size_t>(static_cast<size_t>(it - xs.begin()), 1, xs.size() - 1);
  const double t = (x - xs[i - 1]) / (xs[i] - xs[i - 1]);
  return ys[i - 1] + t * (ys[i] - ys[i - 1]);
}
}  // namespace

AirfoilModel::AirfoilModel(const AirfoilParams& params) : params_(params) {
  const Averaged m = Average(params.measured_models);
  if (m.alpha_deg.size() < 3) {
    throw std::invalid_argument("airfoil '" + params.name +
                                "' needs measured points at three or more angles common to all "
                                "its models");
  }
  const size_t n = m.alpha_deg.size();
  // Least-squares lift line and drag parabola over the measured angles (in degrees).
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (size_t i = 0; i < n; ++i) {
    sx += m.alpha_deg[i];
    sy += m.cl[i];
    sxx += m.alpha_deg[i] * m.alpha_deg[i];
    sxy += m.alpha_deg[i] * m.cl[i];
  }
  const double slope_per_deg = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  lift_slope_per_rad_ = slope_per_deg / kDeg;
  Eigen::Matrix3d ata = Eigen::Matrix3d::Zero();
  Eigen::Vector3d atb = Eigen::Vector3d::Zero();
  for (size_t i = 0; i < n; ++i) {
    const Eigen::Vector3d row(1.0, m.alpha_deg[i], m.alpha_deg[i] * m.alpha_deg[i]);
    ata += row * row.transpose();
    atb += row * m.cd[i];
  }
  const Eigen::Vector3d drag_fit = ata.ldlt().solve(atb);
  const double cd_min = *std::min_element(m.cd.begin(), m.cd.end());

  const double a_lo = m.alpha_deg.front(), a_hi = m.alpha_deg.back();
  const double cl_lo = m.cl.front(), cl_hi = m.cl.back();
  auto attached = [&](double a_deg, double* cl, double* cd) {
    if (a_deg < a_lo) {
      *cl = cl_lo + slope_per_deg * (a_deg - a_lo);
    } else if (a_deg > a_hi) {
      *cl = cl_hi + slope_per_deg * (a_deg - a_hi);
    } else {
      *cl = Lerp(m.alpha_deg, m.cl, a_deg);
    }
    if (a_deg < a_lo || a_deg > a_hi) {
      const double edge = a_deg < a_lo ? a_lo : a_hi;
      const double fit_edge = drag_fit(0) + drag_fit(1) * edge + drag_fit(2) * edge * edge;
      const double measured_edge = Lerp(m.alpha_deg, m.cd, edge);
      // The parabola, shifted to meet the measured end point.
      *cd = drag_fit(0) + drag_fit(1) * a_deg + drag_fit(2) * a_deg * a_deg - fit_edge +
            measured_edge;
    } else {
      *cd = Lerp(m.alpha_deg, m.cd, a_deg);
    }
  };

  // Weight of attached flow: 1 between the stall angles, cosine to 0 over the transition.
  const double width = params.stall_transition_deg;
  auto attached_weight = [&](double a_deg) {
    double beyond = 0.0;
    if (a_deg > params.stall_alpha_deg) beyond = a_deg - params.stall_alpha_deg;
    if (a_deg < params.negative_stall_alpha_deg) beyond = params.negative_stall_alpha_deg - a_deg;
    if (beyond >= width) return 0.0;
    return 0.5 * (1.0 + std::cos(std::numbers::pi * beyond / width));
  };

  const int count = 360 * kTableStepsPerDeg + 1;
  table_.resize(count);
  for (int i = 0; i < count; ++i) {
    const double a_deg = -180.0 + static_cast<double>(i) / kTableStepsPerDeg;
    const double a = a_deg * kDeg;
    const double w = attached_weight(a_deg);
    double cl_att = 0.0, cd_att = 0.0;
    if (w > 0.0) attached(a_deg, &cl_att, &cd_att);
    const double cl_fp = 0.5 * params.flat_plate_cd_max * std::sin(2.0 * a);
    const double cd_fp = params.flat_plate_cd_max * std::sin(a) * std::sin(a) + cd_min;
    table_[i] = {w * cl_att + (1.0 - w) * cl_fp, w * cd_att, (1.0 - w) * cd_fp};
  }
  inv_step_ = kTableStepsPerDeg / kDeg;
  last_index_ = static_cast<double>(table_.size() - 1);
  const double m_ref = params.reference_mach;
  lift_mach_numerator_ = std::sqrt(1.0 - m_ref * m_ref);
}

SectionCoefficients AirfoilModel::AtReference(double alpha_rad) const {
  // At the measurements' Mach number the Prandtl-Glauert factor is exactly 1.
  return AtWithDragFactor(alpha_rad, params_.reference_mach, 1.0);
}

double AirfoilModel::ReynoldsDragFactor(double reynolds) const {
  const double re_ratio = params_.reference_reynolds / std::max(reynolds, 1.0);
  // Common exponents without std::pow.
  const double n = params_.reynolds_drag_exponent;
  double factor;
  if (n == 0.25) {
    factor = std::sqrt(std::sqrt(re_ratio));
  } else if (n == 0.5) {
    factor = std::sqrt(re_ratio);
  } else if (n == 0.0) {
    factor = 1.0;
  } else {
    factor = std::pow(re_ratio, n);
  }
  return std::clamp(factor, 0.5, 3.0);
}

}  // namespace ingenuity::sim
