// Real digital terrain models through GDAL: GeoTIFF, PDS3 IMG, ISIS3 cubes, anything GDAL
// reads with a projected (or geographic) Mars CRS. Only the window covering the requested
// region (plus a margin) is read, so a 21,000 x 21,000 px mosaic flies in bounded memory;
// nodata holes are filled from their neighbours; the window is resampled (bilinear) into the
// local east-north-up grid. An orthoimage, if given, is read the same way as the albedo.
#pragma once

#include <Eigen/Core>
#include <optional>
#include <stdexcept>
#include <string>

#include "terrain/map_frame.h"
#include "terrain/terrain_region.h"

namespace ingenuity::terrain {

/// A DTM that cannot be used; what() names the file and the problem.
class DtmError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct DtmInfo {
  std::string path;
  std::string driver;  ///< GDAL driver, e.g. "GTiff", "PDS", "ISIS3"
  int width_px = 0, height_px = 0;
  double pixel_size_m = 0.0;  ///< along x, in the DTM's own units (metres for projected CRSs)
  std::string crs_name;
  LatLon south_west, north_east;                        ///< extent (corners of the raster)
  Eigen::Vector2d min_en_m, max_en_m;                   ///< extent in the local frame
  double min_elevation_m = 0.0, max_elevation_m = 0.0;  ///< from the band's statistics
  std::optional<double> nodata;
};

/// Opens the DTM and describes it (elevation range exact, or sampled beyond 16 Mpx).
/// Throws DtmError.
DtmInfo ReadDtmInfo(const std::string& path, const LocalFrame& frame);

/// Reads the region [min_en, max_en] of the local frame at the given spacing. Throws DtmError
/// for a missing or unreadable file, a raster without a usable CRS, a region outside the DTM,
/// or a window with no valid sample.
TerrainRegion LoadDtmRegion(const std::string& path, const Eigen::Vector2d& min_en_m,
                            const Eigen::Vector2d& max_en_m, double spacing_m,
                            const LocalFrame& frame,
                            const std::optional<std::string>& ortho_path = std::nullopt);

/// WKT of the Mars 2020 science-map projection (equirectangular on the 3,396,190 m sphere,
/// standard parallel 18.4663 N), for files the project writes.
std::string Mars2020MapWkt();

}  // namespace ingenuity::terrain
