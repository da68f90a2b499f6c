#include "scenarios/flight.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <iomanip>
#include <numbers>
#include <sstream>

#include "sim/coaxial_rotor.h"
#include "sim/mars_atmosphere.h"
#include "sim/nav_camera.h"
#include "sim/power.h"
#include "sim/sensors.h"
#include "sim/simulation.h"
#include "sim/trim.h"

namespace ingenuity::scenarios {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;
constexpr double kRpm = 60.0 / (2.0 * std::numbers::pi);
constexpr int kTelemetryPeriodTicks = 20;         // 50 Hz at the 1 kHz step
constexpr int kBatteryPeriodTicks = 100;          // the battery monitor, 10 Hz
constexpr double kMaxSimulated_s = 600.0;         // beyond any flight the battery allows
constexpr std::int64_t kRehearsalStep_us = 2000;  // the flight software's cycle, 500 Hz
constexpr double kEnergyStep_s = 0.1;             // the battery's steps in a plan's estimate
constexpr double kCellNominal_v = 3.7;            // Li-ion, for the pack's nominal energy
constexpr double kRegionMargin_m = 60.0;          // terrain around the plan's points
constexpr double kTerrainSpacing_m = 0.5;
constexpr double kCrashImpact_mps = 2.5;  // a touchdown this fast breaks the vehicle
constexpr std::uint64_t kSiteSeed = 1;    // the site is the site, whatever the run's seed

Eigen::Vector3d RollPitchYaw(const Eigen::Quaterniond& q) {
  const Eigen::Matrix3d R = q.toRotationMatrix();
  return {std::atan2(R(2, 1), R(2, 2)), -std::asin(std::clamp(R(2, 0), -1.0, 1.0)),
          std::atan2(R(1, 0), R(0, 0))};
}

// Fault times count from the start of take-off.
bool Active(const Fault& f, double t_s, double takeoff_s) {
  const double t = t_s - takeoff_s;
  return t >= f.at_s && (f.duration_s <= 0.0 || t < f.at_s + f.duration_s);
}

// A compass heading (0 north, 90 east) as the flight software's yaw (from east,
// counter-clockwise) [rad].
double CompassToYawRad(double heading_deg) { return (90.0 - heading_deg) * kDeg; }

// The rotor speed the scenario flies: its own, or the flight software's.
double RotorSpeedRadS(const Scenario& s, const flight_control::FlightSoftwareParams& fsw) {
  return s.rotor_rpm ? *s.rotor_rpm / kRpm : fsw.control.rotor_speed_rad_s;
}

// A fault as the events log names it: the scenario's words and its settings.
std::string FaultText(const Fault& f) {
  std::ostringstream o;
  o << std::setprecision(3);
  const auto vec = [&o](const Eigen::Vector3d& v) {
    o << "[" << v.x() << ", " << v.y() << ", " << v.z() << "]";
  };
  switch (f.kind) {
    case FaultKind::kNavCameraDropFrameSkewTimestamps:
      o << "nav_camera drop_frame_skew_timestamps (the next image lost, every later one stamped "
        << f.skew_s * 1e3 << " ms off)";
      break;
    case FaultKind::kNavCameraSyncLoss:
      o << "nav_camera sync_loss (images stamped 1 s from their IMU data)";
      break;
    case FaultKind::kNavCameraFewFeatures:
      o << "nav_camera few_features (" << f.feature_fraction * 100.0
        << " % of the features tracked, creeping at " << f.track_drift_mps << " m/s)";
      break;
    case FaultKind::kAltimeterDropout:
      o << "altimeter dropout";
      break;
    case FaultKind::kImuBiasStep:
      o << "imu bias_step (gyro ";
      vec(f.gyro_bias_rad_s);
      o << " rad/s, accelerometer ";
      vec(f.accel_bias_mps2);
      o << " m/s^2)";
      break;
    case FaultKind::kGust:
      o << "gust (peak ";
      vec(f.gust_enu_mps);
      o << " m/s east, north, up)";
      break;
  }
  return o.str();
}

flight_control::MissionPlan ToMissionPlan(const Scenario& s, const terrain::LocalFrame& frame) {
  flight_control::MissionPlan plan;
  const std::vector<Eigen::Vector2d> points = PlanPointsEn(s, frame);
  std::size_t next_point = 0;
  for (const PlanStep& step : s.plan) {
    flight_control::MissionLeg leg;
    using Kind = flight_control::MissionLeg::Kind;
    if (const auto* t = std::get_if<TakeoffStep>(&step.action)) {
      leg.kind = Kind::kTakeoff;
      leg.altitude_agl_m = t->altitude_m;
    } else if (const auto* g = std::get_if<GotoStep>(&step.action)) {
      leg.kind = Kind::kGoto;
      leg.target_W_m = points[next_point++];
      leg.speed_mps = g->speed_mps;
      leg.altitude_agl_m = g->altitude_m.value_or(-1.0);
    } else if (const auto* h = std::get_if<HoverStep>(&step.action)) {
      leg.kind = Kind::kHover;
      leg.duration_s = h->duration_s;
    } else if (const auto* y = std::get_if<YawStep>(&step.action)) {
      leg.kind = Kind::kYaw;
      leg.yaw_rad = CompassToYawRad(y->heading_deg);
    } else {
      leg.kind = Kind::kLand;
    }
    plan.legs.push_back(leg);
  }
  return plan;
}

std::string Fixed(double v, int digits) {
  std::ostringstream o;
  o << std::fixed << std::setprecision(digits) << v;
  return o.str();
}

}  // namespace

