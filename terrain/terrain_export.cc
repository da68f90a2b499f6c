#include "terrain/terrain_export.h"

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <array>
#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
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

// A 5 x 7 bitmap font for the label's letters, one string of five bits per row.
const std::map<char, std::array<const char*, 7>>& Font() {
  static const std::map<char, std::array<const char*, 7>> font = {
      {'A', {"01110", "10001", "10001", "11111", "10001", "10001", "10001"}},
      {'C', {"01111", "10000", "10000", "10000", "10000", "10000", "01111"}},
      {'D', {"11110", "10001", "10001", "10001", "10001", "10001", "11110"}},
      {'E', {"11111", "10000", "10000", "11110", "10000", "10000", "11111"}},
      {'H', {"10001", "10001", "10001", "11111", "10001", "10001", "10001"}},
      {'I', {"01110", "00100", "00100", "00100", "00100", "00100", "01110"}},
      {'J', {"00111", "00010", "00010", "00010", "00010", "10010", "01100"}},
      {'M', {"10001", "11011", "10101", "10101", "10001", "10001", "10001"}},
      {'N', {"10001", "11001", "10101", "10011", "10001", "10001", "10001"}},
      {'O', {"01110", "10001", "10001", "10001", "10001", "10001", "01110"}},
      {'R', {"11110", "10001", "10001", "11110", "10100", "10010", "10001"}},
      {'S', {"01111", "10000", "10000", "01110", "00001", "00001", "11110"}},
      {'T', {"11111", "00100", "00100", "00100", "00100", "00100", "00100"}},
      {'Y', {"10001", "10001", "01010", "00100", "00100", "00100", "00100"}},
      {'Z', {"11111", "00001", "00010", "00100", "01000", "10000", "11111"}},
      {'-', {"00000", "00000", "00000", "11111", "00000", "00000", "00000"}},
      {' ', {"00000", "00000", "00000", "00000", "00000", "00000", "00000"}},
  };
  return font;
}

// White capitals on a black box in the top-left corner, scaled to the image.
void StampLabel(const std::string& text, int w, int h, std::vector<unsigned char>* image) {
  const int scale = std::max(1, std::min(w, h) / 250), margin = 2 * scale;
  const int text_w = static_cast<int>(text.size()) * 6 * scale, text_h = 7 * scale;
  for (int y = 0; y < std::min(h, text_h + 2 * margin); ++y) {
    for (int x = 0; x < std::min(w, text_w + 2 * margin); ++x)
      (*image)[static_cast<size_t>(y) * w + x] = 0;
  }
  for (size_t c = 0; c < text.size(); ++c) {
    const auto it = Font().find(text[c]);
    if (it == Font().end()) continue;
    for (int row = 0; row < 7; ++row) {
      for (int col = 0; col < 5; ++col) {
        if (it->second[row][col] != '1') continue;
        for (int dy = 0; dy < scale; ++dy) {
          for (int dx = 0; dx < scale; ++dx) {
            const int x = margin + static_cast<int>(c) * 6 * scale + col * scale + dx;
            const int y = margin + row * scale + dy;
            if (x < w && y < h) (*image)[static_cast<size_t>(y) * w + x] = 255;
          }
        }
      }
    }
  }
}

struct DatasetCloser {
  void operator()(GDALDataset* d) const { GDALClose(d); }
};
using OwnedDataset = std::unique_ptr<GDALDataset, DatasetCloser>;

OwnedDataset Mem(int w, int h, GDALDataType type) {
  GDALAllRegister();
  return OwnedDataset(
      GetGDALDriverManager()->GetDriverByName("MEM")->Create("", w, h, 1, type, nullptr));
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
  const OwnedDataset mem = Mem(w, h, GDT_Float32);
  std::vector<float> rows(static_cast<size_t>(w) * h);
  for (int j = 0; j < h; ++j) {
    for (int i = 0; i < w; ++i) {
      rows[static_cast<size_t>(h - 1 - j) * w + i] =
          static_cast<float>(frame.ElevationOf(f.heights_m()[static_cast<size_t>(j) * w + i]));
    }
  }
  if (mem->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, w, h, rows.data(), w, h, GDT_Float32, 0, 0) !=
      CE_None) {
    throw std::runtime_error(path + ": cannot fill the raster in memory");
  }
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
  Commit(mem.get(), "GTiff", path);
}

void WriteHillshadePng(const TerrainRegion& region, const std::string& path) {
  const Heightfield& f = region.height;
  std::vector<unsigned char> shade = Hillshade(f);
  // Synthetic terrain says so in the picture itself, so no one takes it for a DTM.
  if (region.synthetic)
    StampLabel("SYNTHETIC JEZERO - NOT A DTM", f.count_east(), f.count_north(), &shade);
  const OwnedDataset mem = Mem(f.count_east(), f.count_north(), GDT_Byte);
  if (mem->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, f.count_east(), f.count_north(), shade.data(),
                                      f.count_east(), f.count_north(), GDT_Byte, 0, 0) != CE_None) {
    throw std::runtime_error(path + ": cannot fill the image in memory");
  }
  mem->SetMetadataItem("Description", ("hillshade of " + region.provenance).c_str());
  Commit(mem.get(), "PNG", path);
}

}  // namespace ingenuity::terrain
