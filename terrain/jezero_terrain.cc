#include "terrain/jezero_terrain.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <stdexcept>
#include <string>

#include "terrain/cell_range.h"

namespace ingenuity::terrain {
namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kDeg = kPi / 180.0;
// Spline coordinates are in kilometres, for a well-conditioned solve.
constexpr double kSplineScale_m = 1000.0;
// Coarse grid of the regional surface [m].
constexpr double kRegionalSpacing_m = 4.0;
// Placement cells: small craters and rocks per 64 m cell, large craters per 1024 m cell.
constexpr double kSmallCell_m = 64.0;
constexpr double kLargeCell_m = 1024.0;
constexpr double kLargeCraterMin_m = 32.0;

double SplineKernel(double r2) { return r2 > 0.0 ? 0.5 * r2 * std::log(r2) : 0.0; }

double Smoothstep(double edge0, double edge1, double x) {
  const double t = std::clamp((x - edge0) / (edge1 - edge0), 0.0, 1.0);
  return t * t * (3.0 - 2.0 * t);
}

// A generator for one placement cell, from the seed, the tier and the cell's indices.
std::mt19937_64 CellEngine(std::uint64_t seed, int tier, std::int64_t ix, std::int64_t iy) {
  std::uint64_t z = seed * 0x9e3779b97f4a7c15ull ^ (static_cast<std::uint64_t>(tier) << 56) ^
                    (static_cast<std::uint64_t>(ix) * 0xbf58476d1ce4e5b9ull) ^
                    (static_cast<std::uint64_t>(iy) * 0x94d049bb133111ebull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return std::mt19937_64(z ^ (z >> 31));
}

double Uniform(std::mt19937_64& e) { return static_cast<double>(e() >> 11) * 0x1.0p-53; }

// Poisson count: Knuth's method for small means, a rounded normal for large ones.
int Poisson(std::mt19937_64& e, double mean) {
  if (mean > 50.0) {
    const double u1 = std::max(Uniform(e), 1e-300), u2 = Uniform(e);
    const double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * kPi * u2);
    return std::max(0, static_cast<int>(std::lround(mean + std::sqrt(mean) * z)));
  }
  const double limit = std::exp(-mean);
  int k = 0;
  double p = Uniform(e);
  while (p > limit) {
    ++k;
    p *= Uniform(e);
  }
  return k;
}

// Grid of a region and helpers to visit the cells within a disc.
struct Grid {
  Eigen::Vector2d origin;
  double spacing;
  int nx, ny;
  template <typename F>
  void ForCellsWithin(const Eigen::Vector2d& c, double radius, F&& f) const {
    const int i0 =
        std::max(0, static_cast<int>(std::ceil((c.x() - radius - origin.x()) / spacing)));
    const int i1 =
        std::min(nx - 1, static_cast<int>(std::floor((c.x() + radius - origin.x()) / spacing)));
    const int j0 =
        std::max(0, static_cast<int>(std::ceil((c.y() - radius - origin.y()) / spacing)));
    const int j1 =
        std::min(ny - 1, static_cast<int>(std::floor((c.y() + radius - origin.y()) / spacing)));
    for (int j = j0; j <= j1; ++j) {
      const double y = origin.y() + j * spacing - c.y();
      for (int i = i0; i <= i1; ++i) {
        const double x = origin.x() + i * spacing - c.x();
        const double r2 = x * x + y * y;
        if (r2 <= radius * radius) f(static_cast<size_t>(j) * nx + i, std::sqrt(r2));
      }
    }
  }
};

}  // namespace

