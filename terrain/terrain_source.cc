#include "terrain/terrain_source.h"

#include <cmath>
#include <iomanip>
#include <sstream>

namespace ingenuity::terrain {
namespace {

std::string Fixed(double v, int digits) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(digits) << v;
  return s.str();
}

std::string ExtentLines(const LocalFrame& frame, const Eigen::Vector2d& lo,
                        const Eigen::Vector2d& hi) {
  const LatLon sw = frame.EnToLatLon(lo), ne = frame.EnToLatLon(hi);
  return "extent:     east " + Fixed(lo.x(), 1) + " to " + Fixed(hi.x(), 1) + " m, north " +
         Fixed(lo.y(), 1) + " to " + Fixed(hi.y(), 1) + " m of the site origin\n" +
         "            latitude " + Fixed(sw.lat_deg, 5) + " to " + Fixed(ne.lat_deg, 5) +
         " N, longitude " + Fixed(sw.lon_deg, 5) + " to " + Fixed(ne.lon_deg, 5) + " E\n";
}

std::string OriginLine(const LocalFrame& frame) {
  const SiteOrigin& o = frame.origin();
  return "site origin: " + Fixed(o.position.lat_deg, 5) + " N, " + Fixed(o.position.lon_deg, 5) +
         " E, " + Fixed(o.elevation_m, 1) + " m (Wright Brothers Field)\n";
}

class JezeroSource : public TerrainSource {
 public:
  explicit JezeroSource(std::uint64_t seed)
      : terrain_(LoadControlPoints(JezeroControlPointsFile()), Params(seed), frame_) {}

  TerrainRegion Region(const Eigen::Vector2d& lo, const Eigen::Vector2d& hi,
                       double spacing) const override {
    return terrain_.Generate(lo, hi, spacing);
  }

  std::string Describe() const override {
    const JezeroParams& p = terrain_.params();
    // Elevation range of the regional surface, sampled every 25 m over the coverage.
    double lo = 1e9, hi = -1e9;
    for (double e = p.min_en_m.x(); e <= p.max_en_m.x(); e += 25.0) {
      for (double n = p.min_en_m.y(); n <= p.max_en_m.y(); n += 25.0) {
        const double z = frame_.ElevationOf(terrain_.RegionalUp({e, n}));
        lo = std::min(lo, z);
        hi = std::max(hi, z);
      }
    }
    return "terrain:    built-in Jezero, SYNTHETIC (not a DTM), seed " + std::to_string(p.seed) +
           "\n" + OriginLine(frame_) + ExtentLines(frame_, p.min_en_m, p.max_en_m) +
           "resolution: generated on demand at any spacing (0.5 m near the vehicle)\n"
           "datum:      elevations above the MOLA areoid; Mars 2000 sphere, radius 3,396,190 m;\n"
           "            exports in the Mars 2020 science-map projection\n"
           "elevation:  " +
           Fixed(lo, 1) + " to " + Fixed(hi, 1) +
           " m (regional surface; craters and rocks add a few metres)\n"
           "built from: a spline through the " +
           std::to_string(terrain_.control_enu().size()) +
           " distinct landing sites of flights 0-72, a delta-front scarp,\n"
           "            craters, rocks and the Seitah ripple field\n"
           "synthetic:  yes\n";
  }
  bool synthetic() const override { return true; }
  Eigen::Vector2d min_en_m() const override { return terrain_.params().min_en_m; }
  Eigen::Vector2d max_en_m() const override { return terrain_.params().max_en_m; }

 private:
  static JezeroParams Params(std::uint64_t seed) {
    JezeroParams p;
    p.seed = seed;
    return p;
  }
  JezeroTerrain terrain_;
};

class DtmSource : public TerrainSource {
 public:
  DtmSource(std::string path, std::optional<std::string> ortho)
      : path_(std::move(path)), ortho_(std::move(ortho)), info_(ReadDtmInfo(path_, frame_)) {
    if (ortho_) ReadDtmInfo(*ortho_, frame_);  // fails early on a bad orthoimage
  }
  TerrainRegion Region(const Eigen::Vector2d& lo, const Eigen::Vector2d& hi,
                       double spacing) const override {
    return LoadDtmRegion(path_, lo, hi, spacing, frame_, ortho_);
  }
  std::string Describe() const override {
    return "terrain:    DTM " + path_ + " (" + info_.driver + ")\n" + OriginLine(frame_) +
           ExtentLines(frame_, info_.min_en_m, info_.max_en_m) +
           "resolution: " + std::to_string(info_.width_px) + " x " +
           std::to_string(info_.height_px) + " px of " + Fixed(info_.pixel_size_m, 3) +
           " (projection units)\n" + "datum:      " + info_.crs_name + "\n" +
           "elevation:  " + Fixed(info_.min_elevation_m, 1) + " to " +
           Fixed(info_.max_elevation_m, 1) + " m\n" + "synthetic:  no\n";
  }
  bool synthetic() const override { return false; }
  Eigen::Vector2d min_en_m() const override { return info_.min_en_m; }
  Eigen::Vector2d max_en_m() const override { return info_.max_en_m; }

 private:
  std::string path_;
  std::optional<std::string> ortho_;
  DtmInfo info_;
};

}  // namespace

std::unique_ptr<TerrainSource> MakeJezeroSource(std::uint64_t seed) {
  return std::make_unique<JezeroSource>(seed);
}

std::unique_ptr<TerrainSource> MakeDtmSource(const std::string& path,
                                             const std::optional<std::string>& ortho_path) {
  return std::make_unique<DtmSource>(path, ortho_path);
}

}  // namespace ingenuity::terrain
