// Hover trim as a report: a table for people, JSON for programs.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "sim/mars_atmosphere.h"
#include "sim/trim.h"

namespace ingenuity::ui {

struct TrimReport {
  std::string vehicle_file;
  sim::AirState air;
  double rotor_speed_rpm = 0.0;
  double mass_kg = 0.0;
  double height_agl_m = 0.0;  ///< lower rotor above ground; infinite when out of ground effect
  sim::TrimResult trim;
};

nlohmann::json TrimReportJson(const TrimReport& report);
void PrintTrimTable(const TrimReport& report, std::ostream& out);

}  // namespace ingenuity::ui
