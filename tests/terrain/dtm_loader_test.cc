// Real DTMs through GDAL: files with known georeferencing and values, written by the tests
// (GeoTIFF and ISIS3 through GDAL; PDS3, which GDAL reads but cannot write, as a hand-made
// label and raw samples), read back exactly; the windowed read of a 20,000 x 20,000 px
// mosaic in bounded memory; and every kind of bad DTM.
#include "terrain/dtm_loader.h"

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogr_spatialref.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

namespace ingenuity::terrain {
namespace {

namespace fs = std::filesystem;

// The raster: upper-left corner in Mars 2020 map metres, a little north-west of Wright
// Brothers Field (easting 4354501.6, northing 1093313.7).
constexpr double kUlx = 4354400.0, kUly = 1093400.0, kPixel = 1.0;
constexpr int kW = 200, kH = 180;

// Known elevations: a tilted plane [m], exact in float at the sample points.
float Plane(int col, int row) { return -2570.0f + 0.015625f * col + 0.03125f * row; }

class DtmLoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    GDALAllRegister();
    dir_ = fs::temp_directory_path() / ("ingenuity_dtm_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Writes a raster through GDAL with the Mars 2020 projection (or another WKT).
  std::string WriteRaster(const std::string& name, const char* driver,
                          const std::function<float(int, int)>& value,
                          std::optional<double> nodata = std::nullopt,
                          const std::string& wkt = Mars2020MapWkt(), bool georef = true,
                          double ulx = kUlx) {
    const std::string path = (dir_ / name).string();
    GDALDriver* d = GetGDALDriverManager()->GetDriverByName(driver);
    GDALDataset* ds = d->Create(path.c_str(), kW, kH, 1, GDT_Float32, nullptr);
    if (georef) {
      double gt[6] = {ulx, kPixel, 0.0, kUly, 0.0, -kPixel};
      ds->SetGeoTransform(gt);
      OGRSpatialReference srs;
      srs.importFromWkt(wkt.c_str());
      ds->SetSpatialRef(&srs);
    }
    std::vector<float> data(static_cast<size_t>(kW) * kH);
    for (int j = 0; j < kH; ++j) {
      for (int i = 0; i < kW; ++i) data[static_cast<size_t>(j) * kW + i] = value(i, j);
    }
    GDALRasterBand* band = ds->GetRasterBand(1);
    if (nodata) band->SetNoDataValue(*nodata);
    EXPECT_EQ(band->RasterIO(GF_Write, 0, 0, kW, kH, data.data(), kW, kH, GDT_Float32, 0, 0),
              CE_None);
    GDALClose(ds);
    return path;
  }

  // The elevation the plane gives at a local east/north (pixel centres at +0.5).
  static double PlaneAt(const LocalFrame& frame, const Eigen::Vector2d& en) {
    const Eigen::Vector2d m = frame.EnToMap(en);
    const double col = (m.x() - kUlx) / kPixel - 0.5, row = (kUly - m.y()) / kPixel - 0.5;
    return -2570.0 + 0.015625 * col + 0.03125 * row;
  }

  void ExpectPlane(const TerrainRegion& r, const LocalFrame& frame) {
    double worst = 0.0;
    for (double e = -60.0; e <= 60.0; e += 3.7) {
      for (double n = -40.0; n <= 40.0; n += 2.9) {
        const double got = frame.ElevationOf(r.height.HeightAt(e, n));
        worst = std::max(worst, std::abs(got - PlaneAt(frame, {e, n})));
      }
    }
    // Float samples near -2570 m resolve 0.25 mm; bilinear is exact on a plane.
    EXPECT_LT(worst, 2e-3);
  }

  // Reads the file back through GDAL: the raster's georeferencing (and its projection is the
  // Mars 2020 one) and every sample, bit for bit.
  static void ExpectExactReadBack(const std::string& path) {
    GDALDataset* ds = static_cast<GDALDataset*>(GDALOpen(path.c_str(), GA_ReadOnly));
    ASSERT_NE(ds, nullptr);
    double gt[6];
    ds->GetGeoTransform(gt);
    EXPECT_DOUBLE_EQ(gt[0], kUlx);
    EXPECT_DOUBLE_EQ(gt[3], kUly);
    EXPECT_DOUBLE_EQ(gt[1], kPixel);
    EXPECT_DOUBLE_EQ(gt[5], -kPixel);
    OGRSpatialReference expected;
    expected.importFromWkt(Mars2020MapWkt().c_str());
    const OGRSpatialReference* srs = ds->GetSpatialRef();
    ASSERT_NE(srs, nullptr);
    EXPECT_DOUBLE_EQ(srs->GetNormProjParm(SRS_PP_STANDARD_PARALLEL_1), kMapStandardParallel_deg);
    EXPECT_DOUBLE_EQ(srs->GetSemiMajor(), kMarsMapRadius_m);
    std::vector<float> back(static_cast<size_t>(kW) * kH);
    ASSERT_EQ(ds->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, kW, kH, back.data(), kW, kH,
                                             GDT_Float32, 0, 0),
              CE_None);
    GDALClose(ds);
    for (int j = 0; j < kH; ++j) {
      for (int i = 0; i < kW; ++i) ASSERT_EQ(back[static_cast<size_t>(j) * kW + i], Plane(i, j));
    }
  }

