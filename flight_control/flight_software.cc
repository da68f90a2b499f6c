#include "flight_control/flight_software.h"

#include <algorithm>
#include <cmath>

namespace ingenuity::flight_control {

void InitializeFlightSoftware(const FlightSoftwareParams& params,
                              const Eigen::Vector3d& p_start_datum_W_m, double start_yaw_rad,
                              FlightSoftwareState* s) {
  *s = FlightSoftwareState();
  ResetGroundMap(params.ground_map, &s->ground_map);
  s->p_start_datum_W_m = p_start_datum_W_m;
  s->start_yaw_rad = start_yaw_rad;
}

NavState NavEstimate(const EstimatorState& e) { return {e.p_W_m, e.v_W_mps, e.q_WB, e.w_B_rad_s}; }

const ActuatorCommand& StepFlightSoftware(const FlightSoftwareParams& params,
                                          const MissionPlan& plan, const FlightSoftwareInputs& in,
                                          FlightSoftwareState* s) {
  const std::int64_t now_us = in.imu.time_us;
  EstimatorState& est = s->estimator;
  if (in.battery) s->battery_soc = in.battery->state_of_charge;

  // 1. Preflight: average at rest, then start the filter.
  const double preflight_elapsed_s = (now_us - s->mission.mode_start_us) * 1e-6;
  if (s->mission.mode == Mode::kPreflight &&
      preflight_elapsed_s >= params.mission.preflight_settle_s) {
    s->gyro_sum += in.imu.rate_B_rad_s;
    s->accel_sum += in.imu.specific_force_B_mps2;
    ++s->imu_count;
    if (in.inclinometer) {
      s->roll_sum_rad += in.inclinometer->roll_rad;
      s->pitch_sum_rad += in.inclinometer->pitch_rad;
      ++s->inclinometer_count;
    }
    if (preflight_elapsed_s >= params.mission.preflight_s && !est.initialized) {
      const double roll = s->inclinometer_count ? s->roll_sum_rad / s->inclinometer_count : 0.0;
      const double pitch = s->inclinometer_count ? s->pitch_sum_rad / s->inclinometer_count : 0.0;
      const Eigen::Quaterniond q_WB =
          Eigen::AngleAxisd(s->start_yaw_rad, Eigen::Vector3d::UnitZ()) *
          Eigen::AngleAxisd(pitch, Eigen::Vector3d::UnitY()) *
          Eigen::AngleAxisd(roll, Eigen::Vector3d::UnitX());
      const Eigen::Vector3d gyro_bias = s->gyro_sum / s->imu_count;
      // At rest the accelerometer reads gravity's reaction: what is left is its bias.
      const Eigen::Vector3d expected_B =
          q_WB.conjugate() * Eigen::Vector3d(0.0, 0.0, params.control.gravity_mps2);
      const Eigen::Vector3d accel_bias = s->accel_sum / s->imu_count - expected_B;
      const Eigen::Vector3d p_W =
          s->p_start_datum_W_m + q_WB * Eigen::Vector3d(0.0, 0.0, params.mission.com_height_m);
      InitializeEstimator(params.estimator, now_us, p_W, q_WB, gyro_bias, accel_bias,
                          s->p_start_datum_W_m.z(), &est);
      s->vertical_track_m = est.p_W_m.z();
      const double tilt = std::acos(std::clamp((q_WB * Eigen::Vector3d::UnitZ()).z(), -1.0, 1.0));
      s->preflight_ok = s->inclinometer_count > 0 && tilt < params.mission.max_preflight_tilt_rad &&
                        gyro_bias.norm() < params.mission.max_preflight_gyro_bias_rad_s;
    }
  }

  // 2. Filter.
  if (est.initialized) {
    if (now_us > est.time_us) {
      const double dt_s = (in.imu.time_us - est.time_us) * 1e-6;
      PropagateImu(params.estimator, in.imu, &est);
      s->vertical_track_m += est.v_W_mps.z() * dt_s;
    }
    if (in.range) UpdateRange(params.estimator, *in.range, &est);
    if (s->mission_output.on_ground) UpdateZeroVelocity(params.estimator, &est);
    if (s->mission_output.use_images) {
      for (const CameraFrame& frame : in.frames) {
        s->last_frame_use = UpdateCamera(params.estimator, frame, now_us, &est);
        Eigen::Vector3d p_W_m;
        Eigen::Quaterniond q_WB;
        if ((s->last_frame_use == FrameUse::kUsed || s->last_frame_use == FrameUse::kNewBase) &&
            PoseAtTime(est, frame.timestamp_us, &p_W_m, &q_WB)) {
          // Mapped at the filter's horizontal pose and the smooth vertical track.
          p_W_m.z() = s->vertical_track_m - est.v_W_mps.z() * (now_us - frame.timestamp_us) * 1e-6;
          UpdateGroundMap(params.ground_map, params.estimator, frame,
                          p_W_m + q_WB * params.estimator.p_camera_B_m, q_WB, &s->ground_map);
        }
        if (s->last_frame_use == FrameUse::kOutOfSync) {
          ++s->consecutive_out_of_sync;
        } else {
          s->consecutive_out_of_sync = 0;
        }
      }
    } else {
      DropBaseFrame(&est);
      ForgetSightings(&s->ground_map);
    }
  }

  // 3. Executor.
  MissionInputs mi;
  mi.time_us = now_us;
  // Heights in the flight frame: the vehicle at its vertical track, the ground the filter's
  // height below it (see FlightSoftwareState::vertical_track_m).
  mi.nav = NavEstimate(est);
  mi.nav.p_W_m.z() = s->vertical_track_m;
  mi.ground_z_W_m = est.ground_z_W_m + (s->vertical_track_m - est.p_W_m.z());
  mi.ground_map = &s->ground_map;
  mi.horizontal_sigma_m = HorizontalSigma(est);
  mi.consecutive_out_of_sync = s->consecutive_out_of_sync;
  mi.consecutive_rejections = est.consecutive_rejections;
  mi.battery_soc = s->battery_soc;
  mi.preflight_ok = s->preflight_ok;
  const double dt = s->period_us * 1e-6;
  const bool was_flying = s->mission_output.fly;
  s->mission_output =
      StepMission(params.mission, plan, params.control.rotor_speed_rad_s, mi, dt, &s->mission);

  // 4. Controller, from fresh integrators at take-off.
  if (s->mission_output.fly) {
    if (!was_flying) s->control = ControllerState();
    s->command =
        StepController(params.control, mi.nav, s->mission_output.setpoint, dt, &s->control);
  } else {
    s->command = ActuatorCommand();
    s->command.rotor_speed_rad_s = s->mission_output.rotor_speed_rad_s;
  }
  return s->command;
}

}  // namespace ingenuity::flight_control
