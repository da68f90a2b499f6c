#include "ui/terrain_commands.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "terrain/csv.h"
#include "terrain/terrain_export.h"
#include "terrain/terrain_source.h"

namespace ingenuity::ui {
namespace {

// One clear line for any terrain failure.
class TerrainInputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::unique_ptr<terrain::TerrainSource> OpenSource(const TerrainOptions& o) {
  if (o.dtm) return terrain::MakeDtmSource(*o.dtm, o.ortho);
  if (o.site != "jezero") {
    throw TerrainInputError("--site: unknown site '" + o.site + "' (known: jezero)");
  }
  return terrain::MakeJezeroSource(o.seed);
}

template <typename F>
int Guarded(std::ostream& err, F&& f) {
  try {
    return f();
  } catch (const std::exception& e) {
    err << "ingenuity-sim: " << e.what() << "\n";
    return 2;
  }
}

double Number(const std::string& text, const std::string& where) {
  size_t used = 0;
  double v = 0.0;
  try {
    v = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size() || !std::isfinite(v)) {
    throw TerrainInputError(where + ": expected a finite number, got '" + text + "'");
  }
  return v;
}

}  // namespace

int RunTerrainInfo(const TerrainOptions& o, std::ostream& out, std::ostream& err) {
  return Guarded(err, [&] {
    const auto source = OpenSource(o);
    out << source->Describe();
    return 0;
  });
}

int RunTerrainProbe(const TerrainOptions& o, std::ostream& out, std::ostream& err) {
  return Guarded(err, [&] {
    std::ifstream in(o.points_csv);
    if (!in) throw TerrainInputError(o.points_csv + ": file not found");
    const auto source = OpenSource(o);
    std::ostringstream result;  // printed only when every row has been done
    result << std::fixed;
    std::string line;
    int line_number = 0, lat_col = -1, lon_col = -1;
    size_t columns = 0;
    while (std::getline(in, line)) {
      ++line_number;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty()) continue;
      const auto f = terrain::SplitCsvLine(line);
      const std::string where = o.points_csv + ":" + std::to_string(line_number);
      if (lat_col < 0) {
        for (size_t c = 0; c < f.size(); ++c) {
          if (f[c] == "lat_deg") lat_col = static_cast<int>(c);
          if (f[c] == "lon_deg") lon_col = static_cast<int>(c);
        }
        if (lat_col < 0 || lon_col < 0) {
          throw TerrainInputError(where + ": expected a header with lat_deg and lon_deg columns");
        }
        columns = f.size();
        result << line << ",elevation_m,slope_deg,east_m,north_m\n";
        continue;
      }
      if (f.size() != columns) {
        throw TerrainInputError(where + ": expected " + std::to_string(columns) + " columns");
      }
      const terrain::LatLon p{Number(f[lat_col], where + ": lat_deg"),
                              Number(f[lon_col], where + ": lon_deg")};
      const Eigen::Vector2d en = source->frame().LatLonToEn(p);
      auto region = [&] {
        try {
          return source->Region(en - Eigen::Vector2d(4, 4), en + Eigen::Vector2d(4, 4), 0.5);
        } catch (const std::exception& e) {
          throw TerrainInputError(where + ": " + e.what());
        }
      };
      const terrain::TerrainRegion r = region();
      result << line << "," << std::setprecision(3)
             << source->frame().ElevationOf(r.height.HeightAt(en.x(), en.y())) << ","
             << std::setprecision(2) << r.height.SlopeDegAt(en.x(), en.y()) << ","
             << std::setprecision(3) << en.x() << "," << en.y() << "\n";
    }
    if (lat_col < 0) throw TerrainInputError(o.points_csv + ": empty (expected a header)");
    out << result.str();
    return 0;
  });
}

int RunTerrainExport(const TerrainOptions& o, std::ostream& out, std::ostream& err) {
  return Guarded(err, [&] {
    const auto v = terrain::SplitCsvLine(o.bbox);
    if (v.size() != 4) throw TerrainInputError("--bbox: expected W,S,E,N in degrees");
    const double w = Number(v[0], "--bbox W"), s = Number(v[1], "--bbox S"),
                 e = Number(v[2], "--bbox E"), n = Number(v[3], "--bbox N");
    if (!(w < e && s < n)) throw TerrainInputError("--bbox: expected W < E and S < N");
    const std::filesystem::path tif(o.out);
    if (tif.extension() != ".tif" && tif.extension() != ".tiff") {
      throw TerrainInputError("--out: expected a .tif file name, got '" + o.out + "'");
    }
    const auto source = OpenSource(o);
    const Eigen::Vector2d lo = source->frame().LatLonToEn({s, w});
    const Eigen::Vector2d hi = source->frame().LatLonToEn({n, e});
    const double cells = (hi.x() - lo.x()) / o.spacing_m * (hi.y() - lo.y()) / o.spacing_m;
    if (cells > 64e6) {
      throw TerrainInputError("--bbox: " + std::to_string(static_cast<long long>(cells)) +
                              " cells at this spacing; at most 64 million (raise --spacing)");
    }
    const terrain::TerrainRegion r = source->Region(lo, hi, o.spacing_m);
    std::filesystem::path png = tif;
    png.replace_extension("");
    png += "_hillshade.png";
    terrain::WriteGeoTiff(r, source->frame(), tif.string());
    terrain::WriteHillshadePng(r, png.string());
    out << "wrote " << tif.string() << " (" << r.height.count_east() << " x "
        << r.height.count_north() << " px at " << o.spacing_m
        << " m, Mars 2020 science-map projection, " << r.provenance << ")\n"
        << "wrote " << png.string() << " (hillshade, sun from the north-west at 45 deg)\n";
    return 0;
  });
}

}  // namespace ingenuity::ui