JezeroTerrain::JezeroTerrain(const std::vector<ControlPoint>& points, const JezeroParams& params,
                             const LocalFrame& frame)
    : params_(params), frame_(frame) {
  // Merge control points closer than 1 m (flights that landed on the same spot): their mean.
  for (const ControlPoint& p : points) {
    const Eigen::Vector3d enu = frame_.ToEnu(p.position, p.elevation_m);
    bool merged = false;
    for (Eigen::Vector3d& q : control_enu_) {
      if ((q.head<2>() - enu.head<2>()).norm() < 1.0) {
        q = 0.5 * (q + enu);
        merged = true;
        break;
      }
    }
    if (!merged) control_enu_.push_back(enu);
  }
  const int n = static_cast<int>(control_enu_.size());
  if (n < 3) throw std::invalid_argument("the terrain needs at least 3 distinct control points");

  // Thin-plate spline through (up - scarp): [K P; P^T 0] [w; a] = [z; 0].
  Eigen::MatrixXd a = Eigen::MatrixXd::Zero(n + 3, n + 3);
  Eigen::VectorXd b = Eigen::VectorXd::Zero(n + 3);
  for (int i = 0; i < n; ++i) {
    const Eigen::Vector2d pi = control_enu_[i].head<2>() / kSplineScale_m;
    for (int j = 0; j < n; ++j) {
      a(i, j) = SplineKernel((pi - control_enu_[j].head<2>() / kSplineScale_m).squaredNorm());
    }
    a(i, n) = a(n, i) = 1.0;
    a(i, n + 1) = a(n + 1, i) = pi.x();
    a(i, n + 2) = a(n + 2, i) = pi.y();
    b(i) = control_enu_[i].z() - Scarp(control_enu_[i].head<2>());
  }
  weights_ = a.fullPivLu().solve(b);
  if (!weights_.allFinite()) throw std::invalid_argument("the control points define no surface");

  // Rocks per m^2 of at least the minimum diameter: integrate dN = 4 k q / (pi D^2) e^(-qD).
  const double k = params_.rock_abundance, q = 1.79 + 0.152 / k;
  const int steps = 2000;
  const double d0 = params_.rock_min_diameter_m, d1 = params_.rock_max_diameter_m;
  for (int s = 0; s < steps; ++s) {
    const double d = d0 + (s + 0.5) * (d1 - d0) / steps;
    rock_count_per_m2_ += 4.0 * k * q / (kPi * d * d) * std::exp(-q * d) * (d1 - d0) / steps;
  }
}

double JezeroTerrain::Spline(const Eigen::Vector2d& en_m) const {
  const Eigen::Vector2d p = en_m / kSplineScale_m;
  const int n = static_cast<int>(control_enu_.size());
  double z = weights_(n) + weights_(n + 1) * p.x() + weights_(n + 2) * p.y();
  for (int i = 0; i < n; ++i) {
    z += weights_(i) * SplineKernel((p - control_enu_[i].head<2>() / kSplineScale_m).squaredNorm());
  }
  return z;
}

double JezeroTerrain::Scarp(const Eigen::Vector2d& en_m) const {
  const Eigen::Vector2d a = params_.scarp_start_en_m, b = params_.scarp_end_en_m;
  const Eigen::Vector2d along = (b - a).normalized();
  // Uphill normal: the side to the west.
  Eigen::Vector2d normal(-along.y(), along.x());
  if (normal.x() > 0.0) normal = -normal;
  const double t = (en_m - a).dot(along), length = (b - a).norm();
  const double d = (en_m - a).dot(normal);
  // Fades out over 300 m beyond the segment's ends.
  const double beyond = std::max({0.0, -t, t - length});
  const double ends = 1.0 - Smoothstep(0.0, 300.0, beyond);
  return ends * params_.scarp_height_m * 0.5 * (1.0 + std::tanh(d / params_.scarp_width_m));
}

double JezeroTerrain::RegionalUp(const Eigen::Vector2d& en_m) const {
  return Spline(en_m) + Scarp(en_m);
}

