#include "terrain/terrain_region.h"

#include <algorithm>
#include <cmath>

namespace ingenuity::terrain {

size_t TerrainRegion::CellIndex(double east_m, double north_m) const {
  const double s = height.spacing_m();
  const int i = std::clamp(static_cast<int>(std::lround((east_m - height.origin_en_m().x()) / s)),
                           0, height.count_east() - 1);
  const int j = std::clamp(static_cast<int>(std::lround((north_m - height.origin_en_m().y()) / s)),
                           0, height.count_north() - 1);
  return static_cast<size_t>(j) * height.count_east() + i;
}

float TerrainRegion::AlbedoAt(double east_m, double north_m) const {
  return albedo[CellIndex(east_m, north_m)];
}

float TerrainRegion::TextureRichnessAt(double east_m, double north_m) const {
  return texture_richness[CellIndex(east_m, north_m)];
}

}  // namespace ingenuity::terrain
