// `ingenuity-sim fly PLAN.yaml` and `ingenuity-sim check PLAN.yaml`: load and validate a
// scenario, fly it headless (scenarios/flight.h) and write telemetry.csv, summary.json and
// events.log into the output folder, whole or not at all; or check it without flying.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

#include "scenarios/flight.h"

namespace ingenuity::ui {

struct FlyOptions {
  std::string plan_file;
  std::string out_dir;  ///< empty: out/<plan name>
  std::optional<std::uint64_t> seed;
  std::string vehicle_file;
  std::string flight_software_file;
  bool quiet = false;  ///< no progress lines
};

/// Exit codes: 0 every expectation holds, 1 one fails, 2 bad input.
int RunFly(const FlyOptions& options, std::ostream& out, std::ostream& err);
int RunCheck(const FlyOptions& options, std::ostream& out, std::ostream& err);

/// The three outputs as text.
std::string TelemetryCsv(const scenarios::FlightResult& result);
std::string SummaryJson(const scenarios::Scenario& scenario, const scenarios::FlightResult& result);
std::string EventsLog(const scenarios::FlightResult& result);

}  // namespace ingenuity::ui
