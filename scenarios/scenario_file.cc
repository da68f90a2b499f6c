#include "scenarios/scenario_file.h"

#include <algorithm>
#include <filesystem>
#include <sstream>

namespace ingenuity::scenarios {
namespace {

namespace fs = std::filesystem;
using sim::ConfigError;
using sim::MapReader;

std::string JoinQuoted(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
  return out;
}

// The single key of a one-key mapping such as `- takeoff: {...}`.
std::string SingleKey(const YAML::Node& node, const std::string& file, const std::string& path,
                      const std::vector<std::string>& allowed) {
  if (!node.IsMap() || node.size() != 1) {
    throw ConfigError(sim::Where(file, node) + path + ": expected one of " + JoinQuoted(allowed) +
                      ", as a mapping with that one key");
  }
  const std::string key = node.begin()->first.Scalar();
  if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
    throw ConfigError(sim::Where(file, node.begin()->first) + path + "." + key +
                      ": unknown, expected one of " + JoinQuoted(allowed));
  }
  return key;
}

SourcePosition PositionOf(const YAML::Node& node) {
  return {node.Mark().line + 1, node.Mark().column + 1};
}

// lat_deg/lon_deg, or east_m/north_m, not both.
Place ReadPlace(MapReader& m) {
  const bool geo = m.Has("lat_deg") || m.Has("lon_deg");
  const bool local = m.Has("east_m") || m.Has("north_m");
  if (geo == local) {
    m.Fail(geo ? "lat_deg" : "east_m",
           "give lat_deg and lon_deg, or east_m and north_m (one pair, not both)");
  }
  Place p;
  if (geo) {
    p.lat_lon =
        terrain::LatLon{m.Number("lat_deg", -90.0, 90.0), m.Number("lon_deg", -360.0, 360.0)};
  } else {
    p.offset_en_m = {m.Number("east_m", -1e5, 1e5), m.Number("north_m", -1e5, 1e5)};
  }
  return p;
}

TerrainChoice ReadTerrain(MapReader& top, const fs::path& scenario_dir) {
  TerrainChoice t;
  const std::string site = top.Has("site") ? top.String("site") : "jezero";
  if (site == "jezero") return t;
  // Otherwise a terrain description file, relative to the scenario.
  const fs::path description = scenario_dir / site;
  if (!fs::is_regular_file(description)) {
    top.Fail("site",
             "expected 'jezero' or a terrain description file; not found: " + description.string());
  }
  t.site.clear();
  t.description_file = description.string();
  MapReader d(sim::LoadYamlFile(t.description_file), t.description_file, "");
  const fs::path dir = description.parent_path();
  t.dtm_file = (dir / d.String("dtm")).string();
  if (!fs::is_regular_file(t.dtm_file)) d.Fail("dtm", "file not found: " + t.dtm_file);
  if (d.Has("ortho")) {
    t.ortho_file = (dir / d.String("ortho")).string();
    if (!fs::is_regular_file(t.ortho_file)) d.Fail("ortho", "file not found: " + t.ortho_file);
  }
  d.Finish();
  return t;
}

void ReadEnvironment(MapReader& top, Scenario* s) {
  s->air = sim::Flight1Conditions();
  if (!top.Has("environment")) return;
  MapReader e = top.Map("environment");
  if (e.Has("density_kg_m3") && e.Has("pressure_pa")) {
    e.Fail("pressure_pa", "give density_kg_m3 or pressure_pa, not both");
  }
  if (e.Has("density_kg_m3")) {
    s->air.density_kg_m3 = e.Number("density_kg_m3", 0.005, 0.05);
    s->air.pressure_pa.reset();
  } else if (e.Has("pressure_pa")) {
    s->air.pressure_pa = e.Number("pressure_pa", 300.0, 1500.0);
  }
  s->air.temperature_k = e.NumberOr("temperature_k", 235.0, 150.0, 300.0);
  if (e.Has("wind_enu_mps")) s->wind.steady_enu_mps = e.Vector3("wind_enu_mps", -30.0, 30.0);
  if (e.Has("turbulence")) {
    static const std::map<std::string, double> kLevels = {
        {"none", 0.0}, {"light", 3.0}, {"moderate", 6.0}, {"severe", 10.0}};
    const std::string level = e.String("turbulence");
    const auto it = kLevels.find(level);
    if (it == kLevels.end()) {
      e.Fail("turbulence", "expected one of none, light, moderate, severe, got '" + level + "'");
    }
    s->wind.turbulence.wind_at_6m_mps = it->second;
  }
  e.Finish();
}

std::vector<PlanStep> ReadPlan(MapReader& top, const std::string& file) {
  static const std::vector<std::string> kSteps = {"takeoff", "goto", "hover", "yaw", "land"};
  const YAML::Node plan = top.Node("plan");
  if (!plan.IsSequence() || plan.size() == 0) {
    top.Fail("plan", "expected a non-empty list of steps (takeoff, goto, hover, yaw, land)");
  }
  std::vector<PlanStep> steps;
  for (size_t i = 0; i < plan.size(); ++i) {
    const std::string path = "plan[" + std::to_string(i) + "]";
    const std::string kind = SingleKey(plan[i], file, path, kSteps);
    const YAML::Node body = plan[i][kind];
    PlanStep step;
    step.where = PositionOf(plan[i]);
    if (kind == "land" && (body.IsNull() || (body.IsMap() && body.size() == 0))) {
      step.action = LandStep{};
      steps.push_back(step);
      continue;
    }
    MapReader m(body, file, path + "." + kind);
    if (kind == "takeoff") {
      step.action = TakeoffStep{m.Number("altitude_m", kMinPlanAltitude_m, kMaxPlanAltitude_m)};
    } else if (kind == "goto") {
      GotoStep g;
      g.target = ReadPlace(m);
      const double speed = m.Number("speed_mps", -1e9, 1e9);
      if (!(speed > 0.0 && speed <= kMaxPlanSpeed_mps)) {
        m.Fail("speed_mps",
               "expected a speed above 0 and at most 10 m/s, got " + sim::FormatNumber(speed));
      }
      g.speed_mps = speed;
      if (m.Has("altitude_m"))
        g.altitude_m = m.Number("altitude_m", kMinPlanAltitude_m, kMaxPlanAltitude_m);
      step.action = g;
    } else if (kind == "hover") {
      step.action = HoverStep{m.Number("duration_s", 0.1, 600.0)};
    } else if (kind == "yaw") {
      step.action = YawStep{m.Number("heading_deg", -360.0, 360.0)};
    } else {
      step.action = LandStep{};
    }
    m.Finish();
    steps.push_back(step);
  }
  if (!std::holds_alternative<TakeoffStep>(steps.front().action)) {
    throw ConfigError(file + ":" + std::to_string(steps.front().where.line) + ":" +
                      std::to_string(steps.front().where.column) +
                      ": plan[0]: expected the plan to begin with takeoff");
  }
  for (size_t i = 0; i + 1 < steps.size(); ++i) {
    if (std::holds_alternative<LandStep>(steps[i].action)) {
      throw ConfigError(file + ":" + std::to_string(steps[i + 1].where.line) + ":" +
                        std::to_string(steps[i + 1].where.column) + ": plan[" +
                        std::to_string(i + 1) + "]: expected no step after land");
    }
  }
  if (!std::holds_alternative<LandStep>(steps.back().action)) {
    throw ConfigError(file + ":" + std::to_string(steps.back().where.line) + ":" +
                      std::to_string(steps.back().where.column) + ": plan[" +
                      std::to_string(steps.size() - 1) + "]: expected the plan to end with land");
  }
  return steps;
}

std::vector<Fault> ReadFaults(MapReader& top) {
  std::vector<Fault> faults;
  if (!top.Has("faults")) return faults;
  static const std::vector<std::string> kKinds = {"nav_camera", "altimeter", "imu", "gust"};
  int index = 0;
  for (MapReader& f : top.MapList("faults")) {
    const std::string path = "faults[" + std::to_string(index++) + "]";
    Fault fault;
    fault.at_s = f.Number("at_s", 0.0, 3600.0);
    // A key that is neither a fault nor a fault's setting names an unknown fault.
    static const std::vector<std::string> kSettings = {
        "at_s",   "duration_s",       "gyro_bias_rad_s", "accel_bias_mps2",
        "skew_s", "feature_fraction", "track_drift_mps"};
    for (const auto& kv : f.node()) {
      const std::string key = kv.first.Scalar();
      if (std::find(kKinds.begin(), kKinds.end(), key) == kKinds.end() &&
          std::find(kSettings.begin(), kSettings.end(), key) == kSettings.end()) {
        f.Fail(key, "unknown fault, expected one of " + JoinQuoted(kKinds));
      }
    }
    std::vector<std::string> present;
    for (const std::string& k : kKinds) {
      if (f.Has(k)) present.push_back(k);
    }
    if (present.size() != 1) {
      f.Fail("at_s", "expected exactly one fault: " + JoinQuoted(kKinds));
    }
    const std::string kind = present.front();
    if (kind == "nav_camera") {
      const std::string what = f.String("nav_camera");
      if (what == "drop_frame_skew_timestamps") {
        fault.kind = FaultKind::kNavCameraDropFrameSkewTimestamps;
      } else if (what == "sync_loss") {
        fault.kind = FaultKind::kNavCameraSyncLoss;
      } else if (what == "few_features") {
        fault.kind = FaultKind::kNavCameraFewFeatures;
      } else {
        f.Fail("nav_camera", "unknown fault '" + what +
                                 "', expected one of drop_frame_skew_timestamps, sync_loss, "
                                 "few_features");
      }
      if (f.Has("duration_s")) fault.duration_s = f.Number("duration_s", 0.001, 3600.0);
      if (fault.kind == FaultKind::kNavCameraDropFrameSkewTimestamps && f.Has("skew_s")) {
        fault.skew_s = f.Number("skew_s", -1.0, 1.0);
      }
      if (fault.kind == FaultKind::kNavCameraFewFeatures && f.Has("feature_fraction")) {
        fault.feature_fraction = f.Number("feature_fraction", 0.0, 1.0);
      }
      if (fault.kind == FaultKind::kNavCameraFewFeatures && f.Has("track_drift_mps")) {
        fault.track_drift_mps = f.Number("track_drift_mps", 0.0, 10.0);
      }
    } else if (kind == "altimeter") {
      const std::string what = f.String("altimeter");
      if (what != "dropout") f.Fail("altimeter", "unknown fault '" + what + "', expected dropout");
      fault.kind = FaultKind::kAltimeterDropout;
      fault.duration_s = f.Number("duration_s", 0.001, 3600.0);
    } else if (kind == "imu") {
      const std::string what = f.String("imu");
      if (what != "bias_step") f.Fail("imu", "unknown fault '" + what + "', expected bias_step");
      fault.kind = FaultKind::kImuBiasStep;
      if (f.Has("gyro_bias_rad_s")) fault.gyro_bias_rad_s = f.Vector3("gyro_bias_rad_s", -1.0, 1.0);
      if (f.Has("accel_bias_mps2")) fault.accel_bias_mps2 = f.Vector3("accel_bias_mps2", -5.0, 5.0);
    } else {
      MapReader g = f.Map("gust");
      fault.kind = FaultKind::kGust;
      fault.duration_s = g.Number("duration_s", 0.01, 600.0);
      fault.gust_enu_mps = g.Vector3("amplitude_enu_mps", -30.0, 30.0);
      g.Finish();
    }
    f.Finish();
    faults.push_back(fault);
  }
  return faults;
}

Expectations ReadExpectations(MapReader& top) {
  Expectations x;
  if (!top.Has("expect")) return x;
  MapReader e = top.Map("expect");
  const YAML::Node node = top.Node("expect");
  for (const auto& kv : node) {
    const std::string key = kv.first.Scalar();
    if (key == "outcome") {
      const std::string o = e.String("outcome");
      const auto& known = KnownOutcomes();
      if (std::find(known.begin(), known.end(), o) == known.end()) {
        e.Fail("outcome", "expected one of " + JoinQuoted(known) + ", got '" + o + "'");
      }
      x.outcome = o;
      continue;
    }
    const auto& fields = KnownSummaryFields();
    if (std::find(fields.begin(), fields.end(), key) == fields.end()) {
      e.Fail(key, "unknown key, expected outcome or a summary field: " + JoinQuoted(fields));
    }
    MapReader r = e.Map(key);
    Range range;
    if (r.Has("min")) range.min = r.Number("min", -1e9, 1e9);
    if (r.Has("max")) range.max = r.Number("max", -1e9, 1e9);
    if (!range.min && !range.max) e.Fail(key, "expected min, max or both");
    if (range.min && range.max && *range.min > *range.max) e.Fail(key, "expected min <= max");
    r.Finish();
    x.ranges[key] = range;
  }
  e.Finish();
  return x;
}

}  // namespace

