// The built-in Jezero: a synthetic terrain (not a DTM) good enough to fly every real flight
// over, generated per region on demand, deterministic from a seed.
//
//  - Regional surface: a thin-plate spline through the 73 landing-site elevations (the
//    project's control points), evaluated every 4 m and interpolated; plus a delta-front
//    scarp (a smooth step rising to the west along the delta's edge), which the spline
//    solve accounts for so the surface still passes through every control point.
//  - Flight-scale texture, faded out within a few metres of each landing site (the airfields
//    were chosen flat and rock-free):
//    craters with a power-law size-frequency distribution, N(>D) = C D^-b (b = 2, the
//    equilibrium slope of small craters, Hartmann 1984); rocks from Golombek and Rapp's
//    landing-site model (JGR 102, 1997), cumulative fractional area F(D) = k exp(-q D),
//    q = 1.79 + 0.152 / k; and a sinuous ripple field where Seitah is.
//  - Per cell: an albedo and a texture richness (rocks, crater rims and plains give a camera
//    features; ripple sand gives few).
// Placement is keyed to fixed 64 m and 1024 m cells, so any region comes out the same
// whichever bounds it is generated with.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "terrain/control_points.h"
#include "terrain/map_frame.h"
#include "terrain/terrain_region.h"

namespace ingenuity::terrain {

struct JezeroParams {
  std::uint64_t seed = 1;
  /// Coverage in the local frame of Wright Brothers Field [m]: 0.5 km east to 8 km west,
  /// 1.5 km south to 4 km north.
  Eigen::Vector2d min_en_m{-8000.0, -1500.0};
  Eigen::Vector2d max_en_m{500.0, 4000.0};
  // Craters: N(>D) = density_at_1m * D^-exponent per m^2, D in [min, max] (assumed values).
  double crater_density_at_1m_per_m2 = 0.003;
  double crater_sfd_exponent = 2.0;
  double crater_min_diameter_m = 1.0;
  double crater_max_diameter_m = 200.0;
  double crater_depth_ratio = 0.1;  ///< degraded bowls (assumed)
  double crater_rim_ratio = 0.02;   ///< rim height over diameter (assumed)
  // Rocks (Golombek and Rapp 1997): rock abundance k; rocks of at least min_diameter drawn.
  double rock_abundance = 0.07;  ///< assumed for Jezero's floor
  double rock_min_diameter_m = 0.25;
  double rock_max_diameter_m = 2.5;
  // Seitah ripple field: an ellipse in the local frame (assumed from the flight 9 track).
  Eigen::Vector2d ripple_centre_en_m{-450.0, -820.0};
  Eigen::Vector2d ripple_semi_axes_m{380.0, 230.0};
  double ripple_axis_azimuth_deg = 120.0;  ///< long axis, clockwise from north
  double ripple_wavelength_m = 12.0;
  double ripple_amplitude_m = 0.35;
  double ripple_crest_normal_azimuth_deg = 60.0;
  // Delta-front scarp: a segment with the uphill side to the west (assumed from the rise
  // between airfields Z and Gamma).
  Eigen::Vector2d scarp_start_en_m{-2250.0, 300.0};
  Eigen::Vector2d scarp_end_en_m{-2750.0, 1600.0};
  double scarp_height_m = 12.0;
  double scarp_width_m = 25.0;
  // Landing sites: texture fully removed within clear radius, back in full by fade radius.
  double airfield_clear_radius_m = 4.0;
  double airfield_fade_radius_m = 12.0;
};

class JezeroTerrain {
 public:
  /// Throws std::invalid_argument if the control points cannot define a surface.
  JezeroTerrain(const std::vector<ControlPoint>& control_points, const JezeroParams& params,
                const LocalFrame& frame = LocalFrame());

  /// The region [min, max] (east/north, local frame) at the given spacing. Throws
  /// std::out_of_range if it leaves the coverage, std::invalid_argument on a bad spacing.
  TerrainRegion Generate(const Eigen::Vector2d& min_en_m, const Eigen::Vector2d& max_en_m,
                         double spacing_m) const;

  /// The regional surface (spline and scarp, no texture), up in the local frame [m].
  double RegionalUp(const Eigen::Vector2d& en_m) const;

  const JezeroParams& params() const { return params_; }
  const LocalFrame& frame() const { return frame_; }
  /// Control points after merging those closer than 1 m, in the local frame (x, y, up).
  const std::vector<Eigen::Vector3d>& control_enu() const { return control_enu_; }

 private:
  double Spline(const Eigen::Vector2d& en_m) const;
  double Scarp(const Eigen::Vector2d& en_m) const;

  JezeroParams params_;
  LocalFrame frame_;
  std::vector<Eigen::Vector3d> control_enu_;
  Eigen::VectorXd weights_;  // spline: one per control point, then 3 affine terms
  double rock_count_per_m2_ = 0.0;
};

}  // namespace ingenuity::terrain
