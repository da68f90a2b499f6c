// The vehicle simulation: one fixed-step loop over atmosphere, wind, swashplates, rotors,
// rotor drive, power and battery, the Bullet rigid body on the terrain, and events.
// Simulation::Step is the one place that wires them, in the documented order.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/coaxial_rotor.h"
#include "sim/mars_atmosphere.h"
#include "sim/physics_world.h"
#include "sim/power.h"
#include "sim/rotor_drive.h"
#include "sim/vehicle_params.h"
#include "sim/wind.h"
#include "terrain/heightfield.h"

namespace ingenuity::sim {

/// What the flight software commands each step.
struct VehicleCommand {
  std::array<RotorCommand, 2> rotor;  ///< upper, lower
};

/// Setting of one run.
struct SimulationConfig {
  SurfaceConditions surface = Flight1Conditions();
  WindParams wind;
  std::uint64_t seed = 1;
  std::int64_t step_us = 1000;                            ///< physics step [us]; 1 kHz
  Eigen::Vector3d p_datum_W_m = Eigen::Vector3d::Zero();  ///< start: datum (under the feet)
  double heading_deg = 0.0;  ///< start: body +x azimuth, 0 = east, counter-clockwise [deg]
  double tilt_deg = 0.0;     ///< start: roll about body +x [deg]
  double initial_rotor_speed_rad_s = 0.0;
  double initial_collective_rad = 0.0;
};

enum class EventType { kLiftoff, kTouchdown, kTipOver, kRotorStrike, kBatteryDepleted };
const char* EventName(EventType type);

struct Event {
  std::int64_t tick = 0;
  EventType type = EventType::kTouchdown;
  std::string detail;
  Eigen::Vector3d v_W_mps = Eigen::Vector3d::Zero();  ///< touchdown: the impact velocity
};

/// Everything that changes during a run.
struct SimulationState {
  explicit SimulationState(std::uint64_t wind_seed) : wind(wind_seed) {}
  std::int64_t tick = 0;
  BodyKinematics body;
  std::array<RotorDriveState, 2> drive{};
  std::array<RotorInflowState, 2> inflow{};
  std::array<RotorLoads, 2> loads{};
  BatteryState battery;
  WindState wind;
  Eigen::Vector3d wind_W_mps = Eigen::Vector3d::Zero();
  AirState air;
  double electrical_power_W = 0.0;
  int contact_points = 0;
  bool on_ground = false;
  int ticks_without_contact = 0;
  bool tipped_over = false;
  std::array<bool, 2> rotor_struck{false, false};
  std::vector<Event> events;
};

class Simulation {
 public:
  /// The vehicle and terrain must outlive the simulation. Throws std::invalid_argument on a
  /// bad configuration.
  Simulation(const VehicleParams& vehicle, const terrain::Heightfield& terrain,
             const SimulationConfig& config);

  /// Sets both rotors to these controls at their speeds and converges their inflow at the
  /// current body state, as if the run had started in steady flight (air relative to the
  /// body taken as still).
  void StartRotorsTrimmed(const std::array<RotorControls, 2>& controls);

  /// Advances one physics step with this command.
  void Step(const VehicleCommand& command);

  const SimulationState& state() const { return state_; }
  double time_s() const { return state_.tick * step_s_; }
  double step_s() const { return step_s_; }
  std::int64_t step_us() const { return config_.step_us; }
  const MassProperties& mass() const { return mass_; }
  const CoaxialRotor& rotor() const { return rotor_; }
  const MarsAtmosphere& atmosphere() const { return atmosphere_; }
  const terrain::Heightfield& terrain() const { return terrain_; }
  const VehicleParams& vehicle() const { return vehicle_; }

  /// Datum (ground point under the feet) in the world [m].
  Eigen::Vector3d p_datum_W_m() const;
  /// Angle between body +z and world up [deg].
  double TiltDeg() const;
  /// Hash of the whole changing state, bit for bit (FNV-1a over the raw numbers).
  std::uint64_t StateHash() const;

 private:
  // v_before_step: the body's velocity before this step's contacts acted (impact speed).
  void DetectEvents(const Eigen::Vector3d& v_before_step_W_mps);

  const VehicleParams& vehicle_;
  const terrain::Heightfield& terrain_;
  SimulationConfig config_;
  double step_s_;
  MassProperties mass_;
  CoaxialRotor rotor_;
  MarsAtmosphere atmosphere_;
  PhysicsWorld physics_;
  SimulationState state_;
};

}  // namespace ingenuity::sim
