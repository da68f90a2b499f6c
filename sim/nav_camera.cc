#include "sim/nav_camera.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "terrain/cell_range.h"

namespace ingenuity::sim {
namespace {

std::uint64_t Mix(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

// A terrain feature's identity from its lattice level and cell (the terrain's, not the
// scenario's: the same ground gives the same features whatever the seed). Level, i and j go
// into disjoint bit fields (unique for |i|, |j| < 2^28 cells) and Mix is a bijection, so no
// two features share an id.
std::uint64_t FeatureId(int level, std::int64_t i, std::int64_t j) {
  constexpr std::uint64_t kMask = (1ull << 29) - 1;
  const std::uint64_t key = (static_cast<std::uint64_t>(level) << 58) |
                            ((static_cast<std::uint64_t>(i) & kMask) << 29) |
                            (static_cast<std::uint64_t>(j) & kMask);
  return Mix(key);
}

double Unit(std::uint64_t h) { return static_cast<double>(h >> 11) * 0x1.0p-53; }

}  // namespace

NavCamera::NavCamera(const SensorParams& params, std::uint64_t seed,
                     const terrain::TerrainRegion* region)
    : params_(params), noise_(DeriveSeed(seed, "nav_camera")), region_(region) {
  constexpr double kDeg = std::numbers::pi / 180.0;
  fx_px_ = 0.5 * params.camera_width_px / std::tan(0.5 * params.camera_fov_x_deg * kDeg);
  fy_px_ = 0.5 * params.camera_height_px / std::tan(0.5 * params.camera_fov_y_deg * kDeg);
}

bool NavCamera::CaptureDue(std::int64_t tick, std::int64_t step_us, int rate_hz) {
  // Frame k at tick floor(k * 1e6 / (rate * step)): is this tick one of them?
  const std::int64_t a = 1000000, b = static_cast<std::int64_t>(rate_hz) * step_us;
  const std::int64_t k = (tick * b + a - 1) / a;  // ceil(tick * b / a)
  return k * a / b == tick;
}

double NavCamera::HeightAboveGround(const Simulation& sim) {
  const Eigen::Vector3d& c = sim.state().body.p_com_W_m;
  return c.z() - sim.terrain().HeightAt(c.x(), c.y());
}

double NavCamera::GroundShiftPx(const Simulation& sim, double shift_m) const {
  return fx_px_ * shift_m / std::max(HeightAboveGround(sim), params_.camera_min_height_m);
}

std::optional<flight_control::CameraFrame> NavCamera::Sample(const Simulation& sim) {
  const std::int64_t tick = sim.state().tick;
  const int rate = static_cast<int>(std::lround(params_.camera_rate_hz));
  if (!CaptureDue(tick, sim.step_us(), rate)) return std::nullopt;
  flight_control::CameraFrame frame;
  frame.capture_time_us = tick * sim.step_us();
  frame.delivery_time_us = frame.capture_time_us +
                           static_cast<std::int64_t>(std::llround(params_.camera_latency_s * 1e6));
  frame.timestamp_us = frame.capture_time_us;

  const BodyKinematics& body = sim.state().body;
  const terrain::Heightfield& ground = sim.terrain();
  const Eigen::Vector3d c = body.p_com_W_m;
  const double height = HeightAboveGround(sim);
  if (height < params_.camera_min_height_m) return frame;  // dust: nothing to track

  // Footprint half-size on level ground, with room for tilt; lattice coarsened so a frame
  // has at most a few times the tracker's budget of candidates.
  const double half =
      1.5 * height *
      std::max(params_.camera_width_px / (2.0 * fx_px_), params_.camera_height_px / (2.0 * fy_px_));
  const double reach = std::min(half, 150.0);
  int level = 0;
  double spacing = params_.camera_feature_spacing_m;
  while ((2.0 * reach / spacing) * (2.0 * reach / spacing) > 8.0 * params_.camera_max_features &&
         level < 12) {
    spacing *= 2.0;
    ++level;
  }
  const Eigen::Matrix3d R_BW = body.q_WB.toRotationMatrix().transpose();
  struct Seen {
    std::uint64_t id;
    double u, v;
  };
  std::vector<Seen> seen;
  const auto [i0, i1, j0, j1] = terrain::CellsCovering(c.head<2>(), c.head<2>(), spacing, reach);
  for (auto j = j0; j <= j1; ++j) {
    for (auto i = i0; i <= i1; ++i) {
      const std::uint64_t id = FeatureId(level, i, j);
      const double x = (i + Unit(Mix(id ^ 1))) * spacing, y = (j + Unit(Mix(id ^ 2))) * spacing;
      const double richness = region_ ? region_->TextureRichnessAt(x, y) : 0.5;
      if (Unit(Mix(id ^ 3)) >= richness) continue;
      // Camera frame: optical axis body -z, image columns towards body -y, rows towards -x.
      const Eigen::Vector3d d_B = R_BW * (Eigen::Vector3d(x, y, ground.HeightAt(x, y)) - c);
      const double depth = -d_B.z();
      if (depth <= 0.1) continue;
      const double u = 0.5 * params_.camera_width_px + fx_px_ * (-d_B.y()) / depth;
      const double v = 0.5 * params_.camera_height_px + fy_px_ * (-d_B.x()) / depth;
      if (u < 0.0 || v < 0.0 || u >= params_.camera_width_px || v >= params_.camera_height_px) {
        continue;
      }
      seen.push_back({id, u, v});
    }
  }
  // The tracker's budget: a stable subset (by id), so tracks persist from frame to frame.
  if (static_cast<int>(seen.size()) > params_.camera_max_features) {
    std::nth_element(seen.begin(), seen.begin() + params_.camera_max_features, seen.end(),
                     [](const Seen& a, const Seen& b) { return a.id < b.id; });
    seen.resize(params_.camera_max_features);
  }
  std::sort(seen.begin(), seen.end(), [](const Seen& a, const Seen& b) { return a.id < b.id; });
  for (const Seen& s : seen) {
    frame.features.push_back({s.id, s.u + params_.camera_pixel_noise_px * noise_.Next(),
                              s.v + params_.camera_pixel_noise_px * noise_.Next()});
  }
  return frame;
}

}  // namespace ingenuity::sim
