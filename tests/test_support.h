// Shared helpers for the tests: the project's own vehicle file, trimmed controls.
#pragma once

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "sim/coaxial_rotor.h"
#include "sim/rotor_drive.h"
#include "sim/trim.h"
#include "sim/vehicle_file.h"

namespace ingenuity::testing {

/// A whole text file ("" if it cannot be read).
inline std::string ReadText(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The shipped vehicle, loaded once.
inline const sim::VehicleParams& DefaultVehicle() {
  static const sim::VehicleParams vehicle = sim::LoadVehicleFile(sim::DefaultVehicleFile());
  return vehicle;
}

/// Air at a surface density and 235 K.
inline sim::AirState AirAtDensity(double density_kg_m3) {
  sim::SurfaceConditions c;
  c.density_kg_m3 = density_kg_m3;
  return sim::MarsAtmosphere(c).surface();
}

inline sim::TrimResult Trim(double density_kg_m3, double rpm, double height_agl_m = 1e3,
                            double mass_kg = 1.8) {
  static const sim::CoaxialRotor rotor(DefaultVehicle().rotor, DefaultVehicle().airfoil);
  sim::TrimConditions c;
  c.air = AirAtDensity(density_kg_m3);
  c.rotor_speed_rad_s = sim::RpmToRadPerSec(rpm);
  c.mass_kg = mass_kg;
  c.height_agl_m = height_agl_m;
  return sim::SolveHoverTrim(rotor, DefaultVehicle().power, c);
}

/// A temporary file with the given text; removed when destroyed.
class TempFile {
 public:
  TempFile(const std::string& name, const std::string& text);
  ~TempFile();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace ingenuity::testing
