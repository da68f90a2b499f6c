// A terrain region: heights (the Heightfield every consumer queries) plus, per cell, an
// albedo and a surface-texture richness for the cameras and the navigation model, and where
// the heights came from.
#pragma once

#include <string>
#include <vector>

#include "terrain/heightfield.h"

namespace ingenuity::terrain {

struct TerrainRegion {
  Heightfield height;
  std::vector<float> albedo;            ///< [0, 1], same grid as the heights
  std::vector<float> texture_richness;  ///< [0, 1]: how many features a camera could track
  bool synthetic = false;               ///< true: generated, not a measured DTM
  std::string provenance;               ///< e.g. "synthetic Jezero (not a DTM), seed 1"

  /// Nearest-cell layer value at an east/north position.
  float AlbedoAt(double east_m, double north_m) const;
  float TextureRichnessAt(double east_m, double north_m) const;

 private:
  size_t CellIndex(double east_m, double north_m) const;
};

}  // namespace ingenuity::terrain
