#include "sim/wind.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace ingenuity::sim {
namespace {

TEST(WindTest, SteadyWindIsReturnedUnchanged) {
  WindParams p;
  p.steady_enu_mps = {3.0, -1.0, 0.0};
  WindState s(1);
  const Eigen::Vector3d w = StepWind(p, 0.0, 0.001, 5.0, Eigen::Vector3d::Zero(), &s);
  EXPECT_EQ(w, p.steady_enu_mps);
}

TEST(WindTest, DiscreteGustHasOneMinusCosineShape) {
  WindParams p;
  p.gusts.push_back({2.0, 1.0, {4.0, 0.0, 0.0}});
  WindState s(1);
  auto at = [&](double t) { return StepWind(p, t, 0.001, 5.0, Eigen::Vector3d::Zero(), &s).x(); };
  EXPECT_EQ(at(1.9), 0.0);
  EXPECT_NEAR(at(2.25), 2.0, 1e-12);  // (1 - cos(pi/2)) / 2 * 4
  EXPECT_NEAR(at(2.5), 4.0, 1e-12);   // the peak, mid-gust
  EXPECT_NEAR(at(3.0), 0.0, 1e-12);
  EXPECT_EQ(at(3.1), 0.0);
}

TEST(WindTest, DrydenTurbulenceHasTheSpecifiedIntensities) {
  // MIL-F-8785C low altitude at 20 ft (6.1 m) with 6 m/s at 6 m: sigma_w = 0.6 m/s and
  // sigma_u = sigma_v = sigma_w / (0.177 + 0.000823 h)^0.4. Over 2000 s the sample standard
  // deviations must come within 10 % (the correlation times, about 1-10 s, leave some
  // hundreds of independent samples).
  WindParams p;
  p.steady_enu_mps = {5.0, 0.0, 0.0};
  p.turbulence.wind_at_6m_mps = 6.0;
  WindState s(7);
  const double h_m = 20.0 / 3.280839895;
  const double sigma_w = 0.6, sigma_uv = sigma_w / std::pow(0.177 + 0.000823 * 20.0, 0.4);
  Eigen::Vector3d sum = Eigen::Vector3d::Zero(), sum_sq = Eigen::Vector3d::Zero();
  const int n = 2'000'000;
  for (int i = 0; i < n; ++i) {
    const Eigen::Vector3d w = StepWind(p, i * 0.001, 0.001, h_m, Eigen::Vector3d::Zero(), &s);
    const Eigen::Vector3d gust = w - p.steady_enu_mps;
    sum += gust;
    sum_sq += gust.cwiseProduct(gust);
  }
  const Eigen::Vector3d mean = sum / n;
  const Eigen::Vector3d sd = (sum_sq / n - mean.cwiseProduct(mean)).cwiseSqrt();
  EXPECT_NEAR(sd.x(), sigma_uv, 0.10 * sigma_uv);
  EXPECT_NEAR(sd.y(), sigma_uv, 0.10 * sigma_uv);
  EXPECT_NEAR(sd.z(), sigma_w, 0.10 * sigma_w);
  EXPECT_LT(mean.cwiseAbs().maxCoeff(), 0.25 * sigma_w);
}

TEST(WindTest, TurbulenceIsSeeded) {
  WindParams p;
  p.turbulence.wind_at_6m_mps = 6.0;
  auto series = [&](std::uint64_t seed) {
    WindState s(seed);
    Eigen::Vector3d last;
    for (int i = 0; i < 1000; ++i)
      last = StepWind(p, i * 0.001, 0.001, 3.0, Eigen::Vector3d::Zero(), &s);
    return last;
  };
  EXPECT_EQ(series(5), series(5));
  EXPECT_NE(series(5), series(6));
}

TEST(WindTest, TurbulenceStaysWithinItsIntensityOnTheClimbOutOfTheSurfaceLayer) {
  // A hover at 1 m, then a climb to 20 m: the correlation time L / V grows from about 2 s to
  // 40 s. The filters' states must carry their statistics across (an unscaled second-order
  // state amplified by T^1.5 gave 35 m/s "gusts" from 3 m/s turbulence). Light turbulence:
  // sigma_uv is at most 0.3 / 0.177^0.4 = 0.6 m/s, so 5 sigma is 3 m/s.
  WindParams p;
  p.turbulence.wind_at_6m_mps = 3.0;
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    WindState s(seed);
    double max_mps = 0.0;
    for (int i = 0; i < 60000; ++i) {
      const double t = i * 0.001;
      const double h = t < 30.0 ? 1.0 : std::min(20.0, 1.0 + (t - 30.0));
      // Hover jitter: a few cm/s, changing direction.
      const Eigen::Vector3d v(0.03 * std::sin(7.0 * t), 0.03 * std::cos(5.0 * t), 0.0);
      max_mps = std::max(max_mps, StepWind(p, t, 0.001, h, v, &s).norm());
    }
    EXPECT_LT(max_mps, 3.0) << "seed " << seed;
  }
}

TEST(WindTest, WindAxesHoldTheirDirectionWhileHovering) {
  // Centimetre-per-second jitter must not spin the wind axes: consecutive samples of the
  // turbulent wind differ by no more than the filters' own step (here well under 5 cm/s).
  WindParams p;
  p.turbulence.wind_at_6m_mps = 3.0;
  WindState s(3);
  Eigen::Vector3d last = Eigen::Vector3d::Zero();
  double max_jump_mps = 0.0;
  for (int i = 0; i < 20000; ++i) {
    const double t = i * 0.001;
    const Eigen::Vector3d v(0.02 * ((i / 37) % 2 ? 1.0 : -1.0), 0.0, 0.0);
    const Eigen::Vector3d w = StepWind(p, t, 0.001, 3.0, v, &s);
    if (i > 0) max_jump_mps = std::max(max_jump_mps, (w - last).head<2>().norm());
    last = w;
  }
  EXPECT_LT(max_jump_mps, 0.05);
}

}  // namespace
}  // namespace ingenuity::sim
