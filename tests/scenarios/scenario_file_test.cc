// The scenario format: the issue's own example loads as written; every kind of bad plan gets
// one message with the file, line, column and key; the format's document names every outcome
// and summary field.
#include "scenarios/scenario_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "terrain/jezero_terrain.h"
#include "tests/test_support.h"

namespace ingenuity::scenarios {
namespace {

const char* kFlight4 = R"(name: "Flight 4: 133 m south and back"
site: jezero
start: {lat_deg: 18.44486, lon_deg: 77.45102, heading_deg: 90}
environment: {density_kg_m3: 0.0165, wind_enu_mps: [0, 0, 0], turbulence: light}
vehicle: {rotor_rpm: 2537}
seed: 1
plan:
  - takeoff: {altitude_m: 5}
  - goto: {north_m: -133, east_m: 0, speed_mps: 3.5}
  - hover: {duration_s: 5}
  - yaw: {heading_deg: 180}
  - goto: {north_m: 0, east_m: 0, speed_mps: 3.5}
  - land: {}
faults:
  - {at_s: 54, nav_camera: drop_frame_skew_timestamps}
expect:
  outcome: landed
  duration_s: {min: 100, max: 135}
  landing_error_m: {max: 1.0}
)";

TEST(ScenarioFileTest, TheIssuesFlightFourExampleLoads) {
  const testing::TempFile f("flight4.yaml", kFlight4);
  const Scenario s = LoadScenarioFile(f.path());
  EXPECT_EQ(s.name, "Flight 4: 133 m south and back");
  EXPECT_EQ(s.terrain.site, "jezero");
  ASSERT_TRUE(s.start.lat_lon.has_value());
  EXPECT_DOUBLE_EQ(s.start.lat_lon->lat_deg, 18.44486);
  EXPECT_DOUBLE_EQ(s.start_heading_deg, 90.0);
  EXPECT_DOUBLE_EQ(*s.air.density_kg_m3, 0.0165);
  EXPECT_DOUBLE_EQ(s.wind.turbulence.wind_at_6m_mps, 3.0);
  EXPECT_DOUBLE_EQ(*s.rotor_rpm, 2537.0);
  ASSERT_EQ(s.plan.size(), 6u);
  EXPECT_DOUBLE_EQ(std::get<TakeoffStep>(s.plan[0].action).altitude_m, 5.0);
  const auto& out = std::get<GotoStep>(s.plan[1].action);
  EXPECT_DOUBLE_EQ(out.target.offset_en_m.y(), -133.0);
  EXPECT_DOUBLE_EQ(out.speed_mps, 3.5);
  EXPECT_EQ(s.plan[1].where.line, 9);
  EXPECT_DOUBLE_EQ(std::get<YawStep>(s.plan[3].action).heading_deg, 180.0);
  EXPECT_TRUE(std::holds_alternative<LandStep>(s.plan[5].action));
  ASSERT_EQ(s.faults.size(), 1u);
  EXPECT_EQ(s.faults[0].kind, FaultKind::kNavCameraDropFrameSkewTimestamps);
  EXPECT_DOUBLE_EQ(s.faults[0].at_s, 54.0);
  EXPECT_EQ(*s.expect.outcome, "landed");
  EXPECT_DOUBLE_EQ(*s.expect.ranges.at("duration_s").max, 135.0);
  EXPECT_DOUBLE_EQ(*s.expect.ranges.at("landing_error_m").max, 1.0);
  // On the built-in Jezero's coverage: no complaint.
  const terrain::JezeroParams jezero;
  EXPECT_NO_THROW(CheckPlanOnTerrain(s, terrain::LocalFrame(), [&](const Eigen::Vector2d& en) {
    return (en.array() >= jezero.min_en_m.array()).all() &&
           (en.array() <= jezero.max_en_m.array()).all();
  }));
}

// The message for the example with one text replaced, or "" if it loads.
std::string ErrorWith(const std::string& from, const std::string& to) {
  std::string text = kFlight4;
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
  const testing::TempFile f("plan.yaml", text);
  try {
    LoadScenarioFile(f.path());
  } catch (const sim::ConfigError& e) {
    const std::string m = e.what();
    // Always the file and a line:column first.
    EXPECT_EQ(m.rfind(f.path() + ":", 0), 0u) << m;
    return m.substr(f.path().size());
  }
  return "";
}

TEST(ScenarioFileTest, EachKindOfBadPlanGetsOneClearMessage) {
  struct Case {
    const char* what;
    std::string from, to, expected;
  };
  const std::vector<Case> cases = {
      {"YAML syntax error", "seed: 1", "seed: [1", "malformed YAML"},
      {"unknown key", "seed: 1", "seed: 1\nsede: 2", ":7:1: sede: unknown key"},
      {"wrong type", "{altitude_m: 5}", "{altitude_m: high}",
       ":8:27: plan[0].takeoff.altitude_m: expected a number in [0.5, 30], got 'high'"},
      {"negative speed", "speed_mps: 3.5}\n  - hover", "speed_mps: -1}\n  - hover",
       "plan[1].goto.speed_mps: expected a speed above 0 and at most 10 m/s, got -1"},
      {"above-limit speed", "speed_mps: 3.5}\n  - hover", "speed_mps: 12}\n  - hover",
       "plan[1].goto.speed_mps: expected a speed above 0 and at most 10 m/s, got 12"},
      {"altitude out of range", "{altitude_m: 5}", "{altitude_m: 80}",
       "plan[0].takeoff.altitude_m: expected a number in [0.5, 30], got 80"},
      {"non-finite number", "{duration_s: 5}", "{duration_s: .nan}",
       "plan[2].hover.duration_s: expected a finite number"},
      {"missing terrain file", "site: jezero", "site: gale.yaml",
       "site: expected 'jezero' or a terrain description file; not found"},
      {"unknown fault", "nav_camera: drop_frame_skew_timestamps", "nav_camera: lens_cap_on",
       "faults[0].nav_camera: unknown fault 'lens_cap_on'"},
      {"unknown fault kind", "nav_camera: drop_frame_skew_timestamps", "laser: broken",
       "faults[0].laser: unknown fault, expected one of nav_camera, altimeter, imu, gust"},
      {"unknown step", "  - hover: {duration_s: 5}", "  - hoover: {duration_s: 5}",
       ":10:5: plan[2].hoover: unknown, expected one of takeoff, goto, hover, yaw, land"},
      {"no takeoff first", "  - takeoff: {altitude_m: 5}\n", "",
       "plan[0]: expected the plan to begin with takeoff"},
      {"step after land", "  - land: {}", "  - land: {}\n  - hover: {duration_s: 1}",
       "plan[6]: expected no step after land"},
      {"both density and pressure", "density_kg_m3: 0.0165",
       "density_kg_m3: 0.0165, pressure_pa: 700",
       "environment.pressure_pa: give density_kg_m3 or pressure_pa, not both"},
      {"unknown outcome", "outcome: landed", "outcome: fine", "expect.outcome: expected one of"},
      {"unknown expectation", "landing_error_m: {max: 1.0}", "landing_eror_m: {max: 1.0}",
       "expect.landing_eror_m: unknown key"},
  };
  for (const Case& c : cases) {
    const std::string m = ErrorWith(c.from, c.to);
    EXPECT_NE(m.find(c.expected), std::string::npos) << c.what << ": " << m;
  }
  // Empty plan: the list emptied.
  std::string text = kFlight4;
  const size_t a = text.find("plan:"), b = text.find("faults:");
  text.replace(a, b - a, "plan: []\n");
  const testing::TempFile f("empty.yaml", text);
  try {
    LoadScenarioFile(f.path());
    FAIL() << "empty plan loaded";
  } catch (const sim::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("plan: expected a non-empty list of steps"),
              std::string::npos)
        << e.what();
  }
  // Missing scenario file.
  try {
    LoadScenarioFile("/nonexistent/plan.yaml");
    FAIL() << "missing file loaded";
  } catch (const sim::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/plan.yaml: file not found"),
              std::string::npos);
  }
  // A folder where the file should be.
  const std::string folder = std::filesystem::temp_directory_path().string();
  try {
    LoadScenarioFile(folder);
    FAIL() << "a folder loaded";
  } catch (const sim::ConfigError& e) {
    EXPECT_EQ(std::string(e.what()), folder + ": a directory, expected a file");
  }
}

