// Flies a scenario: the truth simulation (sim/), its sensors with the scenario's faults, and
// the flight software (flight_control/) fed only by their messages, over the scenario's terrain
// and air. Records telemetry at 50 Hz, the events, and a summary checked against the
// scenario's expectations. Writes no files: the command line does (ui/fly_command.h).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "flight_control/flight_software.h"
#include "scenarios/scenario.h"
#include "sim/vehicle_params.h"
#include "terrain/terrain_source.h"

namespace ingenuity::scenarios {

/// Telemetry columns (names carry units) and one row per 20 ms.
const std::vector<std::string>& TelemetryColumns();
struct TelemetryRow {
  std::vector<double> values;  ///< in TelemetryColumns() order
  std::string mode;            ///< the executor's mode
};

/// The flight's figures (summary.json).
struct FlightSummary {
  std::string outcome = "landed";                      ///< KnownOutcomes()
  std::vector<std::pair<std::string, double>> fields;  ///< KnownSummaryFields() order
  double landing_lat_deg = 0.0, landing_lon_deg = 0.0;
  std::string land_now_reason;
  double Field(const std::string& name) const;
};

struct ExpectationResult {
  std::string name;      ///< "outcome" or a summary field
  std::string expected;  ///< e.g. "landed", "<= 1.0", "in [100, 135]"
  std::string actual;
  bool pass = false;
};

struct FlightResult {
  FlightSummary summary;
  std::vector<ExpectationResult> expectations;
  bool all_pass = true;
  std::vector<TelemetryRow> telemetry;
  std::vector<std::string> events;  ///< "  12.340 s  TAKEOFF: leg 1"
  std::uint64_t seed = 1;
  double simulated_s = 0.0;
  std::string terrain_provenance;
};

struct FlightOptions {
  std::optional<std::uint64_t> seed;  ///< overrides the scenario's
  bool record_telemetry = true;
  /// Called about every 10 simulated seconds with the time and the executor's mode.
  std::function<void(double time_s, const std::string& mode)> progress;
};

/// The terrain source a scenario names (built-in Jezero or its DTM). Throws DtmError.
std::unique_ptr<terrain::TerrainSource> ScenarioTerrain(const Scenario& scenario);

/// The start and each goto target in the local frame [m, east/north].
Eigen::Vector2d StartEn(const Scenario& scenario, const terrain::LocalFrame& frame);
std::vector<Eigen::Vector2d> PlanPointsEn(const Scenario& scenario,
                                          const terrain::LocalFrame& frame);

/// What a plan takes, worked out before it flies. Time: the plan flown from the scenario's
/// start by the flight software's executor on an ideal vehicle (flight_control::RehearsePlan).
/// Energy: drawn from the battery model (its internal losses included) by the avionics through
/// the preflight checks and the spin-down, and by hover power in the day's air from spin-up to
/// touchdown.
struct PlanEstimate {
  flight_control::Rehearsal rehearsal;
  bool trimmed = false;         ///< a hover trim exists in this air at this rotor speed
  double hover_power_w = 0.0;   ///< electrical, out of ground effect
  double energy_used_wh = 0.0;  ///< from the battery, as `fly` reports it
  double battery_wh = 0.0;      ///< the pack's nominal energy
};
PlanEstimate EstimatePlan(const Scenario& scenario, const terrain::LocalFrame& frame,
                          const sim::VehicleParams& vehicle,
                          const flight_control::FlightSoftwareParams& flight_software);

/// The terrain around the plan: the box holding the start and every goto target, widened by
/// margin_m on each side, sampled every spacing_m. Throws what the source throws.
terrain::TerrainRegion PlanRegion(const Scenario& scenario, const terrain::TerrainSource& source,
                                  double margin_m, double spacing_m);

/// Flies it. Throws sim::ConfigError / terrain::DtmError for input that turns out bad (a plan
/// off the terrain).
FlightResult FlyScenario(const Scenario& scenario, const sim::VehicleParams& vehicle,
                         const flight_control::FlightSoftwareParams& flight_software,
                         const FlightOptions& options);

}  // namespace ingenuity::scenarios
