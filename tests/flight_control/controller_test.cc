// The controller flying the simulated vehicle, closed loop at 500 Hz on true state (the
// estimator comes later) with the flight software's own belief file: take-off and hover, a
// translation, a yaw turn, station keeping in wind, landing.
#include "flight_control/controller.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>
#include <utility>

#include "sim/simulation.h"
#include "tests/test_support.h"
#include "ui/flight_software_file.h"

namespace ingenuity::flight_control {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;
constexpr int kControlDivider = 2;  // 1 kHz physics, 500 Hz flight software

class ClosedLoop {
 public:
  explicit ClosedLoop(const sim::SimulationConfig& config)
      : field_(terrain::Heightfield::Flat(400.0, 1.0)),
        sim_(testing::DefaultVehicle(), field_, config) {
    // Spin up on the ground at flat pitch, as before a flight.
    sim::VehicleCommand idle;
    for (auto& r : idle.rotor) r.speed_rad_s = params_.rotor_speed_rad_s;
    for (int i = 0; i < 4000; ++i) sim_.Step(idle);
  }

  NavState Truth() const {
    const auto& b = sim_.state().body;
    return {b.p_com_W_m, b.v_com_W_mps, b.q_WB, b.w_B_rad_s};
  }

  // Flies towards the setpoint for the given time; returns the largest tilt seen [deg].
  double Fly(const Setpoint& sp, double seconds) {
    double max_tilt = 0.0;
    const int steps = static_cast<int>(std::lround(seconds / sim_.step_s()));
    for (int i = 0; i < steps; ++i) {
      if (sim_.state().tick % kControlDivider == 0) {
        const ActuatorCommand a =
            StepController(params_, Truth(), sp, kControlDivider * sim_.step_s(), &state_);
        for (int r = 0; r < 2; ++r) {
          command_.rotor[r].collective_rad = a.collective_rad[r];
          command_.rotor[r].cyclic_cos_rad = a.cyclic_cos_rad;
          command_.rotor[r].cyclic_sin_rad = a.cyclic_sin_rad;
          command_.rotor[r].speed_rad_s = a.rotor_speed_rad_s;
        }
      }
      sim_.Step(command_);
      max_tilt = std::max(max_tilt, sim_.TiltDeg());
    }
    return max_tilt;
  }

  // A setpoint some height above the starting point, at the centre of mass.
  Setpoint Above(double height_m, double east_m = 0.0, double north_m = 0.0) const {
    Setpoint sp;
    sp.p_W_m = start_ + Eigen::Vector3d(east_m, north_m, height_m);
    return sp;
  }

  double Yaw() const {
    const Eigen::Vector3d x = sim_.state().body.q_WB * Eigen::Vector3d::UnitX();
    return std::atan2(x.y(), x.x());
  }

  const sim::Simulation& sim() const { return sim_; }
  ControllerParams& params() { return params_; }

