// `ingenuity-sim terrain info | probe | export`.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

namespace ingenuity::ui {

struct TerrainOptions {
  std::string site = "jezero";
  std::optional<std::string> dtm;
  std::optional<std::string> ortho;
  std::uint64_t seed = 1;
  std::string points_csv;  ///< probe
  std::string bbox;        ///< export: "W,S,E,N" in degrees of longitude and latitude
  std::string out;         ///< export: the GeoTIFF
  double spacing_m = 0.5;  ///< export
};

/// Each returns the exit code; errors go to err as one line, and nothing to out.
int RunTerrainInfo(const TerrainOptions& o, std::ostream& out, std::ostream& err);
int RunTerrainProbe(const TerrainOptions& o, std::ostream& out, std::ostream& err);
int RunTerrainExport(const TerrainOptions& o, std::ostream& out, std::ostream& err);

}  // namespace ingenuity::ui
