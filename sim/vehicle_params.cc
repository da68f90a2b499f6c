#include "sim/vehicle_params.h"

namespace ingenuity::sim {

MassProperties ComputeMassProperties(const std::vector<MassItem>& items) {
  MassProperties mp;
  for (const MassItem& it : items) {
    mp.mass_kg += it.mass_kg;
    mp.p_com_B_m += it.mass_kg * it.p_B_m;
  }
  mp.p_com_B_m /= mp.mass_kg;
  for (const MassItem& it : items) {
    const Eigen::Vector3d s = it.size_m;
    const Eigen::Vector3d own(s.y() * s.y() + s.z() * s.z(), s.x() * s.x() + s.z() * s.z(),
                              s.x() * s.x() + s.y() * s.y());
    const Eigen::Vector3d d = it.p_B_m - mp.p_com_B_m;
    // Solid box about its centre, then the parallel-axis term.
    mp.inertia_com_B_kg_m2 += it.mass_kg / 12.0 * own.asDiagonal().toDenseMatrix();
    mp.inertia_com_B_kg_m2 +=
        it.mass_kg * (d.squaredNorm() * Eigen::Matrix3d::Identity() - d * d.transpose());
  }
  return mp;
}

}  // namespace ingenuity::sim
