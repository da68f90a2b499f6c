// Reads scenario files (scenarios/*.yaml). Every problem is one ConfigError naming the file,
// the line and column, the key and what was expected.
#pragma once

#include <functional>
#include <string>

#include "scenarios/scenario.h"
#include "sim/config_reader.h"

namespace ingenuity::scenarios {

/// Loads and validates everything that needs no terrain. Throws sim::ConfigError.
Scenario LoadScenarioFile(const std::string& path);

/// Checks that the start and every goto lie on the terrain, given the terrain's coverage in
/// the local frame (east/north). Throws sim::ConfigError at the offending step.
void CheckPlanOnTerrain(const Scenario& scenario, const terrain::LocalFrame& frame,
                        const std::function<bool(const Eigen::Vector2d&)>& covered);

}  // namespace ingenuity::scenarios
