#include "terrain/map_frame.h"

#include <cmath>
#include <numbers>

namespace ingenuity::terrain {
namespace {
constexpr double kDeg = std::numbers::pi / 180.0;
const double kCosStandardParallel = std::cos(kMapStandardParallel_deg * kDeg);
}  // namespace

Eigen::Vector2d LatLonToMap(const LatLon& p) {
  return {kMarsMapRadius_m * p.lon_deg * kDeg * kCosStandardParallel,
          kMarsMapRadius_m * p.lat_deg * kDeg};
}

LatLon MapToLatLon(const Eigen::Vector2d& m) {
  return {m.y() / kMarsMapRadius_m / kDeg,
          m.x() / (kMarsMapRadius_m * kCosStandardParallel) / kDeg};
}

SiteOrigin WrightBrothersField() { return SiteOrigin{}; }

LocalFrame::LocalFrame(const SiteOrigin& origin)
    : origin_(origin),
      metres_per_deg_lat_(kMarsMapRadius_m * kDeg),
      metres_per_deg_lon_(kMarsMapRadius_m * kDeg * std::cos(origin.position.lat_deg * kDeg)) {}

Eigen::Vector2d LocalFrame::LatLonToEn(const LatLon& p) const {
  return {(p.lon_deg - origin_.position.lon_deg) * metres_per_deg_lon_,
          (p.lat_deg - origin_.position.lat_deg) * metres_per_deg_lat_};
}

LatLon LocalFrame::EnToLatLon(const Eigen::Vector2d& en) const {
  return {origin_.position.lat_deg + en.y() / metres_per_deg_lat_,
          origin_.position.lon_deg + en.x() / metres_per_deg_lon_};
}

Eigen::Vector3d LocalFrame::ToEnu(const LatLon& p, double elevation_m) const {
  const Eigen::Vector2d en = LatLonToEn(p);
  return {en.x(), en.y(), UpOf(elevation_m)};
}

Eigen::Vector2d LocalFrame::EnToMap(const Eigen::Vector2d& en_m) const {
  return LatLonToMap(EnToLatLon(en_m));
}

Eigen::Vector2d LocalFrame::MapToEn(const Eigen::Vector2d& map_m) const {
  return LatLonToEn(MapToLatLon(map_m));
}

}  // namespace ingenuity::terrain
