#include "sim/simulation.h"

#include <Eigen/Geometry>
#include <cmath>
#include <numbers>
#include <sstream>
#include <stdexcept>

#include "sim/random.h"
#include "sim/trim.h"

namespace ingenuity::sim {
namespace {
constexpr double kDeg = std::numbers::pi / 180.0;
// Airborne after this many steps without terrain contact (debounces bounces) [steps at 1 kHz].
constexpr int kLiftoffDebounceTicks = 50;
// Points checked around each rotor's tip circle for a rotor strike.
constexpr int kStrikeProbePoints = 24;

// Starting on the ground: the heading, tilted onto the terrain's slope under the datum (so the
// legs meet the ground together and the vehicle does not twist as it settles), then the
// configured extra tilt.
Eigen::Quaterniond StartAttitude(const SimulationConfig& c, const terrain::Heightfield& ground) {
  const double x = c.p_datum_W_m.x(), y = c.p_datum_W_m.y();
  const bool on_ground = std::abs(c.p_datum_W_m.z() - ground.HeightAt(x, y)) < 0.1;
  const Eigen::Vector3d up = on_ground ? ground.NormalAt(x, y) : Eigen::Vector3d::UnitZ();
  return Eigen::Quaterniond::FromTwoVectors(Eigen::Vector3d::UnitZ(), up) *
         Eigen::Quaterniond(Eigen::AngleAxisd(c.heading_deg * kDeg, Eigen::Vector3d::UnitZ()) *
                            Eigen::AngleAxisd(c.tilt_deg * kDeg, Eigen::Vector3d::UnitX()));
}
}  // namespace

const char* EventName(EventType type) {
  switch (type) {
    case EventType::kLiftoff:
      return "liftoff";
    case EventType::kTouchdown:
      return "touchdown";
    case EventType::kTipOver:
      return "tip_over";
    case EventType::kRotorStrike:
      return "rotor_strike";
    case EventType::kBatteryDepleted:
      return "battery_depleted";
  }
  return "unknown";
}

Simulation::Simulation(const VehicleParams& vehicle, const terrain::Heightfield& terrain,
                       const SimulationConfig& config)
    : vehicle_(vehicle),
      terrain_(terrain),
      config_(config),
      step_s_(config.step_us * 1e-6),
      mass_(ComputeMassProperties(vehicle.mass_breakdown)),
      rotor_(vehicle.rotor, vehicle.airfoil),
      atmosphere_(config.surface),
      physics_(vehicle, mass_, terrain, kMarsGravity_mps2),
      state_(DeriveSeed(config.seed, "wind")) {
  if (config.step_us <= 0 || config.step_us > 20000) {
    throw std::invalid_argument("physics step must be 1-20000 us");
  }
  const Eigen::Quaterniond q = StartAttitude(config, terrain);
  physics_.Reset(config.p_datum_W_m + q * mass_.p_com_B_m, q);
  state_.body = physics_.Kinematics();
  for (RotorDriveState& d : state_.drive) {
    d.speed_rad_s = config.initial_rotor_speed_rad_s;
    d.swashplate.speed_rad_s = config.initial_rotor_speed_rad_s;
    d.swashplate.collective_rad = config.initial_collective_rad;
  }
  state_.contact_points = physics_.TerrainContactCount();
  state_.on_ground = state_.contact_points > 0;
  state_.air = atmosphere_.At(state_.body.p_com_W_m.z());
  state_.battery.voltage_v = PackOpenCircuitVoltage(vehicle.power, 1.0);
}

void Simulation::StartRotorsTrimmed(const std::array<RotorControls, 2>& controls) {
  const Eigen::Vector3d p_hub_W =
      state_.body.p_com_W_m + state_.body.q_WB * (rotor_.p_hub_B_m(kLower) - mass_.p_com_B_m);
  const double height = p_hub_W.z() - terrain_.HeightAt(p_hub_W.x(), p_hub_W.y());
  for (int r = 0; r < 2; ++r) {
    state_.drive[r].swashplate = controls[r];
    state_.drive[r].speed_rad_s = controls[r].speed_rad_s;
  }
  state_.loads = SteadyRotorLoads(rotor_, controls, state_.air, height, &state_.inflow);
  for (int r = 0; r < 2; ++r) {
    // Governor integral at the steady torque, so the motors start in balance.
    state_.drive[r].integral_n_m = state_.loads[r].shaft_torque_N_m;
    state_.drive[r].motor_torque_n_m = state_.loads[r].shaft_torque_N_m;
  }
}

void Simulation::Step(const VehicleCommand& command) {
  const double dt = step_s_;
  const double t = time_s();
  const BodyKinematics& body = state_.body;
  const Eigen::Matrix3d R_WB = body.q_WB.toRotationMatrix();

  // 1. Air at the vehicle's height, and the wind there (turbulence advances).
  state_.air = atmosphere_.At(body.p_com_W_m.z());
  const double ground_m =
      body.p_com_W_m.z() - terrain_.HeightAt(body.p_com_W_m.x(), body.p_com_W_m.y());
  state_.wind_W_mps = StepWind(config_.wind, t, dt, ground_m, body.v_com_W_mps, &state_.wind);

  // 2. Swashplate servos move towards the command.
  for (int r = 0; r < 2; ++r)
    StepSwashplate(vehicle_.drive, command.rotor[r], dt, &state_.drive[r]);

  // 3. Rotor aerodynamics at each hub (upper first; its slipstream feeds the lower), every
  //    blade at its actual azimuth; the blades turn on.
  std::array<RotorFlow, 2> flows;
  std::array<RotorControls, 2> controls;
  std::array<Eigen::Vector3d, 2> r_hub_W;
  for (int r = 0; r < 2; ++r) {
    const Eigen::Vector3d r_hub_B = rotor_.p_hub_B_m(r) - mass_.p_com_B_m;
    r_hub_W[r] = R_WB * r_hub_B;
    const Eigen::Vector3d v_hub_W = body.v_com_W_mps + R_WB * body.w_B_rad_s.cross(r_hub_B);
    const Eigen::Vector3d p_hub_W = body.p_com_W_m + r_hub_W[r];
    flows[r].v_air_hub_B_mps = R_WB.transpose() * (state_.wind_W_mps - v_hub_W);
    flows[r].w_B_rad_s = body.w_B_rad_s;
    flows[r].height_agl_m = p_hub_W.z() - terrain_.HeightAt(p_hub_W.x(), p_hub_W.y());
    controls[r] = state_.drive[r].swashplate;
  }
  state_.loads =
      rotor_.Step(controls, flows, state_.air, dt, &state_.inflow, RotorSampling::kBlades);

  // 4. Rotor drive: governors and rotor speeds; 5. power drawn from the battery.
  double load_W = vehicle_.power.avionics_power_w;
  for (int r = 0; r < 2; ++r) {
    const double torque = StepRotorSpeed(vehicle_.drive, vehicle_.rotor.rotor_inertia_kg_m2,
                                         command.rotor[r].speed_rad_s,
                                         state_.loads[r].shaft_torque_N_m, dt, &state_.drive[r]);
    load_W += MotorElectricalPower(vehicle_.power, torque, state_.drive[r].speed_rad_s);
  }
  state_.electrical_power_W = load_W;
  const bool was_depleted = state_.battery.depleted;
  StepBattery(vehicle_.power, load_W, dt, &state_.battery);
  if (state_.battery.depleted && !was_depleted) {
    state_.events.push_back({state_.tick, EventType::kBatteryDepleted, "load exceeds the pack"});
  }

  // 6. Forces on the body (re-applied every step: Bullet clears them after each step):
  //    hub forces and moments, motor reactions, rotor gyroscopic moment, fuselage drag.
  Eigen::Vector3d torque_B = Eigen::Vector3d::Zero();
  Eigen::Vector3d spin_momentum_B = Eigen::Vector3d::Zero();
  for (int r = 0; r < 2; ++r) {
    physics_.ApplyForce_W(R_WB * state_.loads[r].f_hub_B_N, r_hub_W[r]);
    const double spin = rotor_.rotor(r).spin_direction();
    torque_B += state_.loads[r].m_hub_B_N_m;
    torque_B.z() -= spin * state_.drive[r].motor_torque_n_m;
    spin_momentum_B.z() += spin * vehicle_.rotor.rotor_inertia_kg_m2 * state_.drive[r].speed_rad_s;
  }
  torque_B -= body.w_B_rad_s.cross(spin_momentum_B);
  physics_.ApplyTorque_W(R_WB * torque_B);
  const Eigen::Vector3d v_air_W = state_.wind_W_mps - body.v_com_W_mps;
  physics_.ApplyForce_W(0.5 * state_.air.density_kg_m3 * vehicle_.rotor.fuselage_drag_area_m2 *
                            v_air_W.norm() * v_air_W,
                        Eigen::Vector3d::Zero());

  // 7. Rigid body and contacts: one fixed Bullet step.
  const Eigen::Vector3d v_before_W = body.v_com_W_mps;  // the impact speed, if it touches down
  physics_.Step(dt);
  ++state_.tick;
  state_.body = physics_.Kinematics();

  // 8. Events: liftoff, touchdown, tip-over, rotor strike.
  DetectEvents(v_before_W);
}

void Simulation::DetectEvents(const Eigen::Vector3d& v_before_step_W_mps) {
  SimulationState& s = state_;
  s.contact_points = physics_.TerrainContactCount();
  const bool contact = s.contact_points > 0;
  if (contact) {
    if (!s.on_ground) {
      std::ostringstream detail;
      detail << "vertical speed " << v_before_step_W_mps.z() << " m/s, horizontal "
             << v_before_step_W_mps.head<2>().norm() << " m/s, tilt " << TiltDeg() << " deg";
      s.events.push_back({s.tick, EventType::kTouchdown, detail.str(), v_before_step_W_mps});
    }
    s.on_ground = true;
    s.ticks_without_contact = 0;
  } else if (s.on_ground && ++s.ticks_without_contact >= kLiftoffDebounceTicks) {
    s.on_ground = false;
    s.events.push_back({s.tick, EventType::kLiftoff, ""});
  }
  const double tilt = TiltDeg();
  if (contact && !s.tipped_over && tilt > vehicle_.gear.tip_over_tilt_deg) {
    s.tipped_over = true;
    std::ostringstream d;
    d << "tilt " << tilt << " deg on the ground (limit " << vehicle_.gear.tip_over_tilt_deg << ")";
    s.events.push_back({s.tick, EventType::kTipOver, d.str()});
  }
  const Eigen::Matrix3d R_WB = s.body.q_WB.toRotationMatrix();
  static const std::array<Eigen::Vector2d, kStrikeProbePoints> kProbe = [] {
    std::array<Eigen::Vector2d, kStrikeProbePoints> p;
    for (int k = 0; k < kStrikeProbePoints; ++k) {
      const double psi = 2.0 * std::numbers::pi * k / kStrikeProbePoints;
      p[k] = {std::cos(psi), std::sin(psi)};
    }
    return p;
  }();
  for (int r = 0; r < 2; ++r) {
    if (s.rotor_struck[r]) continue;
    const Eigen::Vector3d hub_W = s.body.p_com_W_m + R_WB * (rotor_.p_hub_B_m(r) - mass_.p_com_B_m);
    const double radius = rotor_.rotor(r).radius_m();
    // The tip circle cannot reach terrain sloping up to 45 deg while the hub is more than two
    // radii above the ground under it.
    if (hub_W.z() - terrain_.HeightAt(hub_W.x(), hub_W.y()) > 2.0 * radius) continue;
    for (int k = 0; k < kStrikeProbePoints; ++k) {
      const Eigen::Vector3d tip_W =
          hub_W + R_WB * Eigen::Vector3d(radius * kProbe[k].x(), radius * kProbe[k].y(), 0.0);
      if (tip_W.z() < terrain_.HeightAt(tip_W.x(), tip_W.y())) {
        s.rotor_struck[r] = true;
        std::ostringstream d;
        d << (r == kUpper ? "upper" : "lower") << " rotor tip circle touches the terrain at "
          << s.drive[r].speed_rad_s * 60.0 / (2.0 * std::numbers::pi) << " rpm";
        s.events.push_back({s.tick, EventType::kRotorStrike, d.str()});
        break;
      }
    }
  }
}

Eigen::Vector3d Simulation::p_datum_W_m() const {
  return state_.body.p_com_W_m - state_.body.q_WB * mass_.p_com_B_m;
}

double Simulation::TiltDeg() const {
  const Eigen::Vector3d up_B_in_W = state_.body.q_WB * Eigen::Vector3d::UnitZ();
  return std::acos(std::clamp(up_B_in_W.z(), -1.0, 1.0)) / kDeg;
}

std::uint64_t Simulation::StateHash() const {
  std::uint64_t h = 1469598103934665603ull;
  auto mix = [&h](const void* data, size_t size) {
    const auto* bytes = static_cast<const unsigned char*>(data);
    for (size_t i = 0; i < size; ++i) h = (h ^ bytes[i]) * 1099511628211ull;
  };
  auto mix_vec = [&](const auto& v) { mix(v.data(), sizeof(double) * v.size()); };
  const SimulationState& s = state_;
  mix(&s.tick, sizeof(s.tick));
  mix_vec(s.body.p_com_W_m);
  mix_vec(s.body.q_WB.coeffs());
  mix_vec(s.body.v_com_W_mps);
  mix_vec(s.body.w_B_rad_s);
  for (int r = 0; r < 2; ++r) {
    mix(&s.drive[r].speed_rad_s, sizeof(double));
    mix(&s.drive[r].integral_n_m, sizeof(double));
    mix(&s.drive[r].swashplate.collective_rad, sizeof(double));
    mix(&s.inflow[r].blade_azimuth_rad, sizeof(double));
    mix(s.inflow[r].v_annulus_mps.data(), sizeof(double) * s.inflow[r].v_annulus_mps.size());
    mix_vec(s.inflow[r].moment_gradient_mps);
  }
  mix(&s.battery.state_of_charge, sizeof(double));
  mix_vec(s.wind_W_mps);
  return h;
}

}  // namespace ingenuity::sim
