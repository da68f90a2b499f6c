#include "terrain/terrain_export.h"

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <cmath>
#include <filesystem>
#include <numbers>
#include <stdexcept>
#include <vector>

#include "terrain/dtm_loader.h"

namespace ingenuity::terrain {
namespace {

// Writes the MEM dataset with the named driver under a temporary name, then renames it.
void Commit(GDALDataset* mem, const char* driver, const std::string& path) {
  const std::string tmp = path + ".partial";
  GDALDriver* d = GetGDALDriverManager()->GetDriverByName(driver);
  char** options = nullptr;
  if (std::string(driver) == "GTiff") options = CSLSetNameValue(options, "COMPRESS", "DEFLATE");
  GDALDataset* out = d->CreateCopy(tmp.c_str(), mem, FALSE, options, nullptr, nullptr);
  CSLDestroy(options);
  if (out == nullptr) {
    std::filesystem::remove(tmp);
    throw std::runtime_error(path + ": cannot write (" + std::string(CPLGetLastErrorMsg()) + ")");
  }
  GDALClose(out);
  std::filesystem::remove(tmp + ".aux.xml");
  std::filesystem::rename(tmp, path);
}

GDALDataset* Mem(int w, int h, GDALDataType type) {
  GDALAllRegister();
  return GetGDALDriverManager()->GetDriverByName("MEM")->Create("", w, h, 1, type, nullptr);
}

}  // namespace

std::vector<unsigned char> Hillshade(const Heightfield& f) {
  const int w = f.count_east(), h = f.count_north();
  const double s = f.spacing_m();
  const double az = 315.0 * std::numbers::pi / 180.0, alt = 45.0 * std::numbers::pi / 180.0;
  const auto& z = f.heights_m();
  auto at = [&](int i, int j) {
    i = std::clamp(i, 0, w - 1);
    j = std::clamp(j, 0, h - 1);
    return static_cast<double>(z[static_cast<size_t>(j) * w + i]);
  };
  std::vector<unsigned char> out(static_cast<size_t>(w) * h);
  for (int j = 0; j < h; ++j) {
    for (int i = 0; i < w; ++i) {
      const double dzdx = (at(i + 1, j) - at(i - 1, j)) / (2 * s);
      const double dzdy = (at(i, j + 1) - at(i, j - 1)) / (2 * s);  // towards north
      // Unit normal, and the sun's direction (azimuth clockwise from north).
      const double nx = -dzdx, ny = -dzdy, nz = 1.0, len = std::sqrt(nx * nx + ny * ny + 1.0);
      const double sx = std::sin(az) * std::cos(alt), sy = std::cos(az) * std::cos(alt),
                   sz = std::sin(alt);
      const double shade = std::max(0.0, (nx * sx + ny * sy + nz * sz) / len);
      out[static_cast<size_t>(h - 1 - j) * w + i] =
          static_cast<unsigned char>(std::lround(255 * shade));
    }
  }
  return out;
}

void WriteGeoTiff(const TerrainRegion& region, const LocalFrame& frame, const std::string& path) {
  const Heightfield& f = region.height;
  const int w = f.count_east(), h = f.count_north();
  GDALDataset* mem = Mem(w, h, GDT_Float32);
  std::vector<float> rows(static_cast<size_t>(w) * h);
  for (int j = 0; j < h; ++j) {
    for (int i = 0; i < w; ++i) {
      rows[static_cast<size_t>(h - 1 - j) * w + i] =
          static_cast<float>(frame.ElevationOf(f.heights_m()[static_cast<size_t>(j) * w + i]));
    }
  }
  mem->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, w, h, rows.data(), w, h, GDT_Float32, 0, 0);
  // The local grid is affine in the map projection: sample centres at origin + k spacing.
  const Eigen::Vector2d origin_map = frame.EnToMap(f.origin_en_m());
  const Eigen::Vector2d step_map =
      frame.EnToMap(f.origin_en_m() + Eigen::Vector2d::Constant(f.spacing_m())) - origin_map;
  const double top = origin_map.y() + (h - 1) * step_map.y();
  double gt[6] = {origin_map.x() - 0.5 * step_map.x(),
                  step_map.x(),
                  0.0,
                  top + 0.5 * step_map.y(),
                  0.0,
                  -step_map.y()};
  mem->SetGeoTransform(gt);
  OGRSpatialReference srs;
  srs.importFromWkt(Mars2020MapWkt().c_str());
  mem->SetSpatialRef(&srs);
  mem->SetMetadataItem("TIFFTAG_IMAGEDESCRIPTION", region.provenance.c_str());
  mem->GetRasterBand(1)->SetDescription("elevation above the MOLA areoid [m]");
  mem->GetRasterBand(1)->SetUnitType("m");
  Commit(mem, "GTiff", path);
  GDALClose(mem);
}

void WriteHillshadePng(const TerrainRegion& region, const std::string& path) {
  const Heightfield& f = region.height;
  std::vector<unsigned char> shade = Hillshade(f);
  GDALDataset* mem = Mem(f.count_east(), f.count_north(), GDT_Byte);
  mem->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, f.count_east(), f.count_north(), shade.data(),
                                  f.count_east(), f.count_north(), GDT_Byte, 0, 0);
  mem->SetMetadataItem("Description", ("hillshade of " + region.provenance).c_str());
  Commit(mem, "PNG", path);
  GDALClose(mem);
}

}  // namespace ingenuity::terrain
