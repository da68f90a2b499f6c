// Where terrain comes from: the built-in Jezero (synthetic) or a real DTM. The one interface
// the command line, the simulation and later the cameras and route planner ask for regions.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "terrain/dtm_loader.h"
#include "terrain/jezero_terrain.h"

namespace ingenuity::terrain {

class TerrainSource {
 public:
  virtual ~TerrainSource() = default;
  /// The region [min, max] of the local frame at the given spacing. Throws DtmError or
  /// std::out_of_range / std::invalid_argument with a message for people.
  virtual TerrainRegion Region(const Eigen::Vector2d& min_en_m, const Eigen::Vector2d& max_en_m,
                               double spacing_m) const = 0;
  /// A few lines describing the source: extent, resolution, datum, elevation range, and
  /// whether it is synthetic.
  virtual std::string Describe() const = 0;
  virtual bool synthetic() const = 0;
  /// The source's extent in the local frame [m, east/north].
  virtual Eigen::Vector2d min_en_m() const = 0;
  virtual Eigen::Vector2d max_en_m() const = 0;
  /// Whether a square of half-size margin_m around the point lies within the extent.
  bool Covers(const Eigen::Vector2d& en_m, double margin_m) const {
    return (en_m.array() - margin_m >= min_en_m().array()).all() &&
           (en_m.array() + margin_m <= max_en_m().array()).all();
  }
  const LocalFrame& frame() const { return frame_; }

 protected:
  LocalFrame frame_;
};

/// The built-in Jezero with a seed (site: jezero).
std::unique_ptr<TerrainSource> MakeJezeroSource(std::uint64_t seed);
/// A DTM file, with an optional orthoimage for the albedo. Throws DtmError if it cannot be
/// opened and described.
std::unique_ptr<TerrainSource> MakeDtmSource(const std::string& path,
                                             const std::optional<std::string>& ortho_path);

}  // namespace ingenuity::terrain
