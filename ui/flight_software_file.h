// Reads the flight software's belief file (assets/flight_software/*.yaml) into
// flight_control::ControllerParams: the composing layer opens files so that flight_control
// never does. Bad input throws sim::ConfigError with the file, line and key.
#pragma once

#include <string>

#include "flight_control/controller.h"

namespace ingenuity::ui {

/// Loads and validates. Throws sim::ConfigError.
flight_control::ControllerParams LoadFlightSoftwareFile(const std::string& path);

/// The shipped file (assets/flight_software/ingenuity_fsw.yaml).
std::string DefaultFlightSoftwareFile();

/// The density the file's rotor figures were identified in [kg/m^3].
double FlightSoftwareReferenceDensity(const std::string& path);

}  // namespace ingenuity::ui