TEST(ScenarioFileTest, WaypointOffTheTerrainIsReportedAtItsStep) {
  std::string text = kFlight4;
  text.replace(text.find("north_m: -133"), 13, "north_m: -9000");
  const testing::TempFile f("far.yaml", text);
  const Scenario s = LoadScenarioFile(f.path());
  const terrain::JezeroParams jezero;
  try {
    CheckPlanOnTerrain(s, terrain::LocalFrame(), [&](const Eigen::Vector2d& en) {
      return (en.array() >= jezero.min_en_m.array()).all() &&
             (en.array() <= jezero.max_en_m.array()).all();
    });
    FAIL() << "off-terrain waypoint accepted";
  } catch (const sim::ConfigError& e) {
    EXPECT_NE(
        std::string(e.what()).find(f.path() + ":9:5: plan[1].goto: at east 0 m, north -9000 m"),
        std::string::npos)
        << e.what();
  }
}

TEST(ScenarioFileTest, TheFormatsDocumentNamesEveryOutcomeAndSummaryField) {
  const std::string doc = testing::ReadText(std::string(INGENUITY_DOCS_DIR) + "/scenarios.md");
  for (const std::string& name : KnownOutcomes()) {
    EXPECT_NE(doc.find("`" + name + "`"), std::string::npos) << name;
  }
  for (const std::string& name : KnownSummaryFields()) {
    EXPECT_NE(doc.find("`" + name + "`"), std::string::npos) << name;
  }
  // Its example is the issue's, which loads (above).
  EXPECT_NE(doc.find(kFlight4), std::string::npos);
}

}  // namespace
}  // namespace ingenuity::scenarios
