// `fly` and `check` end to end: the three outputs written whole, the summary's fields, exit
// codes, and bad plans refused with one message, exit 2 and no output folder.
#include "ui/fly_command.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/test_support.h"
#include "tests/ui/cli_support.h"
#include "ui/cli.h"

namespace ingenuity::ui {
namespace {

namespace fs = std::filesystem;

using Result = testing::CliResult;
using testing::Invoke;

fs::path OutDir(const std::string& name) {
  return fs::temp_directory_path() / ("ingenuity_fly_" + std::to_string(::getpid())) / name;
}

const std::string kPlan = std::string(INGENUITY_SCENARIOS_DIR) + "/flight_01.yaml";

TEST(FlyCommandTest, WritesTelemetrySummaryAndEvents) {
  const fs::path dir = OutDir("flight_01");
  const Result r = Invoke({"fly", kPlan, "--out", dir.string(), "--quiet"});
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("outcome"), std::string::npos);
  ASSERT_TRUE(fs::exists(dir / "telemetry.csv"));
  ASSERT_TRUE(fs::exists(dir / "events.log"));
  std::ifstream in(dir / "summary.json");
  const nlohmann::json j = nlohmann::json::parse(in);
  for (const char* k :
       {"outcome", "duration_s", "max_altitude_agl_m", "held_altitude_agl_m",
        "max_ground_speed_mps", "horizontal_distance_m", "landing_lat_deg", "landing_lon_deg",
        "landing_error_m", "energy_used_wh", "battery_soc_end", "peak_power_w", "mean_power_w",
        "max_tilt_deg", "touchdown_vertical_speed_mps", "touchdown_horizontal_speed_mps",
        "expectations"}) {
    EXPECT_TRUE(j.contains(k)) << k;
  }
  EXPECT_EQ(j["outcome"], "landed");
  // Flight 1: about 40 s, 3 m, a few watt-hours, landed where it took off.
  EXPECT_NEAR(j["max_altitude_agl_m"].get<double>(), 3.0, 0.5);
  // The hover holds 3 m over the flat airfield to a few centimetres.
  EXPECT_NEAR(j["held_altitude_agl_m"].get<double>(), 3.0, 0.1);
  EXPECT_GT(j["energy_used_wh"].get<double>(), 2.0);
  EXPECT_LT(j["energy_used_wh"].get<double>(), 6.0);
  EXPECT_NEAR(j["landing_lat_deg"].get<double>(), 18.44486, 1e-4);
  const std::string events = testing::ReadText(dir / "events.log");
  for (const char* e : {"liftoff", "TAKEOFF", "YAW", "FINAL_DESCENT", "touchdown", "SPIN_DOWN"}) {
    EXPECT_NE(events.find(e), std::string::npos) << e;
  }
  // Nothing half-written beside it.
  for (const auto& entry : fs::directory_iterator(dir.parent_path())) {
    EXPECT_EQ(entry.path().filename().string().find(".partial"), std::string::npos);
  }
  fs::remove_all(dir.parent_path());
}

TEST(FlyCommandTest, AFailedExpectationExitsOne) {
  std::string s = testing::ReadText(kPlan);
  s.replace(s.find("duration_s: {min: 33.2, max: 45.0}"), 34, "duration_s: {min: 80, max: 90}");
  const testing::TempFile plan("too_long.yaml", s);
  const fs::path dir = OutDir("too_long");
  const Result r = Invoke({"fly", plan.path(), "--out", dir.string(), "--quiet"});
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("FAIL"), std::string::npos);
  EXPECT_TRUE(fs::exists(dir / "summary.json"));  // the flight's record is still written
  fs::remove_all(dir.parent_path());
}

