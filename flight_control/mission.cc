#include "flight_control/mission.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace ingenuity::flight_control {
namespace {

constexpr double kVerticalEase_mps2 = 0.4;     // climbs level off at this deceleration
constexpr double kGroundStepRate_mps = 5.0;    // the ground plane moving faster is a step
constexpr double kGroundRateTau_s = 0.2;       // the ground rate's filter
constexpr double kMovingSpeed_mps = 0.5;       // terrain preview and following above this
constexpr double kReferenceOmega_rad_s = 1.0;  // the horizontal reference's tracking bandwidth

double WrapPi(double a) { return std::remainder(a, 2.0 * std::numbers::pi); }

double YawOf(const Eigen::Quaterniond& q_WB) {
  const Eigen::Vector3d x = q_WB * Eigen::Vector3d::UnitX();
  return std::atan2(x.y(), x.x());
}

// Moves value towards target by at most rate * dt; returns the rate used (signed).
double RampTowards(double target, double rate, double dt, double* value) {
  const double step = std::clamp(target - *value, -rate * dt, rate * dt);
  *value += step;
  return dt > 0.0 ? step / dt : 0.0;
}

// As RampTowards, but slowing to stop on the target at the given deceleration.
double EaseTowards(double target, double rate, double deceleration, double dt, double* value) {
  const double limit = std::sqrt(2.0 * deceleration * std::abs(target - *value));
  return RampTowards(target, std::max(0.02, std::min(rate, limit)), dt, value);
}

// The speed to keep through the end of goto leg i: zero unless the next leg is a goto turning
// by at most corner_max_turn_rad (a sharper turn, a reversal above all, stops and starts again
// at the legs' acceleration); then the slower of the two legs' speeds, limited so that the turn
// changes the velocity by at most corner_speed_change_mps (the horizontal reference takes it at
// corner_acceleration_mps2).
double CornerSpeed(const MissionParams& p, const MissionPlan& plan, std::size_t i,
                   const Eigen::Vector2d& leg_start_W_m) {
  if (i + 1 >= plan.legs.size() || plan.legs[i + 1].kind != MissionLeg::Kind::kGoto) return 0.0;
  const MissionLeg& leg = plan.legs[i];
  const MissionLeg& next = plan.legs[i + 1];
  const Eigen::Vector2d in_W = leg.target_W_m - leg_start_W_m;
  const Eigen::Vector2d out_W = next.target_W_m - leg.target_W_m;
  if (in_W.norm() < 1e-6 || out_W.norm() < 1e-6) return 0.0;
  const double turn_rad =
      std::acos(std::clamp(in_W.normalized().dot(out_W.normalized()), -1.0, 1.0));
  if (turn_rad > p.corner_max_turn_rad) return 0.0;
  const double speed_mps = std::min(leg.speed_mps, next.speed_mps);
  const double half_turn_sin = std::sin(0.5 * turn_rad);
  if (half_turn_sin < 1e-9) return speed_mps;
  return std::min(speed_mps, p.corner_speed_change_mps / (2.0 * half_turn_sin));
}

bool Airborne(Mode m) {
  return m == Mode::kTakeoff || m == Mode::kClimb || m == Mode::kCruise || m == Mode::kHover ||
         m == Mode::kYaw || m == Mode::kDescent || m == Mode::kFinalDescent;
}

// Terrain following: the estimator's plane under the vehicle, through three first-order lags
// in a row plus their own rate times the lag they add (3 tau), so that a slope is followed
// without lag: (1 + 3 tau s) / (1 + tau s)^3. Relief the altitude loop is too slow to follow
// (ripples passing at a few seconds' period, which it could only chase late and so amplify)
// falls off as the square of its frequency and is left alone. A step (the estimator moving the
// plane onto a scarp) passes at once. Only while moving: over the ground under a hover, the
// descent and the touchdown ride on the plane itself; the filter fades in and out.
double FollowPlane(const MissionParams& p, double plane_z_W_m, bool moving, double dt,
                   MissionState* s) {
  auto& lag = s->follow_lags_z_W_m;
  const double plane_step_m = plane_z_W_m - s->last_plane_z_W_m;
  s->last_plane_z_W_m = plane_z_W_m;
  if (std::abs(plane_step_m) >= kGroundStepRate_mps * dt) {
    for (double& z : lag) z += plane_step_m;
  }
  if (p.terrain_follow_tau_s <= dt || dt <= 0.0) {
    lag.fill(plane_z_W_m);
    return plane_z_W_m;
  }
  const double gain = dt / p.terrain_follow_tau_s;
  lag[0] += (plane_z_W_m - lag[0]) * gain;
  lag[1] += (lag[0] - lag[1]) * gain;
  lag[2] += (lag[1] - lag[2]) * gain;
  RampTowards(moving ? 1.0 : 0.0, 1.0 / p.terrain_blend_s, dt, &s->follow_weight);
  return plane_z_W_m + s->follow_weight * (3.0 * lag[1] - 2.0 * lag[2] - plane_z_W_m);
}

// The horizontal setpoint the controller flies: the legs' trajectory `sp` through a
// second-order tracker (the trajectory's own acceleration fed forward) whose acceleration is
// limited, so that a corner's velocity change, or LAND_NOW's stop where the vehicle is, is
// taken at corner_acceleration_mps2 rather than as a step the controller would take at full
// tilt. Along a leg it is the trajectory itself; on the ground it is reset to it.
Setpoint TrackReference(const MissionParams& p, const Setpoint& sp, bool airborne, double dt,
                        MissionState* s) {
  Setpoint out = sp;
  const Eigen::Vector2d nominal_v_W_mps = sp.v_W_mps.head<2>();
  if (!airborne || !s->reference_valid) {
    s->reference_p_W_m = sp.p_W_m.head<2>();
    s->reference_v_W_mps = nominal_v_W_mps;
    s->last_nominal_v_W_mps = nominal_v_W_mps;
    s->reference_valid = airborne;
    return out;
  }
  if (dt <= 0.0) return out;
  const double w = kReferenceOmega_rad_s;
  const Eigen::Vector2d a_W_mps2 =
      LimitNorm(LimitNorm((nominal_v_W_mps - s->last_nominal_v_W_mps) / dt, p.acceleration_mps2) +
                    (w * w * (sp.p_W_m.head<2>() - s->reference_p_W_m) +
                     2.0 * w * (nominal_v_W_mps - s->reference_v_W_mps)),
                p.corner_acceleration_mps2);
  s->reference_v_W_mps += a_W_mps2 * dt;
  s->reference_p_W_m += s->reference_v_W_mps * dt;
  s->last_nominal_v_W_mps = nominal_v_W_mps;
  out.p_W_m.head<2>() = s->reference_p_W_m;
  out.v_W_mps.head<2>() = s->reference_v_W_mps;
  out.a_W_mps2 = a_W_mps2;
  return out;
}

}  // namespace