  fs::path dir_;
};

TEST_F(DtmLoaderTest, GeoTiffRoundTripIsExactAndResamplesIntoTheLocalFrame) {
  const std::string path = WriteRaster("plane.tif", "GTiff", Plane);
  ExpectExactReadBack(path);
  const LocalFrame frame;
  const DtmInfo info = ReadDtmInfo(path, frame);
  EXPECT_EQ(info.driver, "GTiff");
  EXPECT_EQ(info.width_px, kW);
  EXPECT_NEAR(info.min_elevation_m, Plane(0, 0), 1e-3);
  EXPECT_NEAR(info.max_elevation_m, Plane(kW - 1, kH - 1), 1e-3);
  const TerrainRegion r = LoadDtmRegion(path, {-60, -40}, {60, 40}, 0.5, frame);
  EXPECT_FALSE(r.synthetic);
  ExpectPlane(r, frame);
}

// A PDS3 image with an attached label (GDAL's PDS driver reads PDS3 but cannot write it).
TEST_F(DtmLoaderTest, Pds3ImageReadsWithItsGeoreferencing) {
  constexpr int kLabelRecords = 8;
  std::string label =
      "PDS_VERSION_ID = PDS3\r\nRECORD_TYPE = FIXED_LENGTH\r\nRECORD_BYTES = " +
      std::to_string(kW * 4) + "\r\nFILE_RECORDS = " + std::to_string(kH + kLabelRecords) +
      "\r\nLABEL_RECORDS = " + std::to_string(kLabelRecords) +
      "\r\n^IMAGE = " + std::to_string(kLabelRecords + 1) +
      "\r\nOBJECT = IMAGE_MAP_PROJECTION\r\n  MAP_PROJECTION_TYPE = \"EQUIRECTANGULAR\"\r\n"
      "  A_AXIS_RADIUS = 3396.19 <KM>\r\n  B_AXIS_RADIUS = 3396.19 <KM>\r\n"
      "  C_AXIS_RADIUS = 3396.19 <KM>\r\n  CENTER_LATITUDE = 18.4663 <DEG>\r\n"
      "  CENTER_LONGITUDE = 0.0 <DEG>\r\n  MAP_SCALE = 1.0 <METERS/PIXEL>\r\n"
      "  SAMPLE_PROJECTION_OFFSET = " +
      std::to_string(-kUlx / kPixel - 0.5) +
      " <PIXEL>\r\n  LINE_PROJECTION_OFFSET = " + std::to_string(kUly / kPixel - 0.5) +
      " <PIXEL>\r\n  POSITIVE_LONGITUDE_DIRECTION = EAST\r\nEND_OBJECT = IMAGE_MAP_PROJECTION\r\n"
      "OBJECT = IMAGE\r\n  LINES = " +
      std::to_string(kH) + "\r\n  LINE_SAMPLES = " + std::to_string(kW) +
      "\r\n  SAMPLE_TYPE = PC_REAL\r\n  SAMPLE_BITS = 32\r\nEND_OBJECT = IMAGE\r\nEND\r\n";
  ASSERT_LE(label.size(), static_cast<size_t>(kLabelRecords * kW * 4));
  label.resize(kLabelRecords * kW * 4, ' ');
  const std::string path = (dir_ / "plane.img").string();
  {
    std::ofstream out(path, std::ios::binary);
    out << label;
    for (int j = 0; j < kH; ++j) {
      for (int i = 0; i < kW; ++i) {
        const float v = Plane(i, j);  // little-endian host, PC_REAL
        out.write(reinterpret_cast<const char*>(&v), sizeof v);
      }
    }
  }
  // GDAL decodes the label's georeferencing and the samples exactly.
  ExpectExactReadBack(path);
  const LocalFrame frame;
  EXPECT_EQ(ReadDtmInfo(path, frame).driver, "PDS");
  ExpectPlane(LoadDtmRegion(path, {-60, -40}, {60, 40}, 0.5, frame), frame);
}

TEST_F(DtmLoaderTest, IsisCubeRoundTrip) {
  const std::string path = WriteRaster("plane.cub", "ISIS3", Plane);
  const LocalFrame frame;
  EXPECT_EQ(ReadDtmInfo(path, frame).driver, "ISIS3");
  ExpectPlane(LoadDtmRegion(path, {-60, -40}, {60, 40}, 0.5, frame), frame);
}

TEST_F(DtmLoaderTest, AnotherProjectionIsResampledIntoTheLocalFrame) {
  // Equirectangular with central meridian 77.45 E and standard parallel 0: x = R (lon -
  // 77.45 deg), metres of longitude 5 % longer than in the Mars 2020 projection.
  const std::string wkt =
      "PROJCS[\"Mars_Equirectangular_77E\",GEOGCS[\"GCS_Mars_2000_Sphere\","
      "DATUM[\"Mars_2000_Sphere\",SPHEROID[\"Mars_2000_Sphere_IAU_IAG\",3396190,0]],"
      "PRIMEM[\"Reference_Meridian\",0],UNIT[\"degree\",0.0174532925199433]],"
      "PROJECTION[\"Equirectangular\"],PARAMETER[\"standard_parallel_1\",0],"
      "PARAMETER[\"central_meridian\",77.45],PARAMETER[\"false_easting\",0],"
      "PARAMETER[\"false_northing\",0],UNIT[\"metre\",1]]";
  const double ulx = -40.0;
  const std::string path = WriteRaster("other.tif", "GTiff", Plane, std::nullopt, wkt, true, ulx);
  const LocalFrame frame;
  const TerrainRegion r = LoadDtmRegion(path, {-40, -40}, {60, 40}, 0.5, frame);
  constexpr double kDegToRad = 3.14159265358979323846 / 180.0;
  double worst = 0.0;
  for (double e = -40.0; e <= 60.0; e += 3.7) {
    for (double n = -40.0; n <= 40.0; n += 2.9) {
      const LatLon ll = frame.EnToLatLon({e, n});
      const double x = kMarsMapRadius_m * (ll.lon_deg - 77.45) * kDegToRad;
      const double y = kMarsMapRadius_m * ll.lat_deg * kDegToRad;
      const double col = (x - ulx) / kPixel - 0.5, row = (kUly - y) / kPixel - 0.5;
      const double expected = -2570.0 + 0.015625 * col + 0.03125 * row;
      worst = std::max(worst, std::abs(frame.ElevationOf(r.height.HeightAt(e, n)) - expected));
    }
  }
  EXPECT_LT(worst, 2e-3);
}

TEST_F(DtmLoaderTest, NodataHolesAreFilledFromTheirNeighbours) {
  const std::string path = WriteRaster(
      "holes.tif", "GTiff",
      [](int i, int j) {
        return (i > 90 && i < 110 && j > 80 && j < 100) ? -32768.0f : Plane(i, j);
      },
      -32768.0);
  const LocalFrame frame;
  const TerrainRegion r = LoadDtmRegion(path, {-60, -40}, {60, 40}, 0.5, frame);
  double worst = 0.0;
  for (float h : r.height.heights_m())
    worst = std::max(worst, std::abs(frame.ElevationOf(h) + 2570.0));
  // Filled with local means: within the plane's own relief over the region (a few metres),
  // and nowhere near the nodata value.
  EXPECT_LT(worst, 10.0);
}

TEST_F(DtmLoaderTest, OrthoimageLoadsAsAlbedo) {
  const std::string dtm = WriteRaster("plane.tif", "GTiff", Plane);
  const std::string ortho = WriteRaster("ortho.tif", "GTiff", [](int i, int) {
    return i < kW / 2 ? 51.0f : 204.0f;  // 0.2 and 0.8 of full scale
  });
  const LocalFrame frame;
  const TerrainRegion r = LoadDtmRegion(dtm, {-60, -40}, {60, 40}, 0.5, frame, ortho);
  // The raster's middle column is at easting kUlx + 100 m.
  const double mid_e = frame.MapToEn({kUlx + 100.0, 1093313.7}).x();
  EXPECT_NEAR(r.AlbedoAt(mid_e - 20.0, 0.0), 0.2f, 1e-3);
  EXPECT_NEAR(r.AlbedoAt(mid_e + 20.0, 0.0), 0.8f, 1e-3);
}

std::string ErrorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const DtmError& e) {
    return e.what();
  }
  return "";
}

