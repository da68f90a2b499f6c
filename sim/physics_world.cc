#include "sim/physics_world.h"

#include <BulletCollision/CollisionShapes/btHeightfieldTerrainShape.h>
#include <btBulletDynamicsCommon.h>

#include <Eigen/Dense>

namespace ingenuity::sim {
namespace {
// Height padding of the Bullet terrain box (keeps a level field's box from being flat) [m].
constexpr double kTerrainPad_m = 1.0;

btVector3 ToBt(const Eigen::Vector3d& v) {
  return btVector3(static_cast<btScalar>(v.x()), static_cast<btScalar>(v.y()),
                   static_cast<btScalar>(v.z()));
}
Eigen::Vector3d FromBt(const btVector3& v) { return {v.x(), v.y(), v.z()}; }
}  // namespace

Eigen::Vector3d HeightfieldObjectOrigin_W(const terrain::Heightfield& field) {
  // The padding is symmetric, so the centre is that of the samples' own bounds.
  return field.BoundsCentre_W();
}

PhysicsWorld::PhysicsWorld(const VehicleParams& vehicle, const MassProperties& mass,
                           const terrain::Heightfield& field, double gravity_mps2)
    : config_(std::make_unique<btDefaultCollisionConfiguration>()),
      dispatcher_(std::make_unique<btCollisionDispatcher>(config_.get())),
      broadphase_(std::make_unique<btDbvtBroadphase>()),
      solver_(std::make_unique<btSequentialImpulseConstraintSolver>()),
      world_(std::make_unique<btDiscreteDynamicsWorld>(dispatcher_.get(), broadphase_.get(),
                                                       solver_.get(), config_.get())) {
  world_->setGravity(btVector3(0, 0, static_cast<btScalar>(-gravity_mps2)));
  // Resolve every penetration by split impulse: Baumgarte correction (Bullet's default below
  // 4 cm of penetration) turns a 1.5 m/s foot impact into a bounce.
  world_->getSolverInfo().m_splitImpulse = 1;
  world_->getSolverInfo().m_splitImpulsePenetrationThreshold = 0;
  // Static friction that holds: two friction directions per contact, kept from step to step
  // (a resting vehicle otherwise creeps down a 1 deg slope at 0.2 mm/s and turns at 4e-5 rad/s,
  // which the gyro sees and the preflight averaging takes for bias).
  world_->getSolverInfo().m_solverMode |=
      SOLVER_USE_2_FRICTION_DIRECTIONS | SOLVER_ENABLE_FRICTION_DIRECTION_CACHING;

  // Terrain: Bullet reads field.heights_m() in place (row-major by north, x = east).
  terrain_shape_ = std::make_unique<btHeightfieldTerrainShape>(
      field.count_east(), field.count_north(), field.heights_m().data(),
      static_cast<btScalar>(field.min_height_m() - kTerrainPad_m),
      static_cast<btScalar>(field.max_height_m() + kTerrainPad_m), 2, false);
  const btScalar spacing = static_cast<btScalar>(field.spacing_m());
  terrain_shape_->setLocalScaling(btVector3(spacing, spacing, 1));
  terrain_object_ = std::make_unique<btCollisionObject>();
  terrain_object_->setCollisionShape(terrain_shape_.get());
  btTransform terrain_pose;
  terrain_pose.setIdentity();
  terrain_pose.setOrigin(ToBt(HeightfieldObjectOrigin_W(field)));
  terrain_object_->setWorldTransform(terrain_pose);
  terrain_object_->setFriction(1.0);
  terrain_object_->setRestitution(1.0);
  world_->addCollisionObject(terrain_object_.get());

  // Vehicle: children placed relative to the centre of mass (the body's origin in Bullet).
  const LandingGearParams& g = vehicle.gear;
  body_shape_ = std::make_unique<btCompoundShape>();
  auto add_child = [&](std::unique_ptr<btCollisionShape> shape, const Eigen::Vector3d& p_B,
                       const Eigen::Quaterniond& q) {
    btTransform t;
    t.setOrigin(ToBt(p_B - mass.p_com_B_m));
    t.setRotation(btQuaternion(static_cast<btScalar>(q.x()), static_cast<btScalar>(q.y()),
                               static_cast<btScalar>(q.z()), static_cast<btScalar>(q.w())));
    body_shape_->addChildShape(t, shape.get());
    child_shapes_.push_back(std::move(shape));
  };
  add_child(std::make_unique<btBoxShape>(ToBt(0.5 * g.fuselage_size_m)), g.p_fuselage_B_m,
            Eigen::Quaterniond::Identity());
  for (size_t i = 0; i < g.p_foot_B_m.size(); ++i) {
    const Eigen::Vector3d leg = g.p_foot_B_m[i] - g.p_leg_top_B_m[i];
    const double length = leg.norm();
    const Eigen::Quaterniond q = Eigen::Quaterniond::FromTwoVectors(Eigen::Vector3d::UnitZ(), leg);
    add_child(std::make_unique<btCapsuleShapeZ>(static_cast<btScalar>(g.leg_radius_m),
                                                static_cast<btScalar>(length)),
              0.5 * (g.p_foot_B_m[i] + g.p_leg_top_B_m[i]), q);
    add_child(std::make_unique<btSphereShape>(static_cast<btScalar>(g.foot_radius_m)),
              g.p_foot_B_m[i], Eigen::Quaterniond::Identity());
  }
  // The breakdown's inertia is diagonal in body axes for this symmetric vehicle; Bullet takes
  // principal moments, so the small products of inertia are dropped.
  const Eigen::Vector3d inertia = mass.inertia_com_B_kg_m2.diagonal();
  btRigidBody::btRigidBodyConstructionInfo info(static_cast<btScalar>(mass.mass_kg), nullptr,
                                                body_shape_.get(), ToBt(inertia));
  info.m_friction = static_cast<btScalar>(g.friction);
  info.m_restitution = static_cast<btScalar>(g.restitution);
  info.m_linearDamping = 0;
  info.m_angularDamping = 0;
  body_ = std::make_unique<btRigidBody>(info);
  body_->setActivationState(DISABLE_DEACTIVATION);
  world_->addRigidBody(body_.get());
}

PhysicsWorld::~PhysicsWorld() {
  world_->removeRigidBody(body_.get());
  world_->removeCollisionObject(terrain_object_.get());
}

void PhysicsWorld::Reset(const Eigen::Vector3d& p_com_W_m, const Eigen::Quaterniond& q_WB) {
  btTransform t;
  t.setOrigin(ToBt(p_com_W_m));
  t.setRotation(btQuaternion(static_cast<btScalar>(q_WB.x()), static_cast<btScalar>(q_WB.y()),
                             static_cast<btScalar>(q_WB.z()), static_cast<btScalar>(q_WB.w())));
  body_->setWorldTransform(t);
  body_->setCenterOfMassTransform(t);
  body_->setLinearVelocity(btVector3(0, 0, 0));
  body_->setAngularVelocity(btVector3(0, 0, 0));
  body_->clearForces();
  world_->updateSingleAabb(body_.get());
  world_->performDiscreteCollisionDetection();
}

BodyKinematics PhysicsWorld::Kinematics() const {
  const btTransform& t = body_->getCenterOfMassTransform();
  const btQuaternion q = t.getRotation();
  BodyKinematics k;
  k.p_com_W_m = FromBt(t.getOrigin());
  k.q_WB = Eigen::Quaterniond(q.w(), q.x(), q.y(), q.z()).normalized();
  k.v_com_W_mps = FromBt(body_->getLinearVelocity());
  k.w_B_rad_s = k.q_WB.conjugate() * FromBt(body_->getAngularVelocity());
  return k;
}

void PhysicsWorld::ApplyForce_W(const Eigen::Vector3d& f_W_N, const Eigen::Vector3d& r_W_m) {
  body_->applyForce(ToBt(f_W_N), ToBt(r_W_m));
}

void PhysicsWorld::ApplyTorque_W(const Eigen::Vector3d& m_W_N_m) {
  body_->applyTorque(ToBt(m_W_N_m));
}

void PhysicsWorld::Step(double dt_s) {
  const btScalar dt = static_cast<btScalar>(dt_s);
  world_->stepSimulation(dt, 1, dt);
}

int PhysicsWorld::TerrainContactCount() const {
  int count = 0;
  const int manifolds = dispatcher_->getNumManifolds();
  for (int i = 0; i < manifolds; ++i) {
    const btPersistentManifold* m = dispatcher_->getManifoldByIndexInternal(i);
    const bool ours = (m->getBody0() == body_.get() && m->getBody1() == terrain_object_.get()) ||
                      (m->getBody1() == body_.get() && m->getBody0() == terrain_object_.get());
    if (!ours) continue;
    for (int p = 0; p < m->getNumContacts(); ++p) {
      if (m->getContactPoint(p).getDistance() < 0.002f) ++count;
    }
  }
  return count;
}

}  // namespace ingenuity::sim
