// The cells of a square lattice (cell size s, cell (i, j) spanning [i s, (i + 1) s)) that a
// box touches: used wherever features are placed per fixed cell.
#pragma once

#include <Eigen/Core>
#include <cmath>
#include <cstdint>

namespace ingenuity::terrain {

struct CellRange {
  std::int64_t i0, i1, j0, j1;  ///< inclusive
};

/// Cells touched by the box [min, max] grown by margin on every side.
inline CellRange CellsCovering(const Eigen::Vector2d& min, const Eigen::Vector2d& max, double cell,
                               double margin = 0.0) {
  auto at = [cell](double v) { return static_cast<std::int64_t>(std::floor(v / cell)); };
  return {at(min.x() - margin), at(max.x() + margin), at(min.y() - margin), at(max.y() + margin)};
}

}  // namespace ingenuity::terrain