TEST_F(DtmLoaderTest, BadDtmsGetOneClearMessage) {
  const LocalFrame frame;
  const Eigen::Vector2d lo(-20, -20), hi(20, 20);
  EXPECT_NE(ErrorOf([&] {
              LoadDtmRegion("/nonexistent.tif", lo, hi, 1.0, frame);
            }).find("/nonexistent.tif: file not found"),
            std::string::npos);
  const std::string corrupt = (dir_ / "corrupt.tif").string();
  std::ofstream(corrupt) << "II*\0 this is not a TIFF";
  EXPECT_NE(ErrorOf([&] {
              LoadDtmRegion(corrupt, lo, hi, 1.0, frame);
            }).find("not a raster GDAL can read"),
            std::string::npos);
  const std::string bare = WriteRaster("bare.tif", "GTiff", Plane, std::nullopt, "", false);
  EXPECT_NE(ErrorOf([&] { LoadDtmRegion(bare, lo, hi, 1.0, frame); }).find("unknown projection"),
            std::string::npos);
  OGRSpatialReference earth;
  earth.importFromEPSG(32633);
  char* wkt = nullptr;
  earth.exportToWkt(&wkt);
  const std::string on_earth = WriteRaster("earth.tif", "GTiff", Plane, std::nullopt, wkt);
  CPLFree(wkt);
  EXPECT_NE(ErrorOf([&] { LoadDtmRegion(on_earth, lo, hi, 1.0, frame); }).find("not Mars"),
            std::string::npos);
  const std::string plane = WriteRaster("plane.tif", "GTiff", Plane);
  EXPECT_NE(ErrorOf([&] {
              LoadDtmRegion(plane, {5000, 5000}, {5100, 5100}, 1.0, frame);
            }).find("outside the DTM"),
            std::string::npos);
  const std::string empty = WriteRaster(
      "nodata.tif", "GTiff", [](int, int) { return -32768.0f; }, -32768.0);
  EXPECT_NE(ErrorOf([&] { LoadDtmRegion(empty, lo, hi, 1.0, frame); }).find("all nodata"),
            std::string::npos);
}

