// The trim command end to end: defaults, options, JSON names, and bad input.
#include "ui/cli.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "sim/mars_atmosphere.h"

namespace ingenuity::ui {
namespace {

struct Result {
  int code;
  std::string out, err;
};

Result Invoke(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  const int code = RunCli(args, out, err);
  return {code, out.str(), err.str()};
}

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
  for (const auto& args :
       std::vector<std::vector<std::string>>{{},
                                             {"fly"},
                                             {"trim", "--density", "0.0168", "--pressure", "700"},
                                             {"trim", "--density", "abc"},
                                             {"trim", "--rpm", "nan"},
                                             {"trim", "--density", "-1"},
                                             {"trim", "--vehicle", "/nonexistent.yaml"}}) {
    const Result r = Invoke(args);
    EXPECT_EQ(r.code, 2);
    EXPECT_TRUE(r.out.empty());
    EXPECT_EQ(r.err.rfind("ingenuity-sim: ", 0), 0u) << r.err;
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
