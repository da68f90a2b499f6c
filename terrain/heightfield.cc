#include "terrain/heightfield.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace ingenuity::terrain {

Heightfield::Heightfield(int count_east, int count_north, double spacing_m,
                         Eigen::Vector2d origin_en_m, std::vector<float> heights_m,
                         std::string label)
    : count_east_(count_east),
      count_north_(count_north),
      spacing_m_(spacing_m),
      origin_en_m_(origin_en_m),
      heights_m_(std::move(heights_m)),
      label_(std::move(label)) {
  if (count_east < 2 || count_north < 2) {
    throw std::invalid_argument("heightfield needs at least 2 x 2 samples");
  }
  if (!(spacing_m > 0.0) || !std::isfinite(spacing_m)) {
    throw std::invalid_argument("heightfield spacing must be a positive finite number");
  }
  if (heights_m_.size() != static_cast<size_t>(count_east) * count_north) {
    throw std::invalid_argument("heightfield sample count does not match its dimensions");
  }
  if (!std::all_of(heights_m_.begin(), heights_m_.end(),
                   [](float h) { return std::isfinite(h); })) {
    throw std::invalid_argument("heightfield has a non-finite height");
  }
  const auto [lo, hi] = std::minmax_element(heights_m_.begin(), heights_m_.end());
  min_height_m_ = *lo;
  max_height_m_ = *hi;
}

Heightfield Heightfield::Flat(double size_m, double spacing_m, double height_m) {
  const int n = static_cast<int>(std::ceil(size_m / spacing_m)) + 1;
  const double half = 0.5 * (n - 1) * spacing_m;
  return Heightfield(n, n, spacing_m, {-half, -half},
                     std::vector<float>(static_cast<size_t>(n) * n, static_cast<float>(height_m)),
                     "flat test field");
}

Heightfield Heightfield::Sloped(double size_m, double spacing_m, double slope_deg,
                                double uphill_azimuth_deg) {
  const int n = static_cast<int>(std::ceil(size_m / spacing_m)) + 1;
  const double half = 0.5 * (n - 1) * spacing_m;
  const double grade = std::tan(slope_deg * std::numbers::pi / 180.0);
  const double az = uphill_azimuth_deg * std::numbers::pi / 180.0;
  // Uphill unit vector in (east, north).
  const double ue = std::sin(az), un = std::cos(az);
  std::vector<float> h(static_cast<size_t>(n) * n);
  for (int j = 0; j < n; ++j) {
    for (int i = 0; i < n; ++i) {
      const double e = -half + i * spacing_m, nn = -half + j * spacing_m;
      h[static_cast<size_t>(j) * n + i] = static_cast<float>(grade * (e * ue + nn * un));
    }
  }
  return Heightfield(n, n, spacing_m, {-half, -half}, std::move(h), "sloped test field");
}

void Heightfield::Locate(double east_m, double north_m, int* i, int* j, double* fx,
                         double* fy) const {
  const double x = std::clamp((east_m - origin_en_m_.x()) / spacing_m_, 0.0,
                              static_cast<double>(count_east_ - 1));
  const double y = std::clamp((north_m - origin_en_m_.y()) / spacing_m_, 0.0,
                              static_cast<double>(count_north_ - 1));
  *i = std::min(static_cast<int>(x), count_east_ - 2);
  *j = std::min(static_cast<int>(y), count_north_ - 2);
  *fx = x - *i;
  *fy = y - *j;
}

double Heightfield::HeightAt(double east_m, double north_m) const {
  int i, j;
  double fx, fy;
  Locate(east_m, north_m, &i, &j, &fx, &fy);
  const double h00 = Sample(i, j), h10 = Sample(i + 1, j);
  const double h01 = Sample(i, j + 1), h11 = Sample(i + 1, j + 1);
  return (1 - fy) * ((1 - fx) * h00 + fx * h10) + fy * ((1 - fx) * h01 + fx * h11);
}

Eigen::Vector3d Heightfield::NormalAt(double east_m, double north_m) const {
  int i, j;
  double fx, fy;
  Locate(east_m, north_m, &i, &j, &fx, &fy);
  const double h00 = Sample(i, j), h10 = Sample(i + 1, j);
  const double h01 = Sample(i, j + 1), h11 = Sample(i + 1, j + 1);
  // Partial derivatives of the bilinear patch.
  const double dh_de = ((1 - fy) * (h10 - h00) + fy * (h11 - h01)) / spacing_m_;
  const double dh_dn = ((1 - fx) * (h01 - h00) + fx * (h11 - h10)) / spacing_m_;
  return Eigen::Vector3d(-dh_de, -dh_dn, 1.0).normalized();
}