// A 20,000 x 20,000 px compressed GeoTIFF (1.6 GB of samples): the flight region is read in
// a child process whose peak resident memory must stay under 500 MB.
TEST_F(DtmLoaderTest, WindowedReadOfAHugeMosaicStaysInBoundedMemory) {
  constexpr int kSize = 20000, kBlock = 512;
  const std::string path = (dir_ / "mosaic.tif").string();
  {
    CPLSetConfigOption("GDAL_CACHEMAX", "64");
    char** options = nullptr;
    options = CSLSetNameValue(options, "TILED", "YES");
    options = CSLSetNameValue(options, "BLOCKXSIZE", "512");
    options = CSLSetNameValue(options, "BLOCKYSIZE", "512");
    options = CSLSetNameValue(options, "COMPRESS", "DEFLATE");
    options = CSLSetNameValue(options, "ZLEVEL", "1");
    options = CSLSetNameValue(options, "BIGTIFF", "YES");
    GDALDataset* ds = GetGDALDriverManager()->GetDriverByName("GTiff")->Create(
        path.c_str(), kSize, kSize, 1, GDT_Float32, options);
    CSLDestroy(options);
    ASSERT_NE(ds, nullptr);
    // Centred on Wright Brothers Field.
    double gt[6] = {4354501.6 - kSize / 2.0, 1.0, 0.0, 1093313.7 + kSize / 2.0, 0.0, -1.0};
    ds->SetGeoTransform(gt);
    OGRSpatialReference srs;
    srs.importFromWkt(Mars2020MapWkt().c_str());
    ds->SetSpatialRef(&srs);
    GDALRasterBand* band = ds->GetRasterBand(1);
    std::vector<float> block(kBlock * kBlock);
    for (int by = 0; by < kSize / kBlock + 1; ++by) {
      for (int bx = 0; bx < kSize / kBlock + 1; ++bx) {
        // Each block a level step: -2570 m plus its block column, cheap to compress.
        std::fill(block.begin(), block.end(), -2570.0f + static_cast<float>(bx % 7));
        ASSERT_EQ(band->WriteBlock(bx, by, block.data()), CE_None);
      }
    }
    GDALClose(ds);
    CPLSetConfigOption("GDAL_CACHEMAX", nullptr);
  }
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    int status = 0;
    try {
      const LocalFrame frame;
      const TerrainRegion r = LoadDtmRegion(path, {-200, -150}, {200, 150}, 0.5, frame);
      const double h = frame.ElevationOf(r.height.HeightAt(0.0, 0.0));
      status = (h > -2571.0 && h < -2562.0) ? 0 : 3;
    } catch (...) {
      status = 4;
    }
    std::_Exit(status);
  }
  int status = 0;
  struct rusage usage {};
  ASSERT_EQ(::wait4(child, &status, 0, &usage), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  const double peak_mb = usage.ru_maxrss / 1024.0;  // kilobytes on Linux
  RecordProperty("peak_rss_mb", std::to_string(peak_mb));
  EXPECT_LT(peak_mb, 500.0);
}

}  // namespace
}  // namespace ingenuity::terrain
