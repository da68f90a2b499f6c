// Speed of one full physics step (atmosphere, wind, both rotors, drive, battery, Bullet)
// against a bare Bullet step of the same body over the same heightfield, in the same run; and
// the real-time factor of the whole Flight 4 scenario next to that physics-only step rate.
// Both in flight 5 m above a sloped field whose bounding box encloses the vehicle, as over
// Jezero's relief, so Bullet runs its narrowphase against the terrain every step (20 m up
// over this small field it would skip it and the bare step would be 0.45 us). The bare body
// is held up by a constant force equal to its weight; the full step hovers on trimmed
// rotors in light turbulence, restarted every 10 s of simulated time (open loop a
// helicopter's hover is unstable), outside the timed region.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <memory>
#include <string>

#include "scenarios/flight.h"
#include "scenarios/scenario_file.h"
#include "sim/physics_world.h"
#include "sim/simulation.h"
#include "sim/trim.h"
#include "sim/vehicle_file.h"
#include "ui/flight_software_file.h"

namespace ingenuity::sim {
namespace {

constexpr int kRestartSteps = 10000;
// Height of flight above the terrain at the start [m] (Flight 1 hovered at 3 m).
constexpr double kFlightHeight_m = 5.0;

const VehicleParams& Vehicle() {
  static const VehicleParams v = LoadVehicleFile(DefaultVehicleFile());
  return v;
}

const terrain::Heightfield& Field() {
  static const terrain::Heightfield f = terrain::Heightfield::Sloped(200.0, 0.5, 5.0, 30.0);
  return f;
}

void BM_BareBulletStep(benchmark::State& state) {
  const MassProperties mass = ComputeMassProperties(Vehicle().mass_breakdown);
  PhysicsWorld world(Vehicle(), mass, Field(), kMarsGravity_mps2);
  world.Reset({0.0, 0.0, kFlightHeight_m + 0.28}, Eigen::Quaterniond::Identity());
  const Eigen::Vector3d lift(0.0, 0.0, mass.mass_kg * kMarsGravity_mps2);
  for (auto _ : state) {
    world.ApplyForce_W(lift, Eigen::Vector3d::Zero());
    world.Step(0.001);
  }
  benchmark::DoNotOptimize(world.Kinematics());
  state.SetItemsProcessed(state.iterations());
}

// Hover at Flight 1's density and rotor speed, out of ground effect.
TrimConditions FlightOneHover() {
  TrimConditions c;
  SurfaceConditions s;
  s.density_kg_m3 = 0.0168;
  c.air = MarsAtmosphere(s).surface();
  c.rotor_speed_rad_s = RpmToRadPerSec(2537.0);
  return c;
}

std::unique_ptr<Simulation> Hovering(VehicleCommand* cmd) {
  SimulationConfig config;
  config.surface.density_kg_m3 = 0.0168;
  config.wind.steady_enu_mps = {1.0, 0.5, 0.0};
  config.wind.turbulence.wind_at_6m_mps = 3.0;
  config.p_datum_W_m = {0.0, 0.0, kFlightHeight_m};
  auto sim = std::make_unique<Simulation>(Vehicle(), Field(), config);
  static const TrimResult trim = [] {
    const CoaxialRotor rotor(Vehicle().rotor, Vehicle().airfoil);
    return SolveHoverTrim(rotor, Vehicle().power, FlightOneHover());
  }();
  std::array<RotorControls, 2> controls;
  for (int r = 0; r < 2; ++r) {
    controls[r].collective_rad = trim.collective_rad[r];
    controls[r].speed_rad_s = RpmToRadPerSec(2537.0);
    cmd->rotor[r].collective_rad = trim.collective_rad[r];
    cmd->rotor[r].speed_rad_s = RpmToRadPerSec(2537.0);
  }
  sim->StartRotorsTrimmed(controls);
  return sim;
}

void BM_FullPhysicsStep(benchmark::State& state) {
  VehicleCommand cmd;
  auto sim = Hovering(&cmd);
  int steps = 0;
  for (auto _ : state) {
    if (++steps == kRestartSteps) {
      state.PauseTiming();
      sim = Hovering(&cmd);
      steps = 0;
      state.ResumeTiming();
    }
    sim->Step(cmd);
  }
  state.SetItemsProcessed(state.iterations());
}

// The Flight 4 scenario headless, as `ingenuity-sim fly` runs it (terrain region, sensors,
// flight software at 500 Hz, telemetry at 50 Hz), one flight per iteration. Counter
// realtime_x: simulated seconds per wall-clock second.
void BM_Flight4Scenario(benchmark::State& state) {
  const scenarios::Scenario scenario =
      scenarios::LoadScenarioFile(std::string(INGENUITY_SCENARIOS_DIR) + "/flight_04.yaml");
  const flight_control::FlightSoftwareParams fsw =
      ui::LoadFlightSoftwareFile(ui::DefaultFlightSoftwareFile());
  double simulated_s = 0.0;
  bool all_pass = true;
  for (auto _ : state) {
    const scenarios::FlightResult r =
        scenarios::FlyScenario(scenario, Vehicle(), fsw, scenarios::FlightOptions());
    simulated_s += r.simulated_s;
    all_pass = all_pass && r.all_pass;
  }
  state.counters["realtime_x"] = benchmark::Counter(simulated_s, benchmark::Counter::kIsRate);
  state.counters["simulated_s"] = simulated_s / static_cast<double>(state.iterations());
  if (!all_pass) state.SkipWithError("Flight 4 missed its expectations");
}

void BM_CoaxialRotorOnly(benchmark::State& state) {
  const CoaxialRotor rotor(Vehicle().rotor, Vehicle().airfoil);
  SurfaceConditions s;
  s.density_kg_m3 = 0.0168;
  const AirState air = MarsAtmosphere(s).surface();
  std::array<RotorControls, 2> controls;
  for (auto& c : controls) {
    c.collective_rad = 0.1;
    c.speed_rad_s = RpmToRadPerSec(2537.0);
  }
  std::array<RotorFlow, 2> flows;
  for (auto& f : flows) f.v_air_hub_B_mps = {-2.0, 0.5, 0.1};
  std::array<RotorInflowState, 2> inflow{};
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        rotor.Step(controls, flows, air, 0.001, &inflow, RotorSampling::kBlades));
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_HoverTrimSolve(benchmark::State& state) {
  const CoaxialRotor rotor(Vehicle().rotor, Vehicle().airfoil);
  const TrimConditions c = FlightOneHover();
  for (auto _ : state) benchmark::DoNotOptimize(SolveHoverTrim(rotor, Vehicle().power, c));
}

BENCHMARK(BM_BareBulletStep)->MinTime(2.0);
BENCHMARK(BM_FullPhysicsStep)->MinTime(2.0);
BENCHMARK(BM_Flight4Scenario)->MinTime(5.0)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CoaxialRotorOnly)->MinTime(1.0);
BENCHMARK(BM_HoverTrimSolve)->MinTime(1.0);

// Console output plus the ratio of each benchmark to its baseline from the same run.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) {
      if (run.run_type != Run::RT_Iteration) continue;
      ns_[run.benchmark_name()] = run.GetAdjustedRealTime();
      const auto it = run.counters.find("realtime_x");
      if (it != run.counters.end()) flight_realtime_x_ = it->second.value;
    }
    ConsoleReporter::ReportRuns(runs);
  }
  void Finalize() override {
    ConsoleReporter::Finalize();
    const double bare = ns_["BM_BareBulletStep/min_time:2.000"];
    const double full = ns_["BM_FullPhysicsStep/min_time:2.000"];
    if (bare > 0 && full > 0) {
      std::printf("\nfull physics step: %.2f us, %.0f steps/s (%.0fx real time at 1 kHz)\n",
                  full / 1e3, 1e9 / full, 1e9 / full / 1000.0);
      std::printf("bare Bullet step:  %.2f us, %.0f steps/s\n", bare / 1e3, 1e9 / bare);
      std::printf("ratio full / bare: %.2f  (target <= 10; steps/s target >= 100000)\n",
                  full / bare);
      if (flight_realtime_x_ > 0) {
        // Not a cost breakdown: the scenario flies in light turbulence, the step above hovers
        // in a 3 m/s gusty wind, which costs more per step.
        std::printf(
            "Flight 4 scenario: %.0fx real time (target >= 100x); physics step alone "
            "(above): %.0fx\n",
            flight_realtime_x_, 1e9 / full / 1000.0);
      }
    }
  }

 private:
  std::map<std::string, double> ns_;
  double flight_realtime_x_ = 0.0;
};

}  // namespace
}  // namespace ingenuity::sim

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  ingenuity::sim::RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