const std::vector<std::string>& KnownOutcomes() {
  static const std::vector<std::string> k = {"landed",  "crashed",   "tipped_over",  "land_now",
                                             "aborted", "timed_out", "out_of_energy"};
  return k;
}

const std::vector<std::string>& KnownSummaryFields() {
  static const std::vector<std::string> k = {"duration_s",
                                             "max_altitude_agl_m",
                                             "held_altitude_agl_m",
                                             "max_ground_speed_mps",
                                             "horizontal_distance_m",
                                             "landing_error_m",
                                             "energy_used_wh",
                                             "battery_soc_end",
                                             "peak_power_w",
                                             "mean_power_w",
                                             "max_tilt_deg",
                                             "touchdown_vertical_speed_mps",
                                             "touchdown_horizontal_speed_mps",
                                             "landing_estimate_error_m"};
  return k;
}

Scenario LoadScenarioFile(const std::string& path) {
  MapReader top(sim::LoadYamlFile(path), path, "");
  Scenario s;
  s.file = path;
  s.name = top.String("name");
  s.terrain = ReadTerrain(top, fs::path(path).parent_path());
  s.start_where = PositionOf(top.Node("start"));
  MapReader start = top.Map("start");
  s.start = ReadPlace(start);
  s.start_heading_deg = start.NumberOr("heading_deg", 0.0, -360.0, 360.0);
  start.Finish();
  ReadEnvironment(top, &s);
  if (top.Has("vehicle")) {
    MapReader v = top.Map("vehicle");
    if (v.Has("rotor_rpm")) s.rotor_rpm = v.Number("rotor_rpm", 2000.0, 3000.0);
    v.Finish();
  }
  s.seed = static_cast<std::uint64_t>(top.IntegerOr("seed", 1, 0, static_cast<int>(kMaxSeed)));
  s.plan = ReadPlan(top, path);
  s.faults = ReadFaults(top);
  s.expect = ReadExpectations(top);
  top.Finish();
  return s;
}