const std::vector<std::string>& TelemetryColumns() {
  static const std::vector<std::string> k = {"time_s",
                                             "east_m",
                                             "north_m",
                                             "up_m",
                                             "height_agl_m",
                                             "v_east_mps",
                                             "v_north_mps",
                                             "v_up_mps",
                                             "roll_deg",
                                             "pitch_deg",
                                             "yaw_deg",
                                             "est_east_m",
                                             "est_north_m",
                                             "est_up_m",
                                             "est_v_east_mps",
                                             "est_v_north_mps",
                                             "est_v_up_mps",
                                             "est_roll_deg",
                                             "est_pitch_deg",
                                             "est_yaw_deg",
                                             "sp_east_m",
                                             "sp_north_m",
                                             "sp_up_m",
                                             "est_ground_up_m",
                                             "hold_ground_up_m",
                                             "cmd_collective_upper_deg",
                                             "cmd_collective_lower_deg",
                                             "cmd_cyclic_cos_deg",
                                             "cmd_cyclic_sin_deg",
                                             "rotor_upper_rpm",
                                             "rotor_lower_rpm",
                                             "electrical_power_w",
                                             "battery_soc",
                                             "battery_voltage_v",
                                             "wind_east_mps",
                                             "wind_north_mps",
                                             "wind_up_mps",
                                             "features"};
  return k;
}

double FlightSummary::Field(const std::string& name) const {
  for (const auto& [k, v] : fields) {
    if (k == name) return v;
  }
  return std::nan("");
}

std::unique_ptr<terrain::TerrainSource> ScenarioTerrain(const Scenario& s) {
  if (s.terrain.dtm_file.empty()) return terrain::MakeJezeroSource(kSiteSeed);
  return terrain::MakeDtmSource(s.terrain.dtm_file,
                                s.terrain.ortho_file.empty()
                                    ? std::nullopt
                                    : std::optional<std::string>(s.terrain.ortho_file));
}

Eigen::Vector2d StartEn(const Scenario& s, const terrain::LocalFrame& frame) {
  return s.start.lat_lon ? frame.LatLonToEn(*s.start.lat_lon) : s.start.offset_en_m;
}

std::vector<Eigen::Vector2d> PlanPointsEn(const Scenario& s, const terrain::LocalFrame& frame) {
  const Eigen::Vector2d start = StartEn(s, frame);
  std::vector<Eigen::Vector2d> points;
  for (const PlanStep& step : s.plan) {
    if (const auto* g = std::get_if<GotoStep>(&step.action)) {
      points.push_back(g->target.lat_lon ? frame.LatLonToEn(*g->target.lat_lon)
                                         : Eigen::Vector2d(start + g->target.offset_en_m));
    }
  }
  return points;
}

