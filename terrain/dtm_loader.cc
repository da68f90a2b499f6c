#include "terrain/dtm_loader.h"

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <memory>
#include <mutex>
#include <vector>

namespace ingenuity::terrain {
namespace {

// Margin around the requested region, in DTM pixels.
constexpr int kWindowMargin_px = 3;

void RegisterOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    GDALAllRegister();
    CPLSetErrorHandler(CPLQuietErrorHandler);  // errors become our messages
  });
}

struct DatasetCloser {
  void operator()(GDALDataset* d) const { GDALClose(d); }
};
using Dataset = std::unique_ptr<GDALDataset, DatasetCloser>;

struct TransformDeleter {
  void operator()(OGRCoordinateTransformation* t) const {
    OGRCoordinateTransformation::DestroyCT(t);
  }
};
using Transform = std::unique_ptr<OGRCoordinateTransformation, TransformDeleter>;

Dataset Open(const std::string& path) {
  RegisterOnce();
  if (!std::filesystem::is_regular_file(path)) throw DtmError(path + ": file not found");
  Dataset d(static_cast<GDALDataset*>(GDALOpen(path.c_str(), GA_ReadOnly)));
  if (!d) {
    throw DtmError(path + ": not a raster GDAL can read (" + std::string(CPLGetLastErrorMsg()) +
                   ")");
  }
  if (d->GetRasterCount() < 1) throw DtmError(path + ": has no raster band");
  return d;
}

// Latitude/longitude (on the DTM's own body) to the DTM's CRS, and the affine pixel mapping.
struct Georef {
  Transform to_dtm, to_geo;
  double gt[6];
  double inv[6];
};

Georef MakeGeoref(GDALDataset* d, const std::string& path) {
  const OGRSpatialReference* srs = d->GetSpatialRef();
  if (srs == nullptr || srs->IsEmpty()) {
    throw DtmError(path + ": has no coordinate reference system (unknown projection)");
  }
  Georef g;
  if (d->GetGeoTransform(g.gt) != CE_None || !GDALInvGeoTransform(g.gt, g.inv)) {
    throw DtmError(path + ": has no usable georeferencing (geotransform)");
  }
  OGRSpatialReference dtm(*srs);
  dtm.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  std::unique_ptr<OGRSpatialReference> geo(dtm.CloneGeogCS());
  if (!geo) throw DtmError(path + ": its projection has no geographic base (unknown projection)");
  geo->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  g.to_dtm.reset(OGRCreateCoordinateTransformation(geo.get(), &dtm));
  g.to_geo.reset(OGRCreateCoordinateTransformation(&dtm, geo.get()));
  if (!g.to_dtm || !g.to_geo) {
    throw DtmError(path + ": cannot transform coordinates to its projection (unknown projection)");
  }
  const double a = dtm.GetSemiMajor();
  if (std::abs(a - kMarsMapRadius_m) > 20000.0) {
    throw DtmError(path + ": its body has a radius of " + std::to_string(a) +
                   " m, not Mars's (about 3,396 km)");
  }
  return g;
}

// Pixel coordinates (column, row; continuous, pixel centres at +0.5) of local E/N points.
void ToPixels(const Georef& g, const LocalFrame& frame, const std::vector<Eigen::Vector2d>& en,
              std::vector<double>* px, std::vector<double>* py, const std::string& path) {
  const size_t n = en.size();
  std::vector<double> x(n), y(n);
  for (size_t i = 0; i < n; ++i) {
    const LatLon ll = frame.EnToLatLon(en[i]);
    x[i] = ll.lon_deg;
    y[i] = ll.lat_deg;
  }
  std::vector<int> ok(n);
  if (!g.to_dtm->Transform(static_cast<int>(n), x.data(), y.data(), nullptr, ok.data())) {
    throw DtmError(path + ": cannot transform the region into the DTM's projection");
  }
  px->resize(n);
  py->resize(n);
  for (size_t i = 0; i < n; ++i) {
    (*px)[i] = g.inv[0] + g.inv[1] * x[i] + g.inv[2] * y[i];
    (*py)[i] = g.inv[3] + g.inv[4] * x[i] + g.inv[5] * y[i];
  }
}

// A window of the raster with invalid samples as NaN.
struct Window {
  int x0, y0, w, h;
  std::vector<double> v;
  double At(double col, double row) const {  // bilinear, pixel centres at +0.5
    const double cx = std::clamp(col - 0.5 - x0, 0.0, w - 1.0);
    const double cy = std::clamp(row - 0.5 - y0, 0.0, h - 1.0);
    const int i = std::min(static_cast<int>(cx), std::max(w - 2, 0));
    const int j = std::min(static_cast<int>(cy), std::max(h - 2, 0));
    const int i1 = std::min(i + 1, w - 1), j1 = std::min(j + 1, h - 1);
    const double fx = cx - i, fy = cy - j;
    const double* r0 = &v[static_cast<size_t>(j) * w];
    const double* r1 = &v[static_cast<size_t>(j1) * w];
    return (1 - fy) * ((1 - fx) * r0[i] + fx * r0[i1]) + fy * ((1 - fx) * r1[i] + fx * r1[i1]);
  }
};

