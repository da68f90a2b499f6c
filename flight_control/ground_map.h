// The ground ahead, mapped from the navigation camera: each tracked feature is triangulated
// between where it was first seen and where it is seen now (two rays from two camera poses of
// the navigation filter), and its height is fused into a rolling grid of ground heights in the
// filter's world frame. The altimeter sees only the ground under the vehicle; the camera's
// field of view (133 x 100 deg) reaches 12 to 23 m ahead at 10 m, so the map lets the altitude
// hold start down into a crater, or up a rise, before the vehicle is over it.
//
// This goes beyond the 2021 flight software, which had only the altimeter and a flat-ground
// assumption; Ingenuity's late-2022 update (first flown on flight 34) gave it digital
// elevation maps for navigation (NASA/JPL Mars Helicopter blog, December 2022). Here the map is
// built on board by stereo from motion rather than uplinked.
#pragma once

#include <Eigen/Core>
#include <Eigen/Geometry>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "flight_control/estimator.h"
#include "flight_control/messages.h"

namespace ingenuity::flight_control {

/// How the map is built (from the flight software's file).
struct GroundMapParams {
  double cell_m = 1.0;              ///< grid spacing
  int cells_per_side = 128;         ///< the rolling grid's size (a power of two)
  double min_parallax_rad = 0.03;   ///< the two rays must differ by this much
  double max_height_sigma_m = 0.3;  ///< poorer triangulations are not used
  double height_floor_m = 0.05;     ///< a cell's height is never surer than this
  double pose_noise_m = 0.03;       ///< relative error of the two camera poses
};

/// A feature's first sighting: where the camera was and the ray to it (world axes, unit).
struct FeatureSighting {
  Eigen::Vector3d camera_W_m = Eigen::Vector3d::Zero();
  Eigen::Vector3d ray_W = Eigen::Vector3d::Zero();
  std::int64_t last_seen_frame = 0;
};

/// One cell of the rolling grid: the weighted mean of the heights that fell in it.
struct GroundCell {
  std::int64_t ix = 0, iy = 0;  ///< the cell's grid index (the slot holds one cell at a time)
  double weight = 0.0;          ///< sum of 1 / variance [1/m^2]; 0: empty
  double z_W_m = 0.0;
};

struct GroundMap {
  // The grid's shape, set when it is made.
  double cell_m = 1.0;
  int cells_per_side = 0;
  std::unordered_map<std::uint64_t, FeatureSighting> sightings;
  std::int64_t frame_count = 0;
  std::vector<GroundCell> cells;  ///< cells_per_side^2 slots, indexed by grid index modulo size
};

/// Empties the map and sizes its grid (at start-up).
void ResetGroundMap(const GroundMapParams& params, GroundMap* map);

/// Forgets the tracked features (images ignored), keeping the heights already mapped.
void ForgetSightings(GroundMap* map);

/// Adds one camera frame, taken with the camera at p_camera_W_m and body attitude q_WB (the
/// filter's pose at the frame's timestamp). Returns how many heights were fused.
int UpdateGroundMap(const GroundMapParams& params, const EstimatorParams& camera,
                    const CameraFrame& frame, const Eigen::Vector3d& p_camera_W_m,
                    const Eigen::Quaterniond& q_WB, GroundMap* map);

/// Fuses one ground height (world frame) with its variance; a cell's weight is capped at the
/// floor's.
void AddGroundHeight(const GroundMapParams& params, const Eigen::Vector2d& p_W_m, double z_W_m,
                     double variance_m2, GroundMap* map);

/// The mapped ground's mean height over a stretch: the cells within radius_m of the segment
/// centre_W_m +- half_length_m along the unit direction, weighted smoothly (a cosine taper
/// along the segment, a parabola across it) so that cells enter and leave gradually. Returns
/// the sum of weights (0 when nothing is mapped there) and the mean in *z_W_m.
double MeanGroundHeight(const GroundMap& map, const Eigen::Vector2d& centre_W_m,
                        const Eigen::Vector2d& direction, double half_length_m, double radius_m,
                        double* z_W_m);

}  // namespace ingenuity::flight_control
