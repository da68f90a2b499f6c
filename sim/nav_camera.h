// The navigation camera as its feature tracker sees it (MAVeN-style FAST + KLT reduced to its
// output): terrain points inside the nadir field of view projected to pixels with noise.
//  - Features are world-fixed points, one candidate per lattice cell (1 m, coarsened by
//    powers of two at height so a frame holds a few times the tracker's budget), kept with a
//    probability equal to the terrain's texture richness there; so the same point keeps its
//    id from frame to frame, and featureless ground gives few.
//  - Pinhole projection (assumed) with the 133 x 100 deg field of view onto 640 x 480 px;
//    occlusion neglected (assumed); no features below the minimum height (dust).
//  - Frames on an integer schedule that averages the rate exactly (30 Hz at 1 kHz: 33, 33,
//    34 ms), delivered after the latency, stamped with the capture time.
#pragma once

#include <cstdint>
#include <optional>

#include "flight_control/messages.h"
#include "sim/random.h"
#include "sim/simulation.h"
#include "terrain/terrain_region.h"

namespace ingenuity::sim {

class NavCamera {
 public:
  /// region: where texture richness comes from (nullptr: 0.5 everywhere).
  NavCamera(const SensorParams& params, std::uint64_t scenario_seed,
            const terrain::TerrainRegion* region);

  /// The frame captured at the simulation's current tick, if one is due.
  std::optional<flight_control::CameraFrame> Sample(const Simulation& sim);

  /// How far across the image [px] the ground would appear to move if it moved by shift_m,
  /// seen from the camera's present height above it (nadir, level ground): for faults that
  /// displace what the tracker reports.
  double GroundShiftPx(const Simulation& sim, double shift_m) const;

  /// Whether a frame is captured at this tick.
  static bool CaptureDue(std::int64_t tick, std::int64_t step_us, int rate_hz);

 private:
  SensorParams params_;
  GaussianSource noise_;
  const terrain::TerrainRegion* region_;
  double fx_px_, fy_px_;

  /// The camera (at the centre of mass) above the ground under it [m].
  static double HeightAboveGround(const Simulation& sim);
};

}  // namespace ingenuity::sim