const char* ModeName(Mode mode) {
  switch (mode) {
    case Mode::kPreflight:
      return "PREFLIGHT";
    case Mode::kSpinUp:
      return "SPIN_UP";
    case Mode::kTakeoff:
      return "TAKEOFF";
    case Mode::kClimb:
      return "CLIMB";
    case Mode::kCruise:
      return "CRUISE";
    case Mode::kHover:
      return "HOVER";
    case Mode::kYaw:
      return "YAW";
    case Mode::kDescent:
      return "DESCENT";
    case Mode::kFinalDescent:
      return "FINAL_DESCENT";
    case Mode::kSpinDown:
      return "SPIN_DOWN";
    case Mode::kDone:
      return "DONE";
    case Mode::kAborted:
      return "ABORTED";
  }
  return "?";
}

MissionOutput StepMission(const MissionParams& p, const MissionPlan& plan, double rotor_speed_rad_s,
                          const MissionInputs& in, double dt, MissionState* s) {
  const auto enter = [&](Mode mode, const std::string& why) {
    s->mode = mode;
    s->mode_start_us = in.time_us;
    s->touchdown_timer_s = 0.0;
    s->events.push_back(
        {in.time_us, std::string(ModeName(mode)) + (why.empty() ? "" : ": " + why)});
  };
  // Starts leg i from the present setpoint (continuity), or descends when none is left.
  // A goto followed by a goto flies through the corner at `carried_speed_mps`.
  const auto start_leg = [&](std::size_t i, double carried_speed_mps = 0.0) {
    s->leg = i;
    s->leg_start_W_m = s->setpoint.p_W_m;
    s->leg_start_yaw_rad = s->setpoint.yaw_rad;
    s->along_m = 0.0;
    s->along_speed_mps = carried_speed_mps;
    if (carried_speed_mps == 0.0) s->setpoint.v_W_mps.setZero();
    if (i >= plan.legs.size()) {
      enter(Mode::kDescent, "plan complete");
      return;
    }
    const std::string n = "leg " + std::to_string(i + 1);
    switch (plan.legs[i].kind) {
      case MissionLeg::Kind::kTakeoff:
        enter(Mode::kTakeoff, n);
        break;
      case MissionLeg::Kind::kGoto:
        enter(Mode::kCruise, n);
        break;
      case MissionLeg::Kind::kHover:
        enter(Mode::kHover, n);
        break;
      case MissionLeg::Kind::kYaw:
        enter(Mode::kYaw, n);
        break;
      case MissionLeg::Kind::kLand:
        enter(Mode::kDescent, n);
        break;
    }
  };

  const double datum_height_m = in.nav.p_W_m.z() - in.ground_z_W_m - p.com_height_m;
  const double elapsed_s = (in.time_us - s->mode_start_us) * 1e-6;
  const double com_z_on_ground = in.ground_z_W_m + p.com_height_m;

  // Checks, while flying: any failure lands now, where the vehicle is.
  if (Airborne(s->mode) && !s->land_now) {
    std::string reason;
    if (in.battery_soc < p.low_battery_soc) {
      reason = "low battery";
    } else if (in.consecutive_out_of_sync >= p.sync_loss_frames) {
      reason = "image/IMU sync loss";
    } else if (in.consecutive_rejections >= p.divergence_rejections ||
               in.horizontal_sigma_m > p.divergence_sigma_m) {
      reason = "estimator divergence (" + std::to_string(in.consecutive_rejections) +
               " frames rejected in a row, horizontal sigma " +
               std::to_string(in.horizontal_sigma_m) + " m)";
    }
    if (!reason.empty()) {
      s->land_now = true;
      s->land_now_reason = reason;
      s->setpoint.p_W_m.head<2>() = in.nav.p_W_m.head<2>();
      s->setpoint.v_W_mps.setZero();
      s->events.push_back({in.time_us, "LAND_NOW: " + reason});
      if (s->mode != Mode::kFinalDescent) enter(Mode::kDescent, "LAND_NOW");
    }
  }

  const Eigen::Vector2d v_W_mps =
      s->reference_valid ? s->reference_v_W_mps : Eigen::Vector2d(s->setpoint.v_W_mps.head<2>());
  const double speed_mps = v_W_mps.norm();
  const bool moving = Airborne(s->mode) && speed_mps > kMovingSpeed_mps;
  const double followed_plane_z_W_m = FollowPlane(p, in.ground_z_W_m, moving, dt, s);

  // The ground the altitude hold rides on: that plane or, while moving over mapped ground, the
  // map's mean over the stretch ahead (which previews a dip or a rise, and averages out relief
  // too short to follow). The map is tied to the plane by an offset measured under the vehicle
  // and slowly filtered; the preview fades in and out.
  double hold_ground_z_W_m = followed_plane_z_W_m;
  if (in.ground_map && dt > 0.0) {
    const Eigen::Vector2d here_W_m = in.nav.p_W_m.head<2>();
    double z_here = 0.0;
    if (MeanGroundHeight(*in.ground_map, here_W_m, Eigen::Vector2d::Zero(), 0.0,
                         p.preview_here_radius_m, &z_here) >= p.preview_min_weight) {
      const double offset_m = in.ground_z_W_m - z_here;
      if (s->preview_offset_age_s > p.preview_offset_tau_s) s->preview_offset_m = offset_m;
      s->preview_offset_m +=
          (offset_m - s->preview_offset_m) * std::min(1.0, dt / p.preview_offset_tau_s);
      s->preview_offset_age_s = 0.0;
    } else {
      // Unmapped under the vehicle (hovering: no parallax): the tie ages. A stale one would set
      // the map measured elsewhere on this plane, and preview a rise or a dip that is not there.
      s->preview_offset_age_s += dt;
    }
    double z_ahead = 0.0;
    const bool ahead = moving && s->preview_offset_age_s <= p.preview_offset_tau_s &&
                       MeanGroundHeight(*in.ground_map, here_W_m + v_W_mps * p.preview_lead_s,
                                        v_W_mps / speed_mps, speed_mps * p.preview_half_window_s,
                                        p.preview_radius_m, &z_ahead) >= p.preview_min_weight;
    if (ahead) s->preview_ground_z_W_m = z_ahead + s->preview_offset_m;
    RampTowards(ahead ? 1.0 : 0.0, 1.0 / p.terrain_blend_s, dt, &s->preview_weight);
    hold_ground_z_W_m += s->preview_weight * (s->preview_ground_z_W_m - followed_plane_z_W_m);
  }

  // That ground's rate, fed forward: a filtered difference. A step has no rate; the setpoint
  // steps with it and the controller's climb and descent limits take it.
  if (dt > 0.0) {
    const double step_m = hold_ground_z_W_m - s->last_ground_z_W_m;
    const double rate_mps = std::abs(step_m) < kGroundStepRate_mps * dt ? step_m / dt : 0.0;
    s->ground_rate_mps += (rate_mps - s->ground_rate_mps) * std::min(1.0, dt / kGroundRateTau_s);
  }
  s->last_ground_z_W_m = hold_ground_z_W_m;

  // Altitude hold above the ground plane under the vehicle, which follows the terrain as the
  // altimeter sees it: the height eases to the target at `rate`, and the setpoint rides on the
  // ground plane at that height. True once the height is there.
  const auto hold_height = [&](double rate) {
    const double target_m = s->hold_altitude_agl_m;
    const double height_rate =
        EaseTowards(target_m, rate, kVerticalEase_mps2, dt, &s->setpoint_height_m);
    s->setpoint.p_W_m.z() = hold_ground_z_W_m + p.com_height_m + s->setpoint_height_m;
    s->setpoint.v_W_mps.z() = height_rate + s->ground_rate_mps;
    return std::abs(s->setpoint_height_m - target_m) < 0.05;
  };
  const auto hold_altitude = [&]() {
    return hold_height(s->hold_altitude_agl_m > s->setpoint_height_m ? p.climb_rate_mps
                                                                     : p.descent_rate_mps);
  };

  MissionOutput out;
  const MissionLeg* leg = s->leg < plan.legs.size() ? &plan.legs[s->leg] : nullptr;
  Setpoint& sp = s->setpoint;
  switch (s->mode) {
    case Mode::kPreflight:
      if (elapsed_s >= p.preflight_s) {
        if (in.preflight_ok) {
          enter(Mode::kSpinUp, "");
        } else {
          enter(Mode::kAborted, "preflight checks failed");
        }
      }
      break;
    case Mode::kSpinUp:
      out.rotor_speed_rad_s = rotor_speed_rad_s;
      if (elapsed_s >= p.spin_up_s) {
        sp.p_W_m = in.nav.p_W_m;
        sp.v_W_mps.setZero();
        s->setpoint_height_m = in.nav.p_W_m.z() - com_z_on_ground;
        sp.yaw_rad = YawOf(in.nav.q_WB);
        start_leg(0);
      }
      break;
    case Mode::kTakeoff:
    case Mode::kClimb: {
      s->hold_altitude_agl_m = leg ? leg->altitude_agl_m : 1.0;
      const bool there =
          hold_height(s->mode == Mode::kTakeoff ? p.takeoff_climb_rate_mps : p.climb_rate_mps);
      if (s->mode == Mode::kTakeoff && datum_height_m > p.ground_effect_height_m) {
        enter(Mode::kClimb, "out of ground effect");
      }
      if (there && std::abs(in.nav.p_W_m.z() - sp.p_W_m.z()) < 0.15) {
        start_leg(s->leg + 1);
      }
      break;
    }
    case Mode::kCruise: {
      const Eigen::Vector2d d = leg->target_W_m - s->leg_start_W_m.head<2>();
      const double length = d.norm();
      const Eigen::Vector2d dir =
          length > 1e-9 ? Eigen::Vector2d(d / length) : Eigen::Vector2d(0, 0);
      // Trapezoidal speed: accelerate, cruise, and brake to stop at the waypoint, or only to
      // the corner speed when the next leg is a goto too.
      const double corner_mps = CornerSpeed(p, plan, s->leg, s->leg_start_W_m.head<2>());
      const double brake = std::sqrt(
          corner_mps * corner_mps + 2.0 * p.acceleration_mps2 * std::max(0.0, length - s->along_m));
      s->along_speed_mps =
          std::min({leg->speed_mps, s->along_speed_mps + p.acceleration_mps2 * dt, brake});
      s->along_m = std::min(length, s->along_m + s->along_speed_mps * dt);
      if (s->along_m >= length) s->along_speed_mps = corner_mps;
      sp.p_W_m.head<2>() = s->leg_start_W_m.head<2>() + dir * s->along_m;
      sp.v_W_mps.head<2>() = dir * s->along_speed_mps;
      if (leg->altitude_agl_m >= 0.0) s->hold_altitude_agl_m = leg->altitude_agl_m;
      const bool altitude_done = hold_altitude();
      if (s->along_m >= length && corner_mps > 0.0) {
        start_leg(s->leg + 1, corner_mps);
      } else if (s->along_m >= length && altitude_done &&
                 (in.nav.p_W_m.head<2>() - leg->target_W_m).norm() < p.arrive_radius_m &&
                 in.nav.v_W_mps.norm() < p.arrive_speed_mps) {
        start_leg(s->leg + 1);
      }
      break;
    }
    case Mode::kHover:
      sp.v_W_mps.setZero();
      hold_altitude();
      if (elapsed_s >= leg->duration_s) start_leg(s->leg + 1);
      break;
    case Mode::kYaw: {
      const double target = s->leg_start_yaw_rad + WrapPi(leg->yaw_rad - s->leg_start_yaw_rad);
      RampTowards(target, p.yaw_rate_rad_s, dt, &sp.yaw_rad);
      hold_altitude();
      if (sp.yaw_rad == target &&
          std::abs(WrapPi(YawOf(in.nav.q_WB) - target)) < 2.0 * std::numbers::pi / 180.0) {
        sp.yaw_rad = WrapPi(target);
        start_leg(s->leg + 1);
      }
      break;
    }
    case Mode::kDescent:
      sp.v_W_mps.head<2>().setZero();
      sp.v_W_mps.z() = RampTowards(com_z_on_ground - 1.0, p.descent_rate_mps, dt, &sp.p_W_m.z());
      if (datum_height_m < p.final_descent_height_m) {
        sp.p_W_m.z() = in.nav.p_W_m.z();
        enter(Mode::kFinalDescent, "images ignored from here");
      }
      break;
    case Mode::kFinalDescent:
      // Steady descent on the altimeter and IMU, through contact, until it stops.
      sp.v_W_mps.z() =
          RampTowards(com_z_on_ground - 0.5, p.final_descent_rate_mps, dt, &sp.p_W_m.z());
      if (datum_height_m < p.touchdown_height_m &&
          std::abs(in.nav.v_W_mps.z()) < p.touchdown_speed_mps) {
        s->touchdown_timer_s += dt;
      } else {
        s->touchdown_timer_s = 0.0;
      }
      if (s->touchdown_timer_s >= p.touchdown_time_s) enter(Mode::kSpinDown, "touchdown detected");
      break;
    case Mode::kSpinDown:
      if (elapsed_s >= p.spin_down_s) enter(Mode::kDone, "");
      break;
    case Mode::kDone:
    case Mode::kAborted:
      break;
  }

  out.setpoint = TrackReference(p, sp, Airborne(s->mode), dt, s);
  out.fly = Airborne(s->mode);
  out.on_ground = s->mode == Mode::kPreflight || s->mode == Mode::kSpinUp;
  if (out.fly) out.rotor_speed_rad_s = rotor_speed_rad_s;
  out.use_images = out.fly && s->mode != Mode::kFinalDescent && s->mode != Mode::kTakeoff &&
                   datum_height_m > p.final_descent_height_m;
  return out;
}

