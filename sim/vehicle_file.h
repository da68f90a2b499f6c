// Reads the vehicle file (assets/vehicles/*.yaml) and the airfoil file it names into
// VehicleParams, validating every value. Bad input throws ConfigError with file, line, key.
#pragma once

#include <string>

#include "sim/config_reader.h"
#include "sim/vehicle_params.h"

namespace ingenuity::sim {

/// Loads and validates a vehicle file. Throws ConfigError.
VehicleParams LoadVehicleFile(const std::string& path);

/// Loads and validates an airfoil file. Throws ConfigError.
AirfoilParams LoadAirfoilFile(const std::string& path);

/// The vehicle file shipped with the project (assets/vehicles/ingenuity.yaml).
std::string DefaultVehicleFile();

}  // namespace ingenuity::sim
