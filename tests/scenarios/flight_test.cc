// Every scenario file in scenarios/ flies and meets the expectations written in it (and logs its
// faults as they start, or, without faults, takes the time and energy `check` gives it); the same
// plan and seed give byte-identical telemetry, another seed other noise.
#include "scenarios/flight.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "scenarios/scenario_file.h"
#include "sim/vehicle_file.h"
#include "ui/flight_software_file.h"
#include "ui/fly_command.h"

namespace ingenuity::scenarios {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> ScenarioFiles() {
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(INGENUITY_SCENARIOS_DIR)) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

const sim::VehicleParams& Vehicle() {
  static const sim::VehicleParams vehicle = sim::LoadVehicleFile(sim::DefaultVehicleFile());
  return vehicle;
}

const flight_control::FlightSoftwareParams& Software() {
  static const flight_control::FlightSoftwareParams fsw =
      ui::LoadFlightSoftwareFile(ui::DefaultFlightSoftwareFile());
  return fsw;
}

FlightResult FlyFile(const std::string& path, std::optional<std::uint64_t> seed = std::nullopt) {
  FlightOptions options;
  options.seed = seed;
  return FlyScenario(LoadScenarioFile(path), Vehicle(), Software(), options);
}

class ScenarioFileTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ScenarioFileTest, FliesAndMeetsItsExpectations) {
  const FlightResult r = FlyFile(GetParam());
  ASSERT_FALSE(r.expectations.empty()) << GetParam() << " expects nothing";
  for (const ExpectationResult& e : r.expectations) {
    EXPECT_TRUE(e.pass) << GetParam() << ": " << e.name << " = " << e.actual << ", expected "
                        << e.expected;
  }
  // Without faults, the estimate `check` gives is what flies: the time within 2 s, the energy
  // within 10 % (it counts hover power only).
  const Scenario scenario = LoadScenarioFile(GetParam());
  if (!scenario.faults.empty()) {
    // Each fault is logged as it starts, at_s after take-off begins.
    const auto time_of = [&r](const std::string& text) {
      std::vector<double> times;
      for (const std::string& e : r.events) {
        if (e.find("  " + text) != std::string::npos) times.push_back(std::stod(e));
      }
      return times;
    };
    const std::vector<double> takeoff = time_of("fsw TAKEOFF");
    const std::vector<double> faults = time_of("fault: ");
    ASSERT_EQ(takeoff.size(), 1u) << GetParam();
    ASSERT_EQ(faults.size(), scenario.faults.size()) << GetParam();
    for (std::size_t k = 0; k < faults.size(); ++k) {
      EXPECT_NEAR(faults[k] - takeoff[0], scenario.faults[k].at_s, 0.0015) << GetParam();
    }
    return;
  }
  const PlanEstimate estimate =
      EstimatePlan(scenario, ScenarioTerrain(scenario)->frame(), Vehicle(), Software());
  ASSERT_TRUE(estimate.rehearsal.completed && estimate.trimmed) << GetParam();
  const double flown_s = r.summary.Field("duration_s");
  const double flown_wh = r.summary.Field("energy_used_wh");
  EXPECT_NEAR(estimate.rehearsal.airborne_s, flown_s, 2.0) << GetParam();
  EXPECT_NEAR(estimate.energy_used_wh, flown_wh, 0.1 * flown_wh) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(AllScenarios, ScenarioFileTest, ::testing::ValuesIn(ScenarioFiles()),
                         [](const auto& info) {
                           std::string n = fs::path(info.param).stem().string();
                           std::replace_if(
                               n.begin(), n.end(), [](char c) { return !std::isalnum(c); }, '_');
                           return n;
                         });

TEST(FlightTest, ThereAreScenariosForEveryKindOfUser) {
  const auto files = ScenarioFiles();
  EXPECT_GE(files.size(), 8u);
}

TEST(FlightTest, SameSeedGivesByteIdenticalTelemetryAnotherSeedOtherNoise) {
  const std::string plan = std::string(INGENUITY_SCENARIOS_DIR) + "/flight_01.yaml";
  const std::string a = ui::TelemetryCsv(FlyFile(plan, 7));
  const std::string b = ui::TelemetryCsv(FlyFile(plan, 7));
  const std::string c = ui::TelemetryCsv(FlyFile(plan, 8));
  EXPECT_GT(a.size(), 100000u);
  EXPECT_TRUE(a == b);
  EXPECT_FALSE(a == c);
}

TEST(FlightTest, TelemetryHeaderCarriesUnitsAndFiftyHertzRows) {
  const FlightResult r = FlyFile(std::string(INGENUITY_SCENARIOS_DIR) + "/flight_01.yaml");
  ASSERT_GT(r.telemetry.size(), 100u);
  EXPECT_NEAR(r.telemetry[1].values[0] - r.telemetry[0].values[0], 0.02, 1e-9);
  for (const std::string& c : TelemetryColumns()) {
    if (c == "features") continue;
    EXPECT_NE(c.find('_'), std::string::npos) << c << " names no unit";
  }
  // The estimate stays with the truth: within 0.5 m horizontally all flight.
  const auto& cols = TelemetryColumns();
  const auto at = [&](const char* n) {
    return std::find(cols.begin(), cols.end(), n) - cols.begin();
  };
  for (const TelemetryRow& row : r.telemetry) {
    const double de = row.values[at("est_east_m")] - row.values[at("east_m")];
    const double dn = row.values[at("est_north_m")] - row.values[at("north_m")];
    EXPECT_LT(std::hypot(de, dn), 0.5) << "at " << row.values[0] << " s";
  }
}

}  // namespace
}  // namespace ingenuity::scenarios