PlanEstimate EstimatePlan(const Scenario& scenario, const terrain::LocalFrame& frame,
                          const sim::VehicleParams& vehicle,
                          const flight_control::FlightSoftwareParams& fsw) {
  PlanEstimate e;
  const flight_control::MissionParams& m = fsw.mission;
  e.rehearsal = flight_control::RehearsePlan(
      m, ToMissionPlan(scenario, frame), StartEn(scenario, frame),
      CompassToYawRad(scenario.start_heading_deg), kRehearsalStep_us, kMaxSimulated_s);
  const sim::PowerParams& pw = vehicle.power;
  e.battery_wh = pw.cells_in_series * pw.cell_capacity_ah * kCellNominal_v;
  const sim::MarsAtmosphere atmosphere(scenario.air);
  const sim::CoaxialRotor rotor(vehicle.rotor, vehicle.airfoil);
  sim::TrimConditions c;
  c.air = atmosphere.surface();
  c.rotor_speed_rad_s = RotorSpeedRadS(scenario, fsw);
  c.mass_kg = vehicle.mass_kg;
  c.height_agl_m = 1e6;
  const sim::TrimResult trim = sim::SolveHoverTrim(rotor, pw, c);
  e.trimmed = trim.converged;
  if (!e.trimmed) return e;
  e.hover_power_w = trim.electrical_power_W;
  sim::BatteryState battery;
  const std::pair<double, double> profile[] = {
      {pw.avionics_power_w, m.preflight_s},
      {e.hover_power_w, m.spin_up_s + e.rehearsal.airborne_s},
      {pw.avionics_power_w, m.spin_down_s}};
  for (const auto& [load_W, duration_s] : profile) {
    const auto steps = static_cast<std::int64_t>(std::ceil(duration_s / kEnergyStep_s));
    for (std::int64_t k = 0; k < steps; ++k) {
      sim::StepBattery(pw, load_W, duration_s / steps, &battery);
    }
  }
  e.energy_used_wh = battery.energy_used_J / 3600.0;
  return e;
}

terrain::TerrainRegion PlanRegion(const Scenario& s, const terrain::TerrainSource& source,
                                  double margin_m, double spacing_m) {
  const Eigen::Vector2d start = StartEn(s, source.frame());
  Eigen::Vector2d lo = start, hi = start;
  for (const auto& p : PlanPointsEn(s, source.frame())) {
    lo = lo.cwiseMin(p);
    hi = hi.cwiseMax(p);
  }
  return source.Region(Eigen::Vector2d(lo.array() - margin_m),
                       Eigen::Vector2d(hi.array() + margin_m), spacing_m);
}

