// The trim command end to end: defaults, options, JSON names, and bad input.
#include "ui/cli.h"

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "sim/mars_atmosphere.h"
#include "tests/test_support.h"
#include "tests/ui/cli_support.h"

namespace ingenuity::ui {
namespace {

using Result = testing::CliResult;
using testing::Invoke;

TEST(CliTest, DefaultTrimIsFlightOneOutOfGroundEffect) {
  const Result r = Invoke({"trim"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("748.0 Pa, 235.0 K"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2537 rpm"), std::string::npos);
  EXPECT_NE(r.out.find("out of ground effect"), std::string::npos);
  for (const char* row : {"collective [deg]", "thrust [N]", "net yaw torque", "aerodynamic power",
                          "electrical power", "tip Mach", "figure of merit", "thrust margin"}) {
    EXPECT_NE(r.out.find(row), std::string::npos) << row;
  }
}

TEST(CliTest, JsonCarriesTheNamedFiguresAtTheRequestedConditions) {
  const Result r = Invoke({"trim", "--density", "0.012", "--rpm", "2700", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j["converged"].get<bool>());
  EXPECT_DOUBLE_EQ(j["conditions"]["density_kg_m3"].get<double>(), 0.012);
  EXPECT_DOUBLE_EQ(j["conditions"]["rotor_speed_rpm"].get<double>(), 2700.0);
  const double thrust = j["thrust_N"]["upper"].get<double>() + j["thrust_N"]["lower"].get<double>();
  EXPECT_NEAR(thrust, 1.8 * sim::kMarsGravity_mps2, 0.005 * 1.8 * sim::kMarsGravity_mps2);
  for (const char* key : {"collective_deg", "net_yaw_torque_N_m", "aerodynamic_power_W",
                          "electrical_power_W", "tip_mach", "figure_of_merit", "thrust_margin"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_GE(j["thrust_margin"].get<double>(), 1.10);
}

TEST(CliTest, PressureTemperatureMassAndGroundEffect) {
  const Result r = Invoke({"trim", "--pressure", "700", "--temperature", "220", "--mass", "1.6",
                           "--height-agl", "0.3", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_NEAR(j["conditions"]["density_kg_m3"].get<double>(), 700.0 / (188.9 * 220.0), 1e-9);
  EXPECT_TRUE(j["conditions"]["in_ground_effect"].get<bool>());
  EXPECT_LT(j["ground_effect_factor"].get<double>(), 0.8);
}

TEST(CliTest, BadArgumentsExitTwoWithOneMessage) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {},
           {"fly"},
           {"trim", "--density", "0.0168", "--pressure", "700"},
           {"trim", "--density", "abc"},
           {"trim", "--rpm", "nan"},
           {"trim", "--density", "-1"},
           {"trim", "--vehicle", "/nonexistent.yaml"},
           {"fly", "scenarios/flight_01.yaml", "--seed", "-1"},
           {"fly", "scenarios/flight_01.yaml", "--seed", "4294967296"}}) {
    const Result r = Invoke(args);
    EXPECT_EQ(r.code, 2);
    EXPECT_TRUE(r.out.empty());
    EXPECT_EQ(r.err.rfind("ingenuity-sim: ", 0), 0u) << r.err;
    // A seed is refused for its range (0 to 2^31 - 1) before any file is read.
    if (args.size() == 4 && args[2] == "--seed") {
      EXPECT_NE(r.err.find("--seed: Value " + args[3] + " not in range 0 to 2147483647"),
                std::string::npos)
          << r.err;
    }
  }
}

TEST(CliTest, ImpossibleTrimExitsOneWithoutAResult) {
  const Result r = Invoke({"trim", "--density", "0.004"});
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find("no hover trim"), std::string::npos);
}

}  // namespace
}  // namespace ingenuity::ui

namespace ingenuity::ui {
namespace {

TEST(CliTerrainTest, InfoDescribesTheBuiltInJezeroAsSynthetic) {
  std::ostringstream out, err;
  ASSERT_EQ(RunCli({"terrain", "info"}, out, err), 0) << err.str();
  EXPECT_NE(out.str().find("SYNTHETIC (not a DTM)"), std::string::npos);
  EXPECT_NE(out.str().find("synthetic:  yes"), std::string::npos);
  EXPECT_NE(out.str().find("east -8000.0 to 500.0 m, north -1500.0 to 4000.0 m"),
            std::string::npos);
  EXPECT_NE(out.str().find("MOLA areoid"), std::string::npos);
}

TEST(CliTerrainTest, ProbeAddsElevationSlopeAndLocalPosition) {
  const testing::TempFile points("points.csv",
                                 "name,lat_deg,lon_deg\n"
                                 "\"Wright Brothers Field, flight 1\",18.44486374,77.45101959\n"
                                 "Airfield Chi,18.4972,77.3269\n");
  std::ostringstream out, err;
  ASSERT_EQ(RunCli({"terrain", "probe", "--points", points.path()}, out, err), 0) << err.str();
  std::istringstream lines(out.str());
  std::string header, wbf, chi;
  std::getline(lines, header);
  std::getline(lines, wbf);
  std::getline(lines, chi);
  EXPECT_EQ(header, "name,lat_deg,lon_deg,elevation_m,slope_deg,east_m,north_m");
  EXPECT_NE(wbf.find(",-2570.0"), std::string::npos) << wbf;  // the landing site's elevation
  EXPECT_NE(chi.find("Airfield Chi,18.4972,77.3269,-24"), std::string::npos) << chi;
}

TEST(CliTerrainTest, ExportWritesAGeoTiffInPlaceAndAHillshadeBesideIt) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("ingenuity_export_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string tif = (dir / "wbf.tif").string();
  std::ostringstream out, err;
  ASSERT_EQ(RunCli({"terrain", "export", "--bbox", "77.4500,18.4440,77.4520,18.4460", "--spacing",
                    "1", "--out", tif},
                   out, err),
            0)
      << err.str();
  EXPECT_TRUE(std::filesystem::exists(dir / "wbf_hillshade.png"));
  EXPECT_FALSE(std::filesystem::exists(tif + ".partial"));
  GDALAllRegister();
  GDALDataset* ds = static_cast<GDALDataset*>(GDALOpen(tif.c_str(), GA_ReadOnly));
  ASSERT_NE(ds, nullptr);
  double gt[6];
  ds->GetGeoTransform(gt);
  // The west edge at 77.4500 E in the Mars 2020 projection: R lon cos(18.4663 deg).
  const double west =
      3396190.0 * 77.45 * 3.14159265358979 / 180.0 * std::cos(18.4663 * 3.14159265358979 / 180.0);
  EXPECT_NEAR(gt[0], west, 1.0);
  EXPECT_NEAR(gt[3], 3396190.0 * 18.446 * 3.14159265358979 / 180.0, 1.0);
  EXPECT_NE(std::string(ds->GetMetadataItem("TIFFTAG_IMAGEDESCRIPTION")).find("synthetic"),
            std::string::npos);
  float centre = 0.0f;
  ASSERT_EQ(
      ds->GetRasterBand(1)->RasterIO(GF_Read, ds->GetRasterXSize() / 2, ds->GetRasterYSize() / 2, 1,
                                     1, &centre, 1, 1, GDT_Float32, 0, 0),
      CE_None);
  GDALClose(ds);
  EXPECT_NEAR(centre, -2570.0, 2.0);
  std::filesystem::remove_all(dir);
}

TEST(CliTerrainTest, BadTerrainInputExitsTwoWithOneLine) {
  const testing::TempFile no_columns("bad.csv", "a,b\n1,2\n");
  const testing::TempFile bad_number("bad2.csv", "lat_deg,lon_deg\n18.44,abc\n");
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"terrain"},
           {"terrain", "info", "--site", "gale"},
           {"terrain", "info", "--seed", "-3"},
           {"terrain", "info", "--dtm", "/nonexistent.tif"},
           {"terrain", "info", "--site", "jezero", "--dtm", "x.tif"},
           {"terrain", "probe", "--points", "/nonexistent.csv"},
           {"terrain", "probe", "--points", no_columns.path()},
           {"terrain", "probe", "--points", bad_number.path()},
           {"terrain", "export", "--bbox", "1,2,3", "--out", "/tmp/x.tif"},
           {"terrain", "export", "--bbox", "77.46,18.44,77.45,18.45", "--out", "/tmp/x.tif"},
           {"terrain", "export", "--bbox", "0,0,1,1", "--out", "/tmp/x.tif"},
           {"terrain", "export", "--bbox", "77.45,18.44,77.451,18.441", "--out", "/tmp/x.png"}}) {
    std::ostringstream out, err;
    EXPECT_EQ(RunCli(args, out, err), 2) << args.back();
    EXPECT_TRUE(out.str().empty()) << args.back();
    EXPECT_EQ(err.str().rfind("ingenuity-sim: ", 0), 0u) << err.str();
  }
}

}  // namespace
}  // namespace ingenuity::ui
