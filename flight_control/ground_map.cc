#include "flight_control/ground_map.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace ingenuity::flight_control {
namespace {

std::size_t Slot(const GroundMap& map, std::int64_t ix, std::int64_t iy) {
  const std::int64_t mask = map.cells_per_side - 1;
  return static_cast<std::size_t>((iy & mask) * map.cells_per_side + (ix & mask));
}

std::int64_t CellIndex(const GroundMap& map, double x_m) {
  return static_cast<std::int64_t>(std::floor(x_m / map.cell_m));
}

}  // namespace

void ResetGroundMap(const GroundMapParams& p, GroundMap* map) {
  map->cell_m = p.cell_m;
  map->cells_per_side = p.cells_per_side;
  map->sightings.clear();
  map->frame_count = 0;
  map->cells.assign(static_cast<std::size_t>(p.cells_per_side) * p.cells_per_side, GroundCell());
}

void ForgetSightings(GroundMap* map) { map->sightings.clear(); }

void AddGroundHeight(const GroundMapParams& p, const Eigen::Vector2d& p_W_m, double z_W_m,
                     double variance_m2, GroundMap* map) {
  if (map->cells.empty() || !std::isfinite(z_W_m) || !(variance_m2 > 0.0)) return;
  const std::int64_t ix = CellIndex(*map, p_W_m.x()), iy = CellIndex(*map, p_W_m.y());
  GroundCell& cell = map->cells[Slot(*map, ix, iy)];
  if (cell.weight == 0.0 || cell.ix != ix || cell.iy != iy) cell = {ix, iy, 0.0, 0.0};
  // The heights of one feature from successive frames share their first sighting's error, so
  // the cell's weight is capped (at the floor's): new heights keep moving it.
  const double w = 1.0 / variance_m2;
  const double cap = 1.0 / (p.height_floor_m * p.height_floor_m);
  const double kept = std::min(cell.weight, std::max(0.0, cap - w));
  cell.z_W_m = (kept * cell.z_W_m + w * z_W_m) / (kept + w);
  cell.weight = kept + w;
}

int UpdateGroundMap(const GroundMapParams& p, const EstimatorParams& camera,
                    const CameraFrame& frame, const Eigen::Vector3d& p_camera_W_m,
                    const Eigen::Quaterniond& q_WB, GroundMap* map) {
  const std::int64_t this_frame = ++map->frame_count;
  const Eigen::Matrix3d R = q_WB.toRotationMatrix();
  const double pixel_rad =
      camera.feature_noise_px / std::min(camera.camera_fx_px, camera.camera_fy_px);
  int added = 0;
  for (const ImageFeature& f : frame.features) {
    const Eigen::Vector3d ray_W = (R * CameraRayB(camera, f)).normalized();
    const auto [it, first] =
        map->sightings.try_emplace(f.id, FeatureSighting{p_camera_W_m, ray_W, this_frame});
    FeatureSighting& seen = it->second;
    seen.last_seen_frame = this_frame;
    if (first) continue;
    // Midpoint triangulation of the two rays C1 + s r1 and C2 + t r2.
    const Eigen::Vector3d& r1 = seen.ray_W;
    const Eigen::Vector3d w0 = seen.camera_W_m - p_camera_W_m;
    const double b = r1.dot(ray_W), d = r1.dot(w0), e = ray_W.dot(w0);
    const double sin2 = 1.0 - b * b;
    if (sin2 < p.min_parallax_rad * p.min_parallax_rad) continue;
    const double s = (b * e - d) / sin2, t = (e - b * d) / sin2;
    if (s < 0.5 || t < 0.5) continue;
    const Eigen::Vector3d point = 0.5 * (seen.camera_W_m + s * r1 + p_camera_W_m + t * ray_W);
    // Its height's error: each ray's angular noise over the parallax, along this ray, plus the
    // poses' relative error; and the rays must nearly meet.
    const double along_m = std::sqrt(2.0) * pixel_rad * std::max(s, t) / std::sqrt(sin2);
    const double sigma_m = std::hypot(along_m * std::abs(ray_W.z()), p.pose_noise_m);
    const double miss_m = (seen.camera_W_m + s * r1 - p_camera_W_m - t * ray_W).norm();
    if (sigma_m > p.max_height_sigma_m || miss_m > 3.0 * (pixel_rad * t + p.pose_noise_m)) {
      continue;
    }
    AddGroundHeight(p, point.head<2>(), point.z(), sigma_m * sigma_m, map);
    ++added;
  }
  // Features no longer tracked are forgotten.
  std::erase_if(map->sightings,
                [&](const auto& entry) { return entry.second.last_seen_frame != this_frame; });
  return added;
}

double MeanGroundHeight(const GroundMap& map, const Eigen::Vector2d& centre_W_m,
                        const Eigen::Vector2d& direction, double half_length_m, double radius_m,
                        double* z_W_m) {
  if (map.cells.empty() || radius_m <= 0.0) return 0.0;
  const double reach_m = half_length_m + radius_m;
  const std::int64_t x0 = CellIndex(map, centre_W_m.x() - reach_m);
  const std::int64_t x1 = CellIndex(map, centre_W_m.x() + reach_m);
  const std::int64_t y0 = CellIndex(map, centre_W_m.y() - reach_m);
  const std::int64_t y1 = CellIndex(map, centre_W_m.y() + reach_m);
  double sum_w = 0.0, sum_wz = 0.0;
  for (std::int64_t iy = y0; iy <= y1; ++iy) {
    for (std::int64_t ix = x0; ix <= x1; ++ix) {
      const GroundCell& cell = map.cells[Slot(map, ix, iy)];
      if (cell.weight == 0.0 || cell.ix != ix || cell.iy != iy) continue;
      const Eigen::Vector2d offset =
          Eigen::Vector2d((ix + 0.5) * map.cell_m, (iy + 0.5) * map.cell_m) - centre_W_m;
      const double along = offset.dot(direction);
      const double across2 = offset.squaredNorm() - along * along;
      if (std::abs(along) >= reach_m || across2 >= radius_m * radius_m) continue;
      const double taper = std::cos(0.5 * std::numbers::pi * along / reach_m);
      const double w = taper * taper * (1.0 - across2 / (radius_m * radius_m));
      sum_w += w;
      sum_wz += w * cell.z_W_m;
    }
  }
  if (sum_w > 0.0) *z_W_m = sum_wz / sum_w;
  return sum_w;
}

}  // namespace ingenuity::flight_control
