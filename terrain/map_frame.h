// The map frames, in one place: Mars latitude/longitude (planetocentric, on the Mars 2020
// science-map sphere), the Mars 2020 science-map projection (equirectangular, sphere of radius
// 3,396,190 m, standard parallel 18.4663 N), and the simulator's local east-north-up frame
// at a site origin.
//
// Local ENU is the equirectangular projection re-centred on the site, scaled true at the
// site's latitude, with up = elevation above the areoid minus the site's elevation: a map
// frame (flat-earth), not a tangent plane, so "up" is always height above the areoid.
#pragma once

#include <Eigen/Core>

namespace ingenuity::terrain {

/// Radius of the Mars 2020 science-map sphere [m].
inline constexpr double kMarsMapRadius_m = 3396190.0;
/// Standard parallel of the Mars 2020 science maps [deg].
inline constexpr double kMapStandardParallel_deg = 18.4663;

struct LatLon {
  double lat_deg = 0.0;  ///< planetocentric latitude, north positive [deg]
  double lon_deg = 0.0;  ///< east longitude [deg]
};

/// Mars 2020 science-map coordinates [m]: easting = R lon cos(phi_s), northing = R lat.
Eigen::Vector2d LatLonToMap(const LatLon& p);
LatLon MapToLatLon(const Eigen::Vector2d& easting_northing_m);

/// A site: the origin of a local east-north-up frame.
struct SiteOrigin {
  LatLon position{18.44486, 77.45102};  ///< Wright Brothers Field
  double elevation_m = -2570.0;         ///< above the MOLA areoid
};

/// Wright Brothers Field, where flights 1-5 took off (the default site origin).
SiteOrigin WrightBrothersField();

class LocalFrame {
 public:
  explicit LocalFrame(const SiteOrigin& origin = WrightBrothersField());

  /// East and north of the origin [m].
  Eigen::Vector2d LatLonToEn(const LatLon& p) const;
  LatLon EnToLatLon(const Eigen::Vector2d& en_m) const;
  /// ENU point from latitude/longitude and elevation above the areoid [m].
  Eigen::Vector3d ToEnu(const LatLon& p, double elevation_m) const;
  /// Elevation above the areoid of an ENU up coordinate [m].
  double ElevationOf(double up_m) const { return up_m + origin_.elevation_m; }
  double UpOf(double elevation_m) const { return elevation_m - origin_.elevation_m; }
  /// Map easting/northing of an ENU east/north [m], and back.
  Eigen::Vector2d EnToMap(const Eigen::Vector2d& en_m) const;
  Eigen::Vector2d MapToEn(const Eigen::Vector2d& map_m) const;

  const SiteOrigin& origin() const { return origin_; }

 private:
  SiteOrigin origin_;
  double metres_per_deg_lat_;
  double metres_per_deg_lon_;  // at the site's latitude
};

}  // namespace ingenuity::terrain