double Heightfield::SlopeDegAt(double east_m, double north_m) const {
  return std::acos(std::clamp(NormalAt(east_m, north_m).z(), -1.0, 1.0)) * 180.0 / std::numbers::pi;
}

Heightfield::PlaneFit Heightfield::PlaneAt(double east_m, double north_m, double radius_m) const {
  const int r = std::max(1, static_cast<int>(std::lround(radius_m / spacing_m_)));
  const int ci = static_cast<int>(std::lround((east_m - origin_en_m_.x()) / spacing_m_));
  const int cj = static_cast<int>(std::lround((north_m - origin_en_m_.y()) / spacing_m_));
  // Least squares z = a + b x + c y over the window (x, y in cells about the centre).
  Eigen::Matrix3d ata = Eigen::Matrix3d::Zero();
  Eigen::Vector3d atz = Eigen::Vector3d::Zero();
  std::vector<Eigen::Vector3d> samples;
  for (int j = std::max(0, cj - r); j <= std::min(count_north_ - 1, cj + r); ++j) {
    for (int i = std::max(0, ci - r); i <= std::min(count_east_ - 1, ci + r); ++i) {
      const Eigen::Vector3d row(1.0, i - ci, j - cj);
      const double z = Sample(i, j);
      ata += row * row.transpose();
      atz += row * z;
      samples.emplace_back(row.y(), row.z(), z);
    }
  }
  PlaneFit fit;
  if (samples.size() < 3) return fit;
  const Eigen::Vector3d plane = ata.ldlt().solve(atz);
  fit.slope_deg = std::atan(std::hypot(plane(1), plane(2)) / spacing_m_) * 180.0 / std::numbers::pi;
  double sum = 0.0;
  for (const Eigen::Vector3d& p : samples) {
    const double d = p.z() - (plane(0) + plane(1) * p.x() + plane(2) * p.y());
    sum += d * d;
  }
  fit.roughness_m = std::sqrt(sum / static_cast<double>(samples.size()));
  return fit;
}

double Heightfield::RoughnessAt(double east_m, double north_m, double radius_m) const {
  return PlaneAt(east_m, north_m, radius_m).roughness_m;
}

std::optional<RayHit> Heightfield::Raycast(const Eigen::Vector3d& p_W, const Eigen::Vector3d& dir_W,
                                           double max_range_m) const {
  const double norm = dir_W.norm();
  if (!(norm > 0.0) || !(max_range_m > 0.0)) return std::nullopt;
  const Eigen::Vector3d u = dir_W / norm;
  auto clearance = [&](double s) {
    const Eigen::Vector3d p = p_W + s * u;
    return p.z() - HeightAt(p.x(), p.y());
  };
  double s0 = 0.0, c0 = clearance(0.0);
  if (c0 <= 0.0) {
    return RayHit{p_W, 0.0, NormalAt(p_W.x(), p_W.y())};
  }
  // March a quarter cell at a time, or further while the ray is above the highest sample
  // (it cannot meet the surface before descending to that height).
  const double step = 0.25 * spacing_m_;
  while (s0 < max_range_m) {
    const double above_top_m = p_W.z() + s0 * u.z() - max_height_m_;
    const double s1 = std::min(s0 + std::max(step, above_top_m), max_range_m);
    const double c1 = clearance(s1);
    if (c1 <= 0.0) {
      double lo = s0, hi = s1;
      while (hi - lo > 1e-3) {
        const double mid = 0.5 * (lo + hi);
        (clearance(mid) > 0.0 ? lo : hi) = mid;
      }
      const Eigen::Vector3d p = p_W + hi * u;
      return RayHit{p, hi, NormalAt(p.x(), p.y())};
    }
    if (s1 >= max_range_m) break;
    s0 = s1;
    c0 = c1;
  }
  return std::nullopt;
}

Eigen::Vector3d Heightfield::BoundsCentre_W() const {
  return {origin_en_m_.x() + 0.5 * (count_east_ - 1) * spacing_m_,
          origin_en_m_.y() + 0.5 * (count_north_ - 1) * spacing_m_,
          0.5 * (min_height_m_ + max_height_m_)};
}

}  // namespace ingenuity::terrain