Window ReadWindow(GDALDataset* d, const std::vector<double>& px, const std::vector<double>& py,
                  const std::string& path, bool fill_nodata) {
  const auto [xmin, xmax] = std::minmax_element(px.begin(), px.end());
  const auto [ymin, ymax] = std::minmax_element(py.begin(), py.end());
  const int W = d->GetRasterXSize(), H = d->GetRasterYSize();
  if (*xmax < 0.0 || *ymax < 0.0 || *xmin > W || *ymin > H) {
    throw DtmError(path + ": the region asked for lies outside the DTM");
  }
  if (*xmin < -0.5 || *ymin < -0.5 || *xmax > W + 0.5 || *ymax > H + 0.5) {
    throw DtmError(path + ": the region asked for is only partly inside the DTM");
  }
  Window win;
  win.x0 = std::max(0, static_cast<int>(std::floor(*xmin)) - kWindowMargin_px);
  win.y0 = std::max(0, static_cast<int>(std::floor(*ymin)) - kWindowMargin_px);
  const int x1 = std::min(W, static_cast<int>(std::ceil(*xmax)) + kWindowMargin_px);
  const int y1 = std::min(H, static_cast<int>(std::ceil(*ymax)) + kWindowMargin_px);
  win.w = x1 - win.x0;
  win.h = y1 - win.y0;
  win.v.resize(static_cast<size_t>(win.w) * win.h);
  GDALRasterBand* band = d->GetRasterBand(1);
  if (band->RasterIO(GF_Read, win.x0, win.y0, win.w, win.h, win.v.data(), win.w, win.h, GDT_Float64,
                     0, 0) != CE_None) {
    throw DtmError(path + ": read error (" + std::string(CPLGetLastErrorMsg()) + ")");
  }
  int has_nodata = 0;
  const double nodata = band->GetNoDataValue(&has_nodata);
  const double scale = band->GetScale(), offset = band->GetOffset();
  size_t valid = 0;
  for (double& x : win.v) {
    if ((has_nodata && x == nodata) || !std::isfinite(x)) {
      x = std::numeric_limits<double>::quiet_NaN();
    } else {
      x = x * scale + offset;
      ++valid;
    }
  }
  if (valid == 0) throw DtmError(path + ": the region holds no valid sample (all nodata)");
  if (fill_nodata && valid < win.v.size()) {
    // Fill holes from the mean of valid neighbours, ring by ring, until none is left.
    std::vector<double> next = win.v;
    bool any_left = true;
    while (any_left) {
      any_left = false;
      for (int j = 0; j < win.h; ++j) {
        for (int i = 0; i < win.w; ++i) {
          const size_t k = static_cast<size_t>(j) * win.w + i;
          if (!std::isnan(win.v[k])) continue;
          double sum = 0.0;
          int count = 0;
          for (int dj = -1; dj <= 1; ++dj) {
            for (int di = -1; di <= 1; ++di) {
              const int ii = i + di, jj = j + dj;
              if (ii < 0 || jj < 0 || ii >= win.w || jj >= win.h) continue;
              const double x = win.v[static_cast<size_t>(jj) * win.w + ii];
              if (!std::isnan(x)) sum += x, ++count;
            }
          }
          if (count > 0) {
            next[k] = sum / count;
          } else {
            any_left = true;
          }
        }
      }
      win.v = next;
    }
  }
  return win;
}

}  // namespace

std::string Mars2020MapWkt() {
  return "PROJCS[\"Mars2020_Science_Map_Equirectangular\","
         "GEOGCS[\"GCS_Mars_2000_Sphere\",DATUM[\"Mars_2000_Sphere\","
         "SPHEROID[\"Mars_2000_Sphere_IAU_IAG\",3396190,0]],"
         "PRIMEM[\"Reference_Meridian\",0],UNIT[\"degree\",0.0174532925199433]],"
         "PROJECTION[\"Equirectangular\"],PARAMETER[\"standard_parallel_1\",18.4663],"
         "PARAMETER[\"central_meridian\",0],PARAMETER[\"false_easting\",0],"
         "PARAMETER[\"false_northing\",0],UNIT[\"metre\",1]]";
}