void CheckPlanOnTerrain(const Scenario& s, const terrain::LocalFrame& frame,
                        const std::function<bool(const Eigen::Vector2d&)>& covered) {
  auto en_of = [&](const Place& p, const Eigen::Vector2d& base) {
    return p.lat_lon ? frame.LatLonToEn(*p.lat_lon) : Eigen::Vector2d(base + p.offset_en_m);
  };
  const Eigen::Vector2d start = en_of(s.start, Eigen::Vector2d::Zero());
  auto fail = [&](const SourcePosition& where, const std::string& what, const Eigen::Vector2d& en) {
    std::ostringstream m;
    m << s.file << ":" << where.line << ":" << where.column << ": " << what << ": at east "
      << static_cast<long long>(en.x()) << " m, north " << static_cast<long long>(en.y())
      << " m of the site origin, it lies off the terrain";
    throw ConfigError(m.str());
  };
  if (!covered(start)) fail(s.start_where, "start", start);
  for (size_t i = 0; i < s.plan.size(); ++i) {
    if (const auto* g = std::get_if<GotoStep>(&s.plan[i].action)) {
      const Eigen::Vector2d target = en_of(g->target, start);
      if (!covered(target)) fail(s.plan[i].where, "plan[" + std::to_string(i) + "].goto", target);
    }
  }
}

}  // namespace ingenuity::scenarios
