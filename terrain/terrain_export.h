// Writing terrain out: a GeoTIFF in the Mars 2020 science-map projection (QGIS places it
// with the other Mars 2020 products) and a hillshade PNG, both labelled with their provenance.
// Files are written under a temporary name and renamed only when complete.
#pragma once

#include <string>

#include "terrain/map_frame.h"
#include "terrain/terrain_region.h"

namespace ingenuity::terrain {

/// Elevations (above the areoid) as Float32, north up. Throws std::runtime_error.
void WriteGeoTiff(const TerrainRegion& region, const LocalFrame& frame, const std::string& path);

/// Hillshade, sun from the north-west at 45 deg, 8-bit grey, north up; a synthetic region
/// carries "SYNTHETIC JEZERO - NOT A DTM" in its top-left corner. Throws std::runtime_error.
void WriteHillshadePng(const TerrainRegion& region, const std::string& path);

/// The hillshade values (0-255), row 0 the northernmost.
std::vector<unsigned char> Hillshade(const Heightfield& field);

}  // namespace ingenuity::terrain
