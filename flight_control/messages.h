// The messages the flight software receives from its sensors: the only view of the world it
// has. Plain structs; sim/ produces them, flight_control/ consumes them.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace ingenuity::flight_control {

/// One IMU sample, body axes (x forward, y left, z up).
struct ImuSample {
  std::int64_t time_us = 0;
  Eigen::Vector3d specific_force_B_mps2 = Eigen::Vector3d::Zero();  ///< accelerometer
  Eigen::Vector3d rate_B_rad_s = Eigen::Vector3d::Zero();           ///< gyroscope
};

/// One laser altimeter sample: slant range along the body's -z axis.
struct RangeSample {
  std::int64_t time_us = 0;
  bool valid = false;  ///< false: no return (dropout, or beyond the maximum range)
  double range_m = 0.0;
};

/// Roll and pitch from the inclinometer (levelling before take-off).
struct InclinometerSample {
  std::int64_t time_us = 0;
  double roll_rad = 0.0;
  double pitch_rad = 0.0;
};

/// The battery monitor: pack voltage and the state of charge it implies.
struct BatterySample {
  std::int64_t time_us = 0;
  double voltage_v = 0.0;
  double state_of_charge = 1.0;  ///< [-]
};

/// One tracked terrain feature in a navigation-camera image.
struct ImageFeature {
  std::uint64_t id = 0;  ///< the same terrain point keeps its id from frame to frame
  double u_px = 0.0;     ///< column, 0 at the left edge
  double v_px = 0.0;     ///< row, 0 at the top edge
};

/// One navigation-camera frame (grayscale 640 x 480, nadir, global shutter) reduced to the
/// features the tracker found in it.
struct CameraFrame {
  std::int64_t capture_time_us = 0;   ///< when the shutter opened (truth)
  std::int64_t delivery_time_us = 0;  ///< when the flight software receives it
  std::int64_t timestamp_us = 0;      ///< the time the frame says it was taken
  std::vector<ImageFeature> features;
};

}  // namespace ingenuity::flight_control
