// A regular grid of terrain heights in the local east-north-up (ENU) frame, with bilinear
// height and normal queries and ray intersection. The one terrain that physics (Bullet
// collision, ground effect) and sensors query.
#pragma once

#include <Eigen/Core>
#include <optional>
#include <string>
#include <vector>

namespace ingenuity::terrain {

/// A point where a ray meets the terrain.
struct RayHit {
  Eigen::Vector3d p_W;       ///< hit point in the ENU frame [m]
  double range_m = 0.0;      ///< distance along the ray from its origin [m]
  Eigen::Vector3d normal_W;  ///< unit surface normal at the hit point
};

/// Heights on a regular grid. Sample (i, j) sits at east = east0 + i * spacing, north =
/// north0 + j * spacing; heights are metres up in the ENU frame. Queries outside the grid
/// clamp to its edge.
class Heightfield {
 public:
  /// Throws std::invalid_argument if the size, spacing or any height is invalid.
  Heightfield(int count_east, int count_north, double spacing_m, Eigen::Vector2d origin_en_m,
              std::vector<float> heights_m, std::string label);

  /// A level field centred on the origin.
  static Heightfield Flat(double size_m, double spacing_m, double height_m = 0.0);
  /// A plane rising by slope_deg towards the direction uphill_azimuth_deg (0 = north,
  /// 90 = east), centred on the origin, where its height is zero.
  static Heightfield Sloped(double size_m, double spacing_m, double slope_deg,
                            double uphill_azimuth_deg);

  /// Bilinear height at an east/north position [m].
  double HeightAt(double east_m, double north_m) const;
  /// Unit upward normal of the bilinear surface at an east/north position.
  Eigen::Vector3d NormalAt(double east_m, double north_m) const;
  /// Slope angle from horizontal [deg].
  double SlopeDegAt(double east_m, double north_m) const;
  /// The least-squares plane through the samples within radius_m (a square window): its
  /// slope [deg] and the samples' RMS deviation from it, the roughness [m] (0 on any plane).
  struct PlaneFit {
    double slope_deg = 0.0;
    double roughness_m = 0.0;
  };
  PlaneFit PlaneAt(double east_m, double north_m, double radius_m) const;
  /// PlaneAt's roughness.
  double RoughnessAt(double east_m, double north_m, double radius_m = 1.0) const;
  /// First intersection of the ray p_W + s * dir_W (dir need not be unit) for 0 <= s <=
  /// max_range_m, or nothing. Marches at a quarter cell, then bisects to 1 mm.
  std::optional<RayHit> Raycast(const Eigen::Vector3d& p_W, const Eigen::Vector3d& dir_W,
                                double max_range_m) const;

  int count_east() const { return count_east_; }
  int count_north() const { return count_north_; }
  double spacing_m() const { return spacing_m_; }
  const Eigen::Vector2d& origin_en_m() const { return origin_en_m_; }
  double min_height_m() const { return min_height_m_; }
  double max_height_m() const { return max_height_m_; }
  /// Raw samples, row-major by north; the array Bullet's heightfield shape reads in place.
  const std::vector<float>& heights_m() const { return heights_m_; }
  const std::string& label() const { return label_; }
  /// Centre of the grid's bounding box in the ENU frame [m]; Bullet's heightfield shape is
  /// centred here, so its collision object goes at this point.
  Eigen::Vector3d BoundsCentre_W() const;

 private:
  double Sample(int i, int j) const { return heights_m_[static_cast<size_t>(j) * count_east_ + i]; }
  // Cell coordinates of a position, clamped to the grid: integer cell and fraction in it.
  void Locate(double east_m, double north_m, int* i, int* j, double* fx, double* fy) const;

  int count_east_;
  int count_north_;
  double spacing_m_;
  Eigen::Vector2d origin_en_m_;
  std::vector<float> heights_m_;
  std::string label_;
  double min_height_m_;
  double max_height_m_;
};

}  // namespace ingenuity::terrain