 private:
  terrain::Heightfield field_;
  sim::Simulation sim_;
  ControllerParams params_ = ui::LoadFlightSoftwareFile(ui::DefaultFlightSoftwareFile()).control;
  ControllerState state_;
  sim::VehicleCommand command_;
  Eigen::Vector3d start_ = sim_.state().body.p_com_W_m;
};

sim::SimulationConfig Flight1Air() {
  sim::SimulationConfig c;
  c.surface.density_kg_m3 = 0.0168;
  return c;
}

TEST(ControllerTest, TakesOffAndHoldsHoverAtThreeMetres) {
  ClosedLoop loop(Flight1Air());
  const Setpoint sp = loop.Above(3.0);
  const double max_tilt = loop.Fly(sp, 15.0);
  const NavState s = loop.Truth();
  EXPECT_LT((s.p_W_m - sp.p_W_m).norm(), 0.05);
  EXPECT_LT(s.v_W_mps.norm(), 0.02);
  EXPECT_LT(loop.sim().TiltDeg(), 1.0);
  EXPECT_LT(max_tilt, 5.0);
  EXPECT_NEAR(loop.Yaw(), 0.0, 1.0 * kDeg);
}

TEST(ControllerTest, TranslatesTenMetresAndStops) {
  ClosedLoop loop(Flight1Air());
  loop.Fly(loop.Above(3.0), 8.0);
  const Setpoint target = loop.Above(3.0, 10.0, 0.0);
  const double max_tilt = loop.Fly(target, 15.0);
  const NavState s = loop.Truth();
  EXPECT_LT((s.p_W_m - target.p_W_m).norm(), 0.10);
  EXPECT_LT(s.v_W_mps.norm(), 0.05);
  EXPECT_LT(max_tilt, loop.params().max_tilt_rad / kDeg + 1.0);
}

TEST(ControllerTest, TurnsNinetyDegreesInYaw) {
  ClosedLoop loop(Flight1Air());
  loop.Fly(loop.Above(3.0), 8.0);
  Setpoint sp = loop.Above(3.0);
  sp.yaw_rad = 90.0 * kDeg;
  loop.Fly(sp, 8.0);
  EXPECT_NEAR(loop.Yaw(), 90.0 * kDeg, 2.0 * kDeg);
  EXPECT_LT((loop.Truth().p_W_m - sp.p_W_m).norm(), 0.10);
}

TEST(ControllerTest, HoldsStationInASteadyWind) {
  sim::SimulationConfig config = Flight1Air();
  config.wind.steady_enu_mps = {4.0, 0.0, 0.0};
  ClosedLoop loop(config);
  const Setpoint sp = loop.Above(5.0);
  loop.Fly(sp, 25.0);
  EXPECT_LT((loop.Truth().p_W_m - sp.p_W_m).norm(), 0.20);
  // Leaning into the wind: body z tilted towards west (-x world).
  const Eigen::Vector3d z = loop.Truth().q_WB * Eigen::Vector3d::UnitZ();
  EXPECT_LT(z.x(), -0.002);
}

TEST(ControllerTest, DescendsAtTheLimitedRateAndTouchesDown) {
  ClosedLoop loop(Flight1Air());
  loop.Fly(loop.Above(3.0), 8.0);
  const auto before = loop.sim().state().events.size();
  loop.Fly(loop.Above(-1.0), 8.0);  // below the ground: descend at the limited rate
  bool touchdown = false;
  for (size_t i = before; i < loop.sim().state().events.size(); ++i) {
    if (loop.sim().state().events[i].type == sim::EventType::kTouchdown) {
      touchdown = true;
      // The impact: downward, within the controller's descent limit (slowed near the
      // ground as the setpoint error shrinks, and cushioned by ground effect).
      const std::string& d = loop.sim().state().events[i].detail;
      const double v = std::stod(d.substr(d.find("vertical speed ") + 15));
      EXPECT_LT(v, 0.0) << d;
      EXPECT_GT(v, -(loop.params().max_descent_rate_mps + 0.2)) << d;
    }
  }
  EXPECT_TRUE(touchdown);
  EXPECT_LT(loop.sim().p_datum_W_m().z(), 0.02);
  EXPECT_LT(loop.sim().TiltDeg(), 5.0);
}

TEST(ControllerTest, ClimbLimitKeepsWithinTheRotorsThrustMarginInTheDaysAir) {
  // The belief's thrust margin, carried to thinner air and another rotor speed by density x
  // speed^2, must match the blade-element rotor's own margin there (stall-limited thrust over
  // weight, from trim), and climbs use only part of what is left above the weight.
  const ControllerParams belief =
      ui::LoadFlightSoftwareFile(ui::DefaultFlightSoftwareFile()).control;
  for (const auto& [density, rpm] : {std::pair{0.0168, 2537.0}, std::pair{0.0152, 2537.0},
                                     std::pair{0.0135, 2700.0}, std::pair{0.012, 2700.0}}) {
    const ControllerParams day =
        ScheduleForAir(belief, density, rpm * 2.0 * std::numbers::pi / 60.0);
    const double rotor_margin = testing::Trim(density, rpm).thrust_margin;
    EXPECT_NEAR(day.thrust_margin, rotor_margin, 0.03 * rotor_margin) << density << " " << rpm;
    const double left_mps2 = (rotor_margin - 1.0) * belief.gravity_mps2;
    EXPECT_GT(day.max_climb_acceleration_mps2, 0.5 * left_mps2) << density;
    EXPECT_LT(day.max_climb_acceleration_mps2, 0.8 * left_mps2) << density;
  }
}

}  // namespace
}  // namespace ingenuity::flight_control