// Each bad plan: exit 2, one message naming the file and line, and no output folder.
TEST(FlyCommandTest, BadPlansExitTwoWithoutOutput) {
  const std::string good = testing::ReadText(kPlan);
  struct Case {
    const char* name;
    std::string from, to, message;
  };
  const std::vector<Case> cases = {
      {"syntax", "plan:", "plan: [", "yaml"},
      {"unknown_key", "seed: 1", "seed: 1\nsede: 2", "unknown key"},
      {"wrong_type", "seed: 1", "seed: one", "seed"},
      {"negative_speed", "  - hover: {duration_s: 14}\n  - yaw",
       "  - goto: {east_m: 5, north_m: 0, speed_mps: -1}\n  - yaw", "speed_mps"},
      {"fast_speed", "  - hover: {duration_s: 14}\n  - yaw",
       "  - goto: {east_m: 5, north_m: 0, speed_mps: 12}\n  - yaw", "speed_mps"},
      {"altitude", "altitude_m: 3}", "altitude_m: 45}", "altitude_m"},
      {"off_terrain", "  - hover: {duration_s: 14}\n  - yaw",
       "  - goto: {east_m: 9000, north_m: 0, speed_mps: 5}\n  - yaw", "off the terrain"},
      {"non_finite", "altitude_m: 3}", "altitude_m: .nan}", "altitude_m"},
      {"empty_plan", "plan:\n", "plan: []\nunused:\n", "plan"},
      {"unknown_fault",
       "expect:", "faults:\n  - {at_s: 5, nav_camera: lens_cap}\nexpect:", "unknown fault"},
  };
  for (const Case& c : cases) {
    std::string s = good;
    ASSERT_NE(s.find(c.from), std::string::npos) << c.name;
    s.replace(s.find(c.from), c.from.size(), c.to);
    const testing::TempFile plan(std::string(c.name) + ".yaml", s);
    const fs::path dir = OutDir(c.name);
    const Result r = Invoke({"fly", plan.path(), "--out", dir.string(), "--quiet"});
    EXPECT_EQ(r.code, 2) << c.name << ": " << r.err;
    EXPECT_NE(r.err.find(plan.path() + ":"), std::string::npos) << c.name << ": " << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << c.name << ": " << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << c.name << ": " << r.err;
    EXPECT_FALSE(fs::exists(dir)) << c.name;
    EXPECT_TRUE(r.out.empty()) << c.name;
  }
  const Result missing = Invoke({"fly", "/nonexistent/plan.yaml", "--quiet"});
  EXPECT_EQ(missing.code, 2);
  EXPECT_NE(missing.err.find("/nonexistent/plan.yaml"), std::string::npos) << missing.err;
}

TEST(FlyCommandTest, CheckValidatesWithoutFlyingAndWarns) {
  const Result ok = Invoke({"check", kPlan});
  EXPECT_EQ(ok.code, 0) << ok.err;
  EXPECT_NE(ok.out.find("valid"), std::string::npos);
  EXPECT_NE(ok.out.find("Wh"), std::string::npos);
  EXPECT_NE(ok.out.find("landing site: slope"), std::string::npos);
  // A long hover warns about the battery.
  std::string s = testing::ReadText(kPlan);
  s.replace(s.find("duration_s: 14}"), 15, "duration_s: 300}");
  const testing::TempFile plan("long_hover.yaml", s);
  const Result warn = Invoke({"check", plan.path()});
  EXPECT_EQ(warn.code, 0);
  EXPECT_NE(warn.out.find("warning:"), std::string::npos) << warn.out;
  EXPECT_NE(warn.out.find("energy"), std::string::npos) << warn.out;
  const Result bad = Invoke({"check", "/nonexistent/plan.yaml"});
  EXPECT_EQ(bad.code, 2);
}

TEST(FlyCommandTest, CheckSeesRocksAndSlopesAtTheLandingSite) {
  // Flight 9's plan cut short over Seitah, on the built-in terrain: one site among rocks
  // (0.11 m about its plane within 1 m, where 1 m sampling saw 0.00), one on a crater's wall.
  const std::string f9 =
      testing::ReadText(std::string(INGENUITY_SCENARIOS_DIR) + "/flight_09.yaml");
  const auto landing_at = [&](const std::string& lat_lon) {
    std::string s = f9;
    const std::size_t from = s.find("  - goto:"), to = s.find("  - hover:");
    s.replace(from, to - from, "  - goto: {" + lat_lon + ", speed_mps: 5.0}\n");
    s.erase(s.find("  landing_error_m"));
    return s;
  };
  const testing::TempFile rocks("rocks.yaml",
                                landing_at("lat_deg: 18.43377346, lon_deg: 77.44859212"));
  const Result r = Invoke({"check", rocks.path()});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("landing site: roughness 0.11 m"), std::string::npos) << r.out;
  const testing::TempFile wall("wall.yaml",
                               landing_at("lat_deg: 18.43569782, lon_deg: 77.44981102"));
  const Result w = Invoke({"check", wall.path()});
  EXPECT_EQ(w.code, 0) << w.err;
  EXPECT_NE(w.out.find("landing site: slope 18.9 deg (more than 10)"), std::string::npos) << w.out;
}

TEST(FlyCommandTest, CheckTimesThePlanAsTheExecutorFliesIt) {
  // Flight 4 flies for 119.2 s (flight_test holds every file's timing to what it flies); a full
  // stop and a fixed settling time charged at every waypoint said 129 s.
  const Result r = Invoke({"check", std::string(INGENUITY_SCENARIOS_DIR) + "/flight_04.yaml"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("about 119 s in the air"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace ingenuity::ui
