#include "terrain/control_points.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "tests/test_support.h"

namespace ingenuity::terrain {
namespace {

TEST(ControlPointsTest, TheProjectsJezeroTableHasEveryLandingSite) {
  const auto p = LoadControlPoints(JezeroControlPointsFile());
  ASSERT_EQ(p.size(), 73u);
  EXPECT_EQ(p.front().name, "flight 0 (Wright Brothers Field)");
  EXPECT_DOUBLE_EQ(p.front().elevation_m, -2570.0);
  EXPECT_EQ(p.back().name, "flight 72 (Airfield Chi)");
}

std::string ErrorOf(const std::string& text) {
  const testing::TempFile f("points.csv", text);
  try {
    LoadControlPoints(f.path());
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

TEST(ControlPointsTest, BadTablesNameTheFileAndLine) {
  const std::string header = "flight,airfield,lat_deg,lon_deg,elevation_m,easting_m,northing_m\n";
  EXPECT_NE(ErrorOf("a,b\n").find(":1: expected the header"), std::string::npos);
  EXPECT_NE(ErrorOf(header + "1,A,18.4,77.4,abc,1,2\n").find(":2: expected numbers"),
            std::string::npos);
  EXPECT_NE(ErrorOf(header + "1,A,18.4,77.4\n").find(":2: expected 7 columns"), std::string::npos);
  EXPECT_NE(ErrorOf(header).find("at least 3"), std::string::npos);
  EXPECT_THROW(LoadControlPoints("/nonexistent.csv"), std::runtime_error);
}

}  // namespace
}  // namespace ingenuity::terrain
