// The Bullet side of the simulation: the vehicle as one rigid body with a compound collision
// shape (fuselage box, leg capsules, foot spheres) over a btHeightfieldTerrainShape that reads
// the terrain's own height array. Nothing else in sim/ includes Bullet headers.
#pragma once

#include <Eigen/Core>
#include <Eigen/Geometry>
#include <memory>

#include "sim/vehicle_params.h"
#include "terrain/heightfield.h"

class btDefaultCollisionConfiguration;
class btCollisionDispatcher;
class btBroadphaseInterface;
class btSequentialImpulseConstraintSolver;
class btDiscreteDynamicsWorld;
class btHeightfieldTerrainShape;
class btCompoundShape;
class btCollisionShape;
class btRigidBody;
class btCollisionObject;

namespace ingenuity::sim {

/// Body state as the rest of the simulation sees it (double precision copies).
struct BodyKinematics {
  Eigen::Vector3d p_com_W_m = Eigen::Vector3d::Zero();       ///< centre of mass, ENU [m]
  Eigen::Quaterniond q_WB = Eigen::Quaterniond::Identity();  ///< body to world
  Eigen::Vector3d v_com_W_mps = Eigen::Vector3d::Zero();     ///< [m/s]
  Eigen::Vector3d w_B_rad_s = Eigen::Vector3d::Zero();       ///< body rates, body axes [rad/s]
};

/// Where Bullet must place a btHeightfieldTerrainShape built from this field with
/// min/max heights passed as (min - pad, max + pad): Bullet centres the shape on its
/// bounding box, so the object goes to the box centre in ENU [m].
Eigen::Vector3d HeightfieldObjectOrigin_W(const terrain::Heightfield& field);

class PhysicsWorld {
 public:
  /// The heightfield must outlive the world: Bullet reads its heights in place.
  PhysicsWorld(const VehicleParams& vehicle, const MassProperties& mass,
               const terrain::Heightfield& field, double gravity_mps2);
  ~PhysicsWorld();
  PhysicsWorld(const PhysicsWorld&) = delete;
  PhysicsWorld& operator=(const PhysicsWorld&) = delete;

  /// Places the body: its centre of mass at p_com_W with attitude q_WB, at rest.
  void Reset(const Eigen::Vector3d& p_com_W_m, const Eigen::Quaterniond& q_WB);
  BodyKinematics Kinematics() const;
  /// Force at a point given relative to the centre of mass (both world axes) [N, m].
  void ApplyForce_W(const Eigen::Vector3d& f_W_N, const Eigen::Vector3d& r_W_m);
  void ApplyTorque_W(const Eigen::Vector3d& m_W_N_m);
  /// One fixed step: stepSimulation(dt, 1, dt). Bullet clears applied forces afterwards.
  void Step(double dt_s);
  /// Contact points between the vehicle and the terrain after the last step.
  int TerrainContactCount() const;

 private:
  std::unique_ptr<btDefaultCollisionConfiguration> config_;
  std::unique_ptr<btCollisionDispatcher> dispatcher_;
  std::unique_ptr<btBroadphaseInterface> broadphase_;
  std::unique_ptr<btSequentialImpulseConstraintSolver> solver_;
  std::unique_ptr<btDiscreteDynamicsWorld> world_;
  std::unique_ptr<btHeightfieldTerrainShape> terrain_shape_;
  std::unique_ptr<btCollisionObject> terrain_object_;
  std::unique_ptr<btCompoundShape> body_shape_;
  std::vector<std::unique_ptr<btCollisionShape>> child_shapes_;
  std::unique_ptr<btRigidBody> body_;
};

}  // namespace ingenuity::sim
