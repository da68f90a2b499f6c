// Reads the flight software's belief file (assets/flight_software/*.yaml) into
// flight_control::FlightSoftwareParams (controller, estimator, mission executor): the composing
// layer opens files so that flight_control never does. Bad input throws sim::ConfigError with the
// file, line and key.
#pragma once

#include <string>

#include "flight_control/flight_software.h"

namespace ingenuity::ui {

/// Loads and validates. Throws sim::ConfigError.
flight_control::FlightSoftwareParams LoadFlightSoftwareFile(const std::string& path);

/// The shipped file (assets/flight_software/ingenuity_fsw.yaml).
std::string DefaultFlightSoftwareFile();

}  // namespace ingenuity::ui
