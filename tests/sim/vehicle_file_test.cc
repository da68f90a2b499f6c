// The vehicle file: the shipped one loads and is physically consistent; every kind of bad
// input gets one message naming the file, the line and the key.
#include "sim/vehicle_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/test_support.h"

namespace ingenuity::sim {
namespace {

using testing::ReadText;

// A copy of the shipped vehicle file (and its airfoil file beside it) with one text
// replacement, in a fresh directory.
class EditedVehicle {
 public:
  EditedVehicle(const std::string& from, const std::string& to) {
    dir_ =
        std::filesystem::temp_directory_path() /
        ("ingenuity_vehicle_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++));
    std::filesystem::create_directories(dir_ / "vehicles");
    std::filesystem::create_directories(dir_ / "airfoils");
    std::string text = ReadText(DefaultVehicleFile());
    const size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
    std::ofstream(dir_ / "vehicles" / "v.yaml") << text;
    std::filesystem::copy_file(std::string(INGENUITY_ASSETS_DIR) + "/airfoils/clf5605.yaml",
                               dir_ / "airfoils" / "clf5605.yaml");
  }
  ~EditedVehicle() { std::filesystem::remove_all(dir_); }
  std::string path() const { return (dir_ / "vehicles" / "v.yaml").string(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path dir_;
};

std::string ErrorOf(const std::string& path) {
  try {
    LoadVehicleFile(path);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

TEST(VehicleFileTest, ShippedVehicleLoads) {
  const VehicleParams& v = testing::DefaultVehicle();
  EXPECT_EQ(v.name, "Ingenuity");
  EXPECT_DOUBLE_EQ(v.mass_kg, 1.8);
  EXPECT_DOUBLE_EQ(v.rotor.radius_m, 0.605);
  EXPECT_EQ(v.rotor.stations.size(), 30u);
  EXPECT_EQ(v.airfoil.measured_models.size(), 2u);
  EXPECT_EQ(v.gear.p_foot_B_m.size(), 4u);
}

TEST(VehicleFileTest, MassPropertiesFromTheBreakdown) {
  const MassProperties mp = ComputeMassProperties(testing::DefaultVehicle().mass_breakdown);
  EXPECT_NEAR(mp.mass_kg, 1.8, 1e-9);
  // Symmetric vehicle: centre of mass on the mast axis, about 0.28 m above the feet.
  EXPECT_NEAR(mp.p_com_B_m.x(), 0.0, 1e-12);
  EXPECT_NEAR(mp.p_com_B_m.y(), 0.0, 1e-12);
  EXPECT_GT(mp.p_com_B_m.z(), 0.2);
  EXPECT_LT(mp.p_com_B_m.z(), 0.35);
  // Rotors dominate the yaw inertia; all principal moments positive, products zero.
  const Eigen::Matrix3d& j = mp.inertia_com_B_kg_m2;
  EXPECT_GT(j(2, 2), 0.015);
  EXPECT_GT(j(0, 0), 0.0);
  EXPECT_NEAR(j(0, 1), 0.0, 1e-12);
  // A point mass alone: parallel-axis term only.
  const MassProperties two =
      ComputeMassProperties({{"a", 1.0, {1, 0, 0}, {0, 0, 0}}, {"b", 1.0, {-1, 0, 0}, {0, 0, 0}}});
  EXPECT_NEAR(two.inertia_com_B_kg_m2(1, 1), 2.0, 1e-12);
  EXPECT_NEAR(two.inertia_com_B_kg_m2(0, 0), 0.0, 1e-12);
}

TEST(VehicleFileTest, UnknownKeyIsNamedWithItsLine) {
  EditedVehicle f("  spacing_m: 0.099", "  spacing_m: 0.099\n  spacnig_m: 0.1");
  const std::string e = ErrorOf(f.path());
  EXPECT_NE(e.find(f.path() + ":"), std::string::npos) << e;
  EXPECT_NE(e.find("rotor.spacnig_m: unknown key"), std::string::npos) << e;
}

TEST(VehicleFileTest, WrongTypeOutOfRangeAndNonFiniteValues) {
  {
    EditedVehicle f("radius_m: 0.605", "radius_m: big");
    const std::string e = ErrorOf(f.path());
    EXPECT_NE(e.find("rotor.radius_m: expected a number in [0.05, 10], got 'big'"),
              std::string::npos)
        << e;
  }
  {
    EditedVehicle f("radius_m: 0.605", "radius_m: -1");
    EXPECT_NE(ErrorOf(f.path()).find("rotor.radius_m: expected a number in"), std::string::npos);
  }
  {
    EditedVehicle f("radius_m: 0.605", "radius_m: .nan");
    EXPECT_NE(ErrorOf(f.path()).find("expected a finite number"), std::string::npos);
  }
  {
    EditedVehicle f("blade_count: 2", "blade_count: 2.5");
    EXPECT_NE(ErrorOf(f.path()).find("rotor.blade_count: expected a whole number"),
              std::string::npos);
  }
  {
    EditedVehicle f("    - [0.0908, 0.0506,  16.316, 0.973]",
                    "    - [0.0908, 0.0506, .inf, 0.973]");
    EXPECT_NE(ErrorOf(f.path()).find("rotor.stations[0][2]"), std::string::npos);
  }
}

TEST(VehicleFileTest, LineNumberPointsAtTheBadValue) {
  EditedVehicle f("  friction: 0.8", "  friction: 7");
  const std::string text = ReadText(f.path());
  int line = 1;
  for (size_t i = 0; i < text.find("  friction: 7"); ++i) line += text[i] == '\n';
  const std::string e = ErrorOf(f.path());
  // Line and column of the value: "  friction: 7" puts it in column 13.
  EXPECT_EQ(e.rfind(f.path() + ":" + std::to_string(line) + ":13: landing_gear.friction", 0), 0u)
      << e;
}

TEST(VehicleFileTest, MissingFilesAndMalformedYaml) {
  EXPECT_NE(ErrorOf("/nonexistent/vehicle.yaml").find("/nonexistent/vehicle.yaml: file not found"),
            std::string::npos);
  {
    EditedVehicle f("airfoil_file: ../airfoils/clf5605.yaml",
                    "airfoil_file: ../airfoils/none.yaml");
    EXPECT_NE(ErrorOf(f.path()).find("rotor.airfoil_file: file not found"), std::string::npos);
  }
  {
    EditedVehicle f("mass_kg: 1.8", "mass_kg: [1.8");
    EXPECT_NE(ErrorOf(f.path()).find("malformed YAML"), std::string::npos);
  }
  {
    EditedVehicle f("  radius_m: 0.605                 # NASA/TM-20240001510\n", "");
    EXPECT_NE(ErrorOf(f.path()).find("rotor.radius_m: missing (required)"), std::string::npos);
  }
  {
    EditedVehicle f("mass_kg: 1.8 ", "mass_kg: 2.0 ");
    EXPECT_NE(ErrorOf(f.path()).find("masses sum to"), std::string::npos);
  }
}

}  // namespace
}  // namespace ingenuity::sim