TerrainRegion JezeroTerrain::Generate(const Eigen::Vector2d& min_en, const Eigen::Vector2d& max_en,
                                      double spacing) const {
  if (!(spacing >= 0.05 && spacing <= 100.0)) {
    throw std::invalid_argument("terrain spacing must be 0.05-100 m");
  }
  if (!(min_en.x() < max_en.x() && min_en.y() < max_en.y())) {
    throw std::invalid_argument("terrain region is empty");
  }
  const auto covered = [&](const Eigen::Vector2d& p) {
    return (p.array() >= params_.min_en_m.array() - 1e-9).all() &&
           (p.array() <= params_.max_en_m.array() + 1e-9).all();
  };
  if (!covered(min_en) || !covered(max_en)) {
    auto m = [](double v) { return std::to_string(static_cast<long long>(std::lround(v))); };
    throw std::out_of_range("the built-in Jezero covers east " + m(params_.min_en_m.x()) + " to " +
                            m(params_.max_en_m.x()) + " m and north " + m(params_.min_en_m.y()) +
                            " to " + m(params_.max_en_m.y()) +
                            " m of Wright Brothers Field; the region asked for (east " +
                            m(min_en.x()) + " to " + m(max_en.x()) + ", north " + m(min_en.y()) +
                            " to " + m(max_en.y()) + " m) leaves it");
  }
  Grid g{min_en, spacing, static_cast<int>(std::floor((max_en.x() - min_en.x()) / spacing)) + 1,
         static_cast<int>(std::floor((max_en.y() - min_en.y()) / spacing)) + 1};
  const size_t cells = static_cast<size_t>(g.nx) * g.ny;
  std::vector<float> texture(cells, 0.0f), albedo(cells, 0.20f), richness(cells, 0.55f);

  // Craters: small ones per 64 m cell, large ones per 1024 m cell; each cell's craters
  // drawn from its own generator, so regions agree wherever they overlap.
  const double b = params_.crater_sfd_exponent, c = params_.crater_density_at_1m_per_m2;
  auto craters = [&](int tier, double cell, double d_lo, double d_hi) {
    const double margin = d_hi;  // a crater's influence reaches one diameter from its centre
    const auto [i0, i1, j0, j1] = CellsCovering(min_en, max_en, cell, margin);
    const double mean = c * (std::pow(d_lo, -b) - std::pow(d_hi, -b)) * cell * cell;
    for (auto j = j0; j <= j1; ++j) {
      for (auto i = i0; i <= i1; ++i) {
        std::mt19937_64 e = CellEngine(params_.seed, tier, i, j);
        const int count = Poisson(e, mean);
        for (int k = 0; k < count; ++k) {
          const Eigen::Vector2d centre((i + Uniform(e)) * cell, (j + Uniform(e)) * cell);
          // Truncated power law by inverse transform.
          const double u = Uniform(e);
          const double d = std::pow(
              std::pow(d_lo, -b) - u * (std::pow(d_lo, -b) - std::pow(d_hi, -b)), -1.0 / b);
          const double radius = 0.5 * d, depth = params_.crater_depth_ratio * d,
                       rim = params_.crater_rim_ratio * d;
          g.ForCellsWithin(centre, 2.0 * radius, [&](size_t idx, double r) {
            const double x = r / radius;
            // Parabolic bowl to the rim; outside, the rim decays as (R/r)^3, shifted and scaled
            // to reach zero at two radii without a step.
            const double h =
                x < 1.0 ? rim - depth * (1.0 - x * x) : rim * (1.0 / (x * x * x) - 0.125) / 0.875;
            texture[idx] += static_cast<float>(h);
            if (x < 1.0) albedo[idx] -= 0.02f;
            if (x > 0.7 && x < 1.3) richness[idx] += 0.15f;  // rims show up well
          });
        }
      }
    }
  };
  craters(0, kSmallCell_m, params_.crater_min_diameter_m, kLargeCraterMin_m);
  craters(1, kLargeCell_m, kLargeCraterMin_m, params_.crater_max_diameter_m);

  // Seitah ripples: weight 1 inside the ellipse, fading over 50 m outside.
  const double axis = params_.ripple_axis_azimuth_deg * kDeg;
  const Eigen::Vector2d long_axis(std::sin(axis), std::cos(axis)),
      short_axis(-long_axis.y(), long_axis.x());
  const double crest_az = params_.ripple_crest_normal_azimuth_deg * kDeg;
  const Eigen::Vector2d crest_normal(std::sin(crest_az), std::cos(crest_az));
  const Eigen::Vector2d crest_along(-crest_normal.y(), crest_normal.x());
  auto ripple_weight = [&](const Eigen::Vector2d& p) {
    const Eigen::Vector2d q = p - params_.ripple_centre_en_m;
    const double u = q.dot(long_axis) / params_.ripple_semi_axes_m.x();
    const double v = q.dot(short_axis) / params_.ripple_semi_axes_m.y();
    const double rho = std::sqrt(u * u + v * v);  // 1 on the ellipse
    const double outside_m = (rho - 1.0) * params_.ripple_semi_axes_m.minCoeff();
    return 1.0 - Smoothstep(0.0, 50.0, outside_m);
  };

  // Rocks per 64 m cell (fewer on ripple sand), Golombek-Rapp diameters by rejection from a
  // 1 / D^2 proposal.
  const double k_rock = params_.rock_abundance, q_rock = 1.79 + 0.152 / k_rock;
  const double d0 = params_.rock_min_diameter_m, d1 = params_.rock_max_diameter_m;
  {
    const double cell = kSmallCell_m, margin = d1;
    const auto [i0, i1, j0, j1] = CellsCovering(min_en, max_en, cell, margin);
    for (auto j = j0; j <= j1; ++j) {
      for (auto i = i0; i <= i1; ++i) {
        std::mt19937_64 e = CellEngine(params_.seed, 2, i, j);
        const Eigen::Vector2d cell_centre((i + 0.5) * cell, (j + 0.5) * cell);
        const double sand = ripple_weight(cell_centre);
        const int count = Poisson(e, rock_count_per_m2_ * (1.0 - 0.8 * sand) * cell * cell);
        for (int k = 0; k < count; ++k) {
          const Eigen::Vector2d centre((i + Uniform(e)) * cell, (j + Uniform(e)) * cell);
          double d;
          do {
            d = 1.0 / (1.0 / d0 - Uniform(e) * (1.0 / d0 - 1.0 / d1));
          } while (Uniform(e) > std::exp(-q_rock * (d - d0)));
          const double radius = 0.5 * d;
          g.ForCellsWithin(centre, radius, [&](size_t idx, double r) {
            const double x = r / radius;
            texture[idx] += static_cast<float>(0.5 * d * std::sqrt(std::max(0.0, 1.0 - x * x)));
            albedo[idx] = 0.13f;
            richness[idx] += 0.25f;
          });
        }
      }
    }
  }

  // Ripples, and the sand's low albedo contrast and few features.
  for (int j = 0; j < g.ny; ++j) {
    for (int i = 0; i < g.nx; ++i) {
      const Eigen::Vector2d p(min_en.x() + i * spacing, min_en.y() + j * spacing);
      const double w = ripple_weight(p);
      if (w <= 0.0) continue;
      const double s = p.dot(crest_normal), t = p.dot(crest_along);
      const double phase = 2.0 * kPi * s / params_.ripple_wavelength_m +
                           0.8 * std::sin(2.0 * kPi * t / (3.7 * params_.ripple_wavelength_m));
      const size_t idx = static_cast<size_t>(j) * g.nx + i;
      texture[idx] += static_cast<float>(w * params_.ripple_amplitude_m * std::sin(phase));
      albedo[idx] =
          static_cast<float>((1.0 - w) * albedo[idx] + w * (0.17 + 0.02 * std::sin(phase)));
      richness[idx] = static_cast<float>((1.0 - 0.6 * w) * richness[idx]);
    }
  }

  // Landing sites: flat and rock-free.
  std::vector<float> keep(cells, 1.0f);
  for (const Eigen::Vector3d& cp : control_enu_) {
    g.ForCellsWithin(cp.head<2>(), params_.airfield_fade_radius_m, [&](size_t idx, double r) {
      const float w = static_cast<float>(
          Smoothstep(params_.airfield_clear_radius_m, params_.airfield_fade_radius_m, r));
      keep[idx] = std::min(keep[idx], w);
    });
  }

  // Regional surface on a 4 m grid, bilinear in between, plus the texture.
  const int cx = static_cast<int>(std::ceil((max_en.x() - min_en.x()) / kRegionalSpacing_m)) + 2;
  const int cy = static_cast<int>(std::ceil((max_en.y() - min_en.y()) / kRegionalSpacing_m)) + 2;
  std::vector<double> coarse(static_cast<size_t>(cx) * cy);
  for (int j = 0; j < cy; ++j) {
    for (int i = 0; i < cx; ++i) {
      coarse[static_cast<size_t>(j) * cx + i] =
          RegionalUp({min_en.x() + i * kRegionalSpacing_m, min_en.y() + j * kRegionalSpacing_m});
    }
  }
  std::vector<float> heights(cells);
  for (int j = 0; j < g.ny; ++j) {
    const double y = j * spacing / kRegionalSpacing_m;
    const int jc = std::min(static_cast<int>(y), cy - 2);
    const double fy = y - jc;
    for (int i = 0; i < g.nx; ++i) {
      const double x = i * spacing / kRegionalSpacing_m;
      const int ic = std::min(static_cast<int>(x), cx - 2);
      const double fx = x - ic;
      const double* row0 = &coarse[static_cast<size_t>(jc) * cx + ic];
      const double* row1 = row0 + cx;
      const double regional =
          (1 - fy) * ((1 - fx) * row0[0] + fx * row0[1]) + fy * ((1 - fx) * row1[0] + fx * row1[1]);
      const size_t idx = static_cast<size_t>(j) * g.nx + i;
      heights[idx] = static_cast<float>(regional + keep[idx] * texture[idx]);
      albedo[idx] = std::clamp(albedo[idx], 0.05f, 0.5f);
      richness[idx] = std::clamp(richness[idx], 0.0f, 1.0f);
    }
  }

  const std::string label = "synthetic Jezero (not a DTM), seed " + std::to_string(params_.seed);
  return TerrainRegion{Heightfield(g.nx, g.ny, spacing, min_en, std::move(heights), label),
                       std::move(albedo), std::move(richness), true, label};
}

}  // namespace ingenuity::terrain