FlightResult FlyScenario(const Scenario& scenario, const sim::VehicleParams& vehicle,
                         const flight_control::FlightSoftwareParams& fsw_file,
                         const FlightOptions& options) {
  FlightResult result;
  result.seed = options.seed.value_or(scenario.seed);

  // Terrain: the region around the plan.
  const std::unique_ptr<terrain::TerrainSource> source = ScenarioTerrain(scenario);
  const terrain::LocalFrame& frame = source->frame();
  const Eigen::Vector2d start_en = StartEn(scenario, frame);
  const std::vector<Eigen::Vector2d> points = PlanPointsEn(scenario, frame);
  const terrain::TerrainRegion region =
      PlanRegion(scenario, *source, kRegionMargin_m, kTerrainSpacing_m);
  result.terrain_provenance = region.provenance;
  const terrain::Heightfield& ground = region.height;

  const double takeoff_s = fsw_file.mission.preflight_s + fsw_file.mission.spin_up_s;
  // Truth: the vehicle at the start, in the day's air, with the scenario's gusts.
  sim::SimulationConfig config;
  config.surface = scenario.air;
  config.wind = scenario.wind;
  for (const Fault& f : scenario.faults) {
    if (f.kind == FaultKind::kGust) {
      config.wind.gusts.push_back({takeoff_s + f.at_s, f.duration_s, f.gust_enu_mps});
    }
  }
  config.seed = result.seed;
  config.p_datum_W_m = {start_en.x(), start_en.y(), ground.HeightAt(start_en.x(), start_en.y())};
  config.heading_deg = 90.0 - scenario.start_heading_deg;
  sim::Simulation sim(vehicle, ground, config);
  sim::SensorSuite sensors(vehicle.sensors, result.seed);
  sim::NavCamera camera(vehicle.sensors, result.seed, &region);

  // Flight software: its belief carried to the day's air (uplinked), the plan, the start pose.
  flight_control::FlightSoftwareParams fsw = fsw_file;
  const double rotor_speed_rad_s = RotorSpeedRadS(scenario, fsw);
  fsw.control = flight_control::ScheduleForAir(
      fsw.control, sim.atmosphere().surface().density_kg_m3, rotor_speed_rad_s);
  const flight_control::MissionPlan plan = ToMissionPlan(scenario, frame);
  flight_control::FlightSoftwareState fsw_state;
  flight_control::InitializeFlightSoftware(fsw, config.p_datum_W_m,
                                           CompassToYawRad(scenario.start_heading_deg), &fsw_state);
  fsw_state.period_us = vehicle.sensors.imu_period_ticks * sim.step_us();

  const Eigen::Vector2d landing_target = points.empty() ? start_en : points.back();
  sim::VehicleCommand command;
  flight_control::FlightSoftwareInputs inputs;
  std::deque<flight_control::CameraFrame> in_transit;
  bool frame_dropped = false;
  int last_features = 0;
  std::int64_t end_tick = -1;
  const std::int64_t max_ticks = static_cast<std::int64_t>(kMaxSimulated_s * 1e6 / sim.step_us());
  double next_progress_s = 10.0;
  // Flight figures.
  bool airborne_once = false;
  double max_agl = 0.0, max_ground_speed = 0.0, path_m = 0.0, max_tilt = 0.0;
  std::vector<double> held_agl;  // at 50 Hz while cruising, hovering or turning
  double peak_power = 0.0, energy_in_flight_J = 0.0;
  std::int64_t liftoff_tick = -1, flight_ticks = 0;
  std::size_t events_seen = 0;
  std::vector<bool> fault_active(scenario.faults.size(), false);
  std::vector<std::pair<std::int64_t, std::string>> fault_events;
  Eigen::Vector2d last_path_point = start_en;
  double estimate_error_at_touchdown = std::nan("");

  // The loop, in this order each tick: physics; sensors; faults; delivery; flight software at
  // the IMU rate; telemetry.
  while (sim.state().tick < max_ticks) {
    // 1. Physics.
    sim.Step(command);
    const std::int64_t tick = sim.state().tick;
    const std::int64_t now_us = tick * sim.step_us();
    const double t_s = now_us * 1e-6;

    // 2. Sensors.
    sim::SensorReadings readings = sensors.Sample(sim);
    std::optional<flight_control::CameraFrame> captured = camera.Sample(sim);

    // 3. Faults, on the messages; each start and end logged.
    for (std::size_t k = 0; k < scenario.faults.size(); ++k) {
      const Fault& f = scenario.faults[k];
      const bool active = Active(f, t_s, takeoff_s);
      if (active != fault_active[k]) {
        fault_active[k] = active;
        fault_events.push_back({now_us, (active ? "fault: " : "fault ends: ") + FaultText(f)});
      }
      if (!active) continue;
      switch (f.kind) {
        case FaultKind::kAltimeterDropout:
          if (readings.range) readings.range->valid = false;
          break;
        case FaultKind::kImuBiasStep:
          if (readings.imu) {
            readings.imu->rate_B_rad_s += f.gyro_bias_rad_s;
            readings.imu->specific_force_B_mps2 += f.accel_bias_mps2;
          }
          break;
        case FaultKind::kNavCameraDropFrameSkewTimestamps:
          if (captured && !frame_dropped) {
            captured.reset();  // the lost image
            frame_dropped = true;
          } else if (captured) {
            captured->timestamp_us += static_cast<std::int64_t>(std::llround(f.skew_s * 1e6));
          }
          break;
        case FaultKind::kNavCameraSyncLoss:
          if (captured) captured->timestamp_us += 1000000;  // a second from its IMU data
          break;
        case FaultKind::kNavCameraFewFeatures:
          if (captured) {
            // Few features, and those few mis-tracked: they creep across the image as if the
            // ground moved at track_drift_mps (aliasing on ground-fixed ripples).
            const auto keep = static_cast<std::uint64_t>(f.feature_fraction * 10000.0);
            std::erase_if(captured->features,
                          [keep](const auto& x) { return x.id % 10000 >= keep; });
            const double creep_px =
                camera.GroundShiftPx(sim, f.track_drift_mps * (t_s - takeoff_s - f.at_s));
            for (auto& x : captured->features) x.u_px += creep_px;
          }
          break;
        case FaultKind::kGust:
          break;  // in the wind model
      }
    }

    // 4. Delivery: frames reach the flight software after their latency.
    if (captured) {
      last_features = static_cast<int>(captured->features.size());
      in_transit.push_back(std::move(*captured));
    }
    while (!in_transit.empty() && in_transit.front().delivery_time_us <= now_us) {
      inputs.frames.push_back(std::move(in_transit.front()));
      in_transit.pop_front();
    }
    if (readings.range) inputs.range = readings.range;
    if (readings.inclinometer) inputs.inclinometer = readings.inclinometer;
    if (tick % kBatteryPeriodTicks == 0) {
      const sim::BatteryState& b = sim.state().battery;
      inputs.battery = flight_control::BatterySample{now_us, b.voltage_v, b.state_of_charge};
    }

    // 5. Flight software, on each IMU sample.
    if (readings.imu) {
      inputs.imu = *readings.imu;
      const flight_control::ActuatorCommand& a =
          flight_control::StepFlightSoftware(fsw, plan, inputs, &fsw_state);
      for (int r = 0; r < 2; ++r) {
        command.rotor[r].collective_rad = a.collective_rad[r];
        command.rotor[r].cyclic_cos_rad = a.cyclic_cos_rad;
        command.rotor[r].cyclic_sin_rad = a.cyclic_sin_rad;
        command.rotor[r].speed_rad_s = a.rotor_speed_rad_s;
      }
      inputs = flight_control::FlightSoftwareInputs();
    }

    // 6. Flight figures and telemetry.
    const sim::SimulationState& st = sim.state();
    const Eigen::Vector3d datum = sim.p_datum_W_m();
    const double agl = datum.z() - ground.HeightAt(datum.x(), datum.y());
    for (; events_seen < st.events.size(); ++events_seen) {
      if (st.events[events_seen].type == sim::EventType::kLiftoff && liftoff_tick < 0) {
        liftoff_tick = st.events[events_seen].tick;
        airborne_once = true;
      }
    }
    const flight_control::Mode mode = fsw_state.mission.mode;
    const bool in_flight = airborne_once && mode != flight_control::Mode::kSpinDown &&
                           mode != flight_control::Mode::kDone;
    if (in_flight) {
      ++flight_ticks;
      max_agl = std::max(max_agl, agl);
      const bool holding = mode == flight_control::Mode::kCruise ||
                           mode == flight_control::Mode::kHover ||
                           mode == flight_control::Mode::kYaw;
      if (holding && st.tick % 20 == 0) held_agl.push_back(agl);
      max_ground_speed = std::max(max_ground_speed, st.body.v_com_W_mps.head<2>().norm());
      max_tilt = std::max(max_tilt, sim.TiltDeg());
      peak_power = std::max(peak_power, st.electrical_power_W);
      energy_in_flight_J += st.electrical_power_W * sim.step_s();
    }
    if (std::isnan(estimate_error_at_touchdown) && mode == flight_control::Mode::kSpinDown) {
      estimate_error_at_touchdown =
          (fsw_state.estimator.p_W_m.head<2>() - st.body.p_com_W_m.head<2>()).norm();
    }
    if (tick % kTelemetryPeriodTicks == 0) {
      path_m += (datum.head<2>() - last_path_point).norm();
      last_path_point = datum.head<2>();
      if (options.record_telemetry) {
        const auto& e = fsw_state.estimator;
        const Eigen::Vector3d rpy = RollPitchYaw(st.body.q_WB) / kDeg;
        const Eigen::Vector3d est_rpy = RollPitchYaw(e.q_WB) / kDeg;
        const auto& sp = fsw_state.mission_output.setpoint;
        // The executor's heights are in the flight frame; shown in the estimate's.
        const double to_estimate_m = e.p_W_m.z() - fsw_state.vertical_track_m;
        const auto& c = fsw_state.command;
        TelemetryRow row;
        row.mode = flight_control::ModeName(mode);
        row.values = {t_s,
                      st.body.p_com_W_m.x(),
                      st.body.p_com_W_m.y(),
                      st.body.p_com_W_m.z(),
                      agl,
                      st.body.v_com_W_mps.x(),
                      st.body.v_com_W_mps.y(),
                      st.body.v_com_W_mps.z(),
                      rpy.x(),
                      rpy.y(),
                      rpy.z(),
                      e.p_W_m.x(),
                      e.p_W_m.y(),
                      e.p_W_m.z(),
                      e.v_W_mps.x(),
                      e.v_W_mps.y(),
                      e.v_W_mps.z(),
                      est_rpy.x(),
                      est_rpy.y(),
                      est_rpy.z(),
                      sp.p_W_m.x(),
                      sp.p_W_m.y(),
                      sp.p_W_m.z() + to_estimate_m,
                      e.ground_z_W_m,
                      fsw_state.mission.last_ground_z_W_m + to_estimate_m,
                      c.collective_rad[0] / kDeg,
                      c.collective_rad[1] / kDeg,
                      c.cyclic_cos_rad / kDeg,
                      c.cyclic_sin_rad / kDeg,
                      st.drive[0].speed_rad_s * kRpm,
                      st.drive[1].speed_rad_s * kRpm,
                      st.electrical_power_W,
                      st.battery.state_of_charge,
                      st.battery.voltage_v,
                      st.wind_W_mps.x(),
                      st.wind_W_mps.y(),
                      st.wind_W_mps.z(),
                      static_cast<double>(last_features)};
        result.telemetry.push_back(std::move(row));
      }
    }
    if (options.progress && t_s >= next_progress_s) {
      options.progress(t_s, flight_control::ModeName(mode));
      next_progress_s += 10.0;
    }

    // 7. The end: the software is done, or the vehicle is lost.
    if (end_tick < 0) {
      const bool lost =
          st.tipped_over || st.rotor_struck[0] || st.rotor_struck[1] || st.battery.depleted;
      if (lost) end_tick = tick + 2000;
      if (mode == flight_control::Mode::kDone || mode == flight_control::Mode::kAborted) {
        end_tick = tick + 200;
      }
    }
    if (end_tick >= 0 && tick >= end_tick) break;
  }

  // Summary.
  const sim::SimulationState& st = sim.state();
  result.simulated_s = sim.time_s();
  FlightSummary& sum = result.summary;
  const sim::Event* touchdown = nullptr;
  bool tipped = false, struck = false;
  for (const sim::Event& e : st.events) {
    if (e.type == sim::EventType::kTouchdown && liftoff_tick >= 0 && e.tick > liftoff_tick) {
      touchdown = &e;
    }
    tipped |= e.type == sim::EventType::kTipOver;
    struck |= e.type == sim::EventType::kRotorStrike;
  }
  const flight_control::Mode mode = fsw_state.mission.mode;
  const double impact_down = touchdown ? -touchdown->v_W_mps.z() : 0.0;
  if (tipped) {
    sum.outcome = "tipped_over";
  } else if (struck || impact_down > kCrashImpact_mps) {
    sum.outcome = "crashed";
  } else if (st.battery.depleted) {
    sum.outcome = "out_of_energy";
  } else if (mode == flight_control::Mode::kAborted) {
    sum.outcome = "aborted";
  } else if (mode != flight_control::Mode::kDone) {
    sum.outcome = "timed_out";
  } else if (fsw_state.mission.land_now) {
    sum.outcome = "land_now";
  } else {
    sum.outcome = "landed";
  }
  sum.land_now_reason = fsw_state.mission.land_now_reason;
  const Eigen::Vector3d datum = sim.p_datum_W_m();
  const terrain::LatLon landing = frame.EnToLatLon(datum.head<2>());
  sum.landing_lat_deg = landing.lat_deg;
  sum.landing_lon_deg = landing.lon_deg;
  const double duration =
      liftoff_tick >= 0 ? ((touchdown ? touchdown->tick : st.tick) - liftoff_tick) * sim.step_s()
                        : 0.0;
  const double flight_s = flight_ticks * sim.step_s();
  // The altitude flown: the median height above the ground while holding altitude (a log's
  // "maximum altitude" is this, the altitude commanded; terrain passing below moves the
  // height above it about the median).
  double held_altitude = 0.0;
  if (!held_agl.empty()) {
    const auto middle = held_agl.begin() + static_cast<std::ptrdiff_t>(held_agl.size() / 2);
    std::nth_element(held_agl.begin(), middle, held_agl.end());
    held_altitude = *middle;
  }
  sum.fields = {
      {"duration_s", duration},
      {"max_altitude_agl_m", max_agl},
      {"held_altitude_agl_m", held_altitude},
      {"max_ground_speed_mps", max_ground_speed},
      {"horizontal_distance_m", path_m},
      {"landing_error_m", (datum.head<2>() - landing_target).norm()},
      {"energy_used_wh", st.battery.energy_used_J / 3600.0},
      {"battery_soc_end", st.battery.state_of_charge},
      {"peak_power_w", peak_power},
      {"mean_power_w", flight_s > 0.0 ? energy_in_flight_J / flight_s : 0.0},
      {"max_tilt_deg", max_tilt},
      {"touchdown_vertical_speed_mps", impact_down},
      {"touchdown_horizontal_speed_mps", touchdown ? touchdown->v_W_mps.head<2>().norm() : 0.0},
      {"landing_estimate_error_m",
       std::isnan(estimate_error_at_touchdown) ? -1.0 : estimate_error_at_touchdown},
  };

  // Events: the simulation's and the flight software's, in time order.
  std::vector<std::pair<std::int64_t, std::string>> lines;
  for (const sim::Event& e : st.events) {
    lines.push_back({e.tick * sim.step_us(), std::string(sim::EventName(e.type)) +
                                                 (e.detail.empty() ? "" : ": " + e.detail)});
  }
  for (const auto& e : fsw_state.mission.events) lines.push_back({e.time_us, "fsw " + e.text});
  lines.insert(lines.end(), fault_events.begin(), fault_events.end());
  std::stable_sort(lines.begin(), lines.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [t, text] : lines) {
    std::ostringstream o;
    o << std::fixed << std::setprecision(3) << std::setw(9) << t * 1e-6 << " s  " << text;
    result.events.push_back(o.str());
  }

  // Expectations.
  if (scenario.expect.outcome) {
    ExpectationResult r{"outcome", *scenario.expect.outcome, sum.outcome,
                        sum.outcome == *scenario.expect.outcome};
    result.expectations.push_back(r);
  }
  for (const auto& [name, range] : scenario.expect.ranges) {
    const double v = sum.Field(name);
    ExpectationResult r;
    r.name = name;
    if (range.min && range.max) {
      r.expected = "in [" + Fixed(*range.min, 3) + ", " + Fixed(*range.max, 3) + "]";
    } else if (range.min) {
      r.expected = ">= " + Fixed(*range.min, 3);
    } else {
      r.expected = "<= " + Fixed(*range.max, 3);
    }
    r.actual = Fixed(v, 3);
    r.pass = std::isfinite(v) && (!range.min || v >= *range.min) && (!range.max || v <= *range.max);
    result.expectations.push_back(r);
  }
  for (const auto& r : result.expectations) result.all_pass &= r.pass;
  return result;
}

}  // namespace ingenuity::scenarios