Rehearsal RehearsePlan(const MissionParams& p, const MissionPlan& plan,
                       const Eigen::Vector2d& start_W_m, double start_yaw_rad, std::int64_t step_us,
                       double max_s) {
  Rehearsal r;
  if (step_us <= 0) return r;
  const double dt = step_us * 1e-6;
  const double ground_com_z_m = p.com_height_m;  // level ground at z = 0
  MissionState s;
  MissionInputs in;
  in.nav.p_W_m = Eigen::Vector3d(start_W_m.x(), start_W_m.y(), ground_com_z_m);
  in.nav.q_WB = Eigen::AngleAxisd(start_yaw_rad, Eigen::Vector3d::UnitZ());
  std::int64_t liftoff_us = -1, touchdown_us = -1;
  std::size_t leg = 0;
  const auto since_liftoff = [&](std::int64_t t_us) {
    return liftoff_us < 0 ? 0.0 : (t_us - liftoff_us) * 1e-6;
  };
  for (std::int64_t t_us = 0; t_us * 1e-6 < max_s; t_us += step_us) {
    in.time_us = t_us;
    const MissionOutput out = StepMission(p, plan, 0.0, in, dt, &s);
    for (; leg < std::min(s.leg, plan.legs.size()); ++leg) {
      r.leg_end_s.push_back(since_liftoff(t_us));
    }
    if (s.mode == Mode::kSpinDown || s.mode == Mode::kDone) {
      for (; leg < plan.legs.size(); ++leg) r.leg_end_s.push_back(since_liftoff(t_us));
      r.completed = liftoff_us >= 0 && touchdown_us >= 0;
      return r;
    }
    if (s.mode == Mode::kAborted) return r;
    // The ideal vehicle: where the setpoint is, or resting on the ground below it.
    const Eigen::Vector3d before_W_m = in.nav.p_W_m;
    in.nav.p_W_m = out.setpoint.p_W_m;
    in.nav.v_W_mps = out.setpoint.v_W_mps;
    const bool resting = !out.fly || in.nav.p_W_m.z() <= ground_com_z_m;
    if (resting) {
      if (!out.fly) in.nav.p_W_m.head<2>() = before_W_m.head<2>();
      in.nav.p_W_m.z() = ground_com_z_m;
      in.nav.v_W_mps.setZero();
    }
    in.nav.q_WB = Eigen::AngleAxisd(out.fly ? out.setpoint.yaw_rad : YawOf(in.nav.q_WB),
                                    Eigen::Vector3d::UnitZ());
    r.distance_m += (in.nav.p_W_m - before_W_m).head<2>().norm();
    if (liftoff_us < 0 && !resting) liftoff_us = t_us;
    if (liftoff_us >= 0 && touchdown_us < 0) {
      if (resting) touchdown_us = t_us;
      r.airborne_s = since_liftoff(t_us);
    }
  }
  return r;
}

}  // namespace ingenuity::flight_control