DtmInfo ReadDtmInfo(const std::string& path, const LocalFrame& frame) {
  Dataset d = Open(path);
  const Georef g = MakeGeoref(d.get(), path);
  DtmInfo info;
  info.path = path;
  info.driver = d->GetDriver()->GetDescription();
  info.width_px = d->GetRasterXSize();
  info.height_px = d->GetRasterYSize();
  info.pixel_size_m = std::abs(g.gt[1]);
  info.crs_name = d->GetSpatialRef()->GetName() ? d->GetSpatialRef()->GetName() : "unnamed";
  double xs[4] = {g.gt[0], g.gt[0] + g.gt[1] * info.width_px, g.gt[0],
                  g.gt[0] + g.gt[1] * info.width_px + g.gt[2] * info.height_px};
  double ys[4] = {g.gt[3], g.gt[3], g.gt[3] + g.gt[5] * info.height_px,
                  g.gt[3] + g.gt[4] * info.width_px + g.gt[5] * info.height_px};
  if (!g.to_geo->Transform(4, xs, ys)) throw DtmError(path + ": cannot find its extent");
  info.south_west = {*std::min_element(ys, ys + 4), *std::min_element(xs, xs + 4)};
  info.north_east = {*std::max_element(ys, ys + 4), *std::max_element(xs, xs + 4)};
  info.min_en_m = frame.LatLonToEn(info.south_west);
  info.max_en_m = frame.LatLonToEn(info.north_east);
  GDALRasterBand* band = d->GetRasterBand(1);
  int has = 0;
  const double nodata = band->GetNoDataValue(&has);
  if (has) info.nodata = nodata;
  // Exact statistics, but sampled ones for mosaics too large to scan quickly.
  double minmax[2];
  const bool approximate = static_cast<double>(info.width_px) * info.height_px > 16e6;
  if (band->ComputeRasterMinMax(approximate, minmax) != CE_None) {
    throw DtmError(path + ": holds no valid sample (all nodata)");
  }
  info.min_elevation_m = minmax[0] * band->GetScale() + band->GetOffset();
  info.max_elevation_m = minmax[1] * band->GetScale() + band->GetOffset();
  return info;
}

TerrainRegion LoadDtmRegion(const std::string& path, const Eigen::Vector2d& min_en,
                            const Eigen::Vector2d& max_en, double spacing, const LocalFrame& frame,
                            const std::optional<std::string>& ortho) {
  if (!(spacing >= 0.05 && spacing <= 1000.0))
    throw DtmError(path + ": spacing must be 0.05-1000 m");
  if (!(min_en.x() < max_en.x() && min_en.y() < max_en.y())) {
    throw DtmError(path + ": the region asked for is empty");
  }
  const int nx = static_cast<int>(std::floor((max_en.x() - min_en.x()) / spacing)) + 1;
  const int ny = static_cast<int>(std::floor((max_en.y() - min_en.y()) / spacing)) + 1;
  std::vector<Eigen::Vector2d> en(static_cast<size_t>(nx) * ny);
  for (int j = 0; j < ny; ++j) {
    for (int i = 0; i < nx; ++i) {
      en[static_cast<size_t>(j) * nx + i] = {min_en.x() + i * spacing, min_en.y() + j * spacing};
    }
  }
  auto sample = [&](const std::string& file, bool fill) {
    Dataset d = Open(file);
    const Georef g = MakeGeoref(d.get(), file);
    std::vector<double> px, py;
    ToPixels(g, frame, en, &px, &py, file);
    const Window win = ReadWindow(d.get(), px, py, file, fill);
    std::vector<float> out(en.size());
    for (size_t k = 0; k < en.size(); ++k) out[k] = static_cast<float>(win.At(px[k], py[k]));
    return out;
  };
  std::vector<float> heights = sample(path, true);
  for (float& h : heights) h = static_cast<float>(frame.UpOf(h));
  TerrainRegion region{Heightfield(nx, ny, spacing, min_en, std::move(heights),
                                   "DTM " + std::filesystem::path(path).filename().string()),
                       {},
                       {},
                       false,
                       "DTM " + path};
  if (ortho) {
    std::vector<float> a = sample(*ortho, true);
    const float top = std::max(1.0f, *std::max_element(a.begin(), a.end()));
    for (float& x : a) x = std::clamp(x / (top > 1.0f ? 255.0f : 1.0f), 0.0f, 1.0f);
    region.albedo = std::move(a);
  } else {
    region.albedo.assign(en.size(), 0.2f);
  }
  // Texture richness from the local relief: the deviation of each sample from the mean of its
  // neighbours, 0 for a smooth surface, 1 from 5 cm (assumed), a proxy for trackable detail.
  region.texture_richness.assign(en.size(), 0.0f);
  const auto& h = region.height.heights_m();
  for (int j = 1; j + 1 < ny; ++j) {
    for (int i = 1; i + 1 < nx; ++i) {
      const size_t k = static_cast<size_t>(j) * nx + i;
      const double mean = 0.25 * (h[k - 1] + h[k + 1] + h[k - nx] + h[k + nx]);
      region.texture_richness[k] = static_cast<float>(std::min(1.0, std::abs(h[k] - mean) / 0.05));
    }
  }
  return region;
}

}  // namespace ingenuity::terrain
