#include "terrain/jezero_terrain.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ingenuity::terrain {
namespace {

const JezeroTerrain& Jezero() {
  static const JezeroTerrain terrain(LoadControlPoints(JezeroControlPointsFile()), JezeroParams{});
  return terrain;
}

TEST(JezeroTerrainTest, PassesWithinHalfAMetreOfEveryLandingSite) {
  const LocalFrame& frame = Jezero().frame();
  double worst = 0.0;
  for (const ControlPoint& p : LoadControlPoints(JezeroControlPointsFile())) {
    const Eigen::Vector2d en = frame.LatLonToEn(p.position);
    const TerrainRegion r =
        Jezero().Generate(en - Eigen::Vector2d(10, 10), en + Eigen::Vector2d(10, 10), 0.5);
    const double elevation = frame.ElevationOf(r.height.HeightAt(en.x(), en.y()));
    EXPECT_NEAR(elevation, p.elevation_m, 0.5) << p.name;
    worst = std::max(worst, std::abs(elevation - p.elevation_m));
  }
  RecordProperty("worst_landing_site_error_m", std::to_string(worst));
}

TEST(JezeroTerrainTest, IsLabelledSyntheticAndCoversTheFlights) {
  const TerrainRegion r = Jezero().Generate({-8000, -1500}, {-7990, -1490}, 0.5);
  EXPECT_TRUE(r.synthetic);
  EXPECT_NE(r.provenance.find("synthetic"), std::string::npos);
  EXPECT_NE(r.height.label().find("not a DTM"), std::string::npos);
  EXPECT_NO_THROW(Jezero().Generate({490, 3990}, {500, 4000}, 0.5));
  EXPECT_THROW(Jezero().Generate({-8100, 0}, {-7900, 10}, 0.5), std::out_of_range);
  EXPECT_THROW(Jezero().Generate({0, 0}, {10, 10}, 0.0), std::invalid_argument);
}

TEST(JezeroTerrainTest, DeterministicAndTheSameWhicheverBoundsAreAsked) {
  const TerrainRegion a = Jezero().Generate({-200, -300}, {-100, -200}, 0.5);
  const TerrainRegion b = Jezero().Generate({-200, -300}, {-100, -200}, 0.5);
  EXPECT_EQ(a.height.heights_m(), b.height.heights_m());
  // A larger region containing the first: the shared cells agree exactly.
  const TerrainRegion big = Jezero().Generate({-260, -340}, {-60, -140}, 0.5);
  double worst = 0.0;
  for (double e = -200; e <= -100; e += 7.5) {
    for (double n = -300; n <= -200; n += 7.5) {
      worst = std::max(worst, std::abs(a.height.HeightAt(e, n) - big.height.HeightAt(e, n)));
    }
  }
  EXPECT_LT(worst, 1e-3);  // only the 4 m regional grid's alignment differs
  JezeroParams other;
  other.seed = 2;
  const JezeroTerrain seeded(LoadControlPoints(JezeroControlPointsFile()), other);
  EXPECT_NE(seeded.Generate({-200, -300}, {-100, -200}, 0.5).height.heights_m(),
            a.height.heights_m());
}

TEST(JezeroTerrainTest, CarriesCratersRocksRipplesAndTheScarp) {
  // Crater floor near the landing site: rough at the metre scale, rich in features.
  const TerrainRegion plains = Jezero().Generate({100, -400}, {300, -200}, 0.5);
  double lo = 1e9, hi = -1e9, richness = 0.0;
  for (double e = 100; e <= 300; e += 0.5) {
    for (double n = -400; n <= -200; n += 0.5) {
      const double h = plains.height.HeightAt(e, n) - Jezero().RegionalUp({e, n});
      lo = std::min(lo, h);
      hi = std::max(hi, h);
      richness += plains.TextureRichnessAt(e, n);
    }
  }
  richness /= 401.0 * 401.0;
  EXPECT_LT(lo, -0.5);  // crater bowls
  EXPECT_GT(hi, 0.2);   // rims and rocks
  // Seitah's ripples: periodic relief of about the stated amplitude, few features.
  const TerrainRegion seitah = Jezero().Generate({-480, -850}, {-420, -790}, 0.5);
  double sand_richness = 0.0, ripple_hi = -1e9, ripple_lo = 1e9;
  for (double e = -480; e <= -420; e += 0.5) {
    const double h = seitah.height.HeightAt(e, -820) - Jezero().RegionalUp({e, -820});
    ripple_hi = std::max(ripple_hi, h);
    ripple_lo = std::min(ripple_lo, h);
    sand_richness += seitah.TextureRichnessAt(e, -820) / 121.0;
  }
  EXPECT_GT(ripple_hi - ripple_lo, 0.5);
  EXPECT_LT(sand_richness, 0.5 * richness);
  // The delta front: the regional surface rises steeply across the scarp line.
  const double below = Jezero().RegionalUp({-2400, 950}), above = Jezero().RegionalUp({-2600, 880});
  EXPECT_GT(above - below, 8.0);
}

}  // namespace
}  // namespace ingenuity::terrain
