#include "terrain/map_frame.h"

#include <gtest/gtest.h>

#include "terrain/control_points.h"

namespace ingenuity::terrain {
namespace {

TEST(MapFrameTest, ProjectionMatchesThePublishedEastingNorthingOfAllLandingSites) {
  const auto points = LoadControlPoints(JezeroControlPointsFile());
  ASSERT_EQ(points.size(), 73u);
  for (const ControlPoint& p : points) {
    const Eigen::Vector2d m = LatLonToMap(p.position);
    EXPECT_NEAR(m.x(), p.map_m.x(), 1e-3) << p.name;
    EXPECT_NEAR(m.y(), p.map_m.y(), 1e-3) << p.name;
    // Back from the published (mm-rounded) coordinates: 1 mm is 1.7e-8 deg on Mars.
    const LatLon back = MapToLatLon(p.map_m);
    EXPECT_NEAR(back.lat_deg, p.position.lat_deg, 1.7e-8) << p.name;
    EXPECT_NEAR(back.lon_deg, p.position.lon_deg, 1.7e-8) << p.name;
  }
}

TEST(MapFrameTest, LocalFrameIsCentredOnWrightBrothersField) {
  const LocalFrame frame;
  const Eigen::Vector3d origin = frame.ToEnu({18.44486, 77.45102}, -2570.0);
  EXPECT_NEAR(origin.norm(), 0.0, 1e-9);
  // One millidegree of latitude is R pi / 180 / 1000 = 59.27 m north.
  const Eigen::Vector2d north = frame.LatLonToEn({18.44586, 77.45102});
  EXPECT_NEAR(north.y(), 3396190.0 * 3.14159265358979 / 180.0 / 1000.0, 1e-3);
  EXPECT_NEAR(north.x(), 0.0, 1e-9);
  EXPECT_DOUBLE_EQ(frame.ElevationOf(frame.UpOf(-2400.0)), -2400.0);
}

TEST(MapFrameTest, ConversionsRoundTrip) {
  const LocalFrame frame;
  for (const Eigen::Vector2d en :
       {Eigen::Vector2d(-7226.9, 3108.2), Eigen::Vector2d(500.0, -1500.0)}) {
    const Eigen::Vector2d back = frame.LatLonToEn(frame.EnToLatLon(en));
    EXPECT_NEAR((back - en).norm(), 0.0, 1e-6);
    EXPECT_NEAR((frame.MapToEn(frame.EnToMap(en)) - en).norm(), 0.0, 1e-6);
  }
}

}  // namespace
}  // namespace ingenuity::terrain
