#include "ui/fly_command.h"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <sstream>

#include "scenarios/scenario_file.h"
#include "sim/vehicle_file.h"
#include "ui/flight_software_file.h"

namespace ingenuity::ui {
namespace {

constexpr double kCheckMargin_m = 30.0;  // terrain checked around the plan's points
constexpr double kCheckSpacing_m = 1.0;
constexpr double kSiteRadius_m = 1.0;  // the landing site: the feet's span and a margin
constexpr double kSiteSpacing_m = 0.1;
constexpr double kEnergyStep_s = 0.1;  // ...sampled finer than the smallest rocks (0.25 m)

namespace fs = std::filesystem;
using scenarios::FlightResult;
using scenarios::Scenario;

// Shortest text that reads back to the same double: byte-identical for identical runs.
void AppendNumber(double v, std::string* out) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof(buf), v);
  out->append(buf, r.ptr);
}

void WriteFile(const fs::path& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  f << text;
  f.close();
  if (!f) throw std::runtime_error("cannot write " + path.string());
}

// Writes the three files into a temporary sibling folder, then renames it into place, so the
// folder is never seen half-written.
void WriteOutputs(const fs::path& dir, const std::string& csv, const std::string& json,
                  const std::string& log) {
  const fs::path parent = dir.has_parent_path() ? dir.parent_path() : fs::path(".");
  fs::create_directories(parent);
  std::string tmp_name = ".";  // appended, not "." + ...: GCC 12 warns there (-Wrestrict)
  tmp_name += dir.filename().string();
  tmp_name += ".partial-" + std::to_string(static_cast<long long>(::getpid()));
  const fs::path tmp = parent / tmp_name;
  fs::remove_all(tmp);
  fs::create_directory(tmp);
  try {
    WriteFile(tmp / "telemetry.csv", csv);
    WriteFile(tmp / "events.log", log);
    WriteFile(tmp / "summary.json", json);
    if (fs::exists(dir)) fs::remove_all(dir);
    fs::rename(tmp, dir);
  } catch (...) {
    std::error_code ignored;
    fs::remove_all(tmp, ignored);
    throw;
  }
}

std::string Fixed(double v, int digits) {
  std::ostringstream o;
  o << std::fixed << std::setprecision(digits) << v;
  return o.str();
}

struct Loaded {
  Scenario scenario;
  sim::VehicleParams vehicle;
  flight_control::FlightSoftwareParams fsw;
  std::unique_ptr<terrain::TerrainSource> source;
};

// Everything that can be checked before flying; throws ConfigError / DtmError.
Loaded Load(const FlyOptions& o) {
  Loaded l;
  l.scenario = scenarios::LoadScenarioFile(o.plan_file);
  l.vehicle =
      sim::LoadVehicleFile(o.vehicle_file.empty() ? sim::DefaultVehicleFile() : o.vehicle_file);
  l.fsw = LoadFlightSoftwareFile(o.flight_software_file.empty() ? DefaultFlightSoftwareFile()
                                                                : o.flight_software_file);
  l.source = scenarios::ScenarioTerrain(l.scenario);
  // The terrain a flight loads reaches 60 m around the plan; the camera sees the rest.
  scenarios::CheckPlanOnTerrain(l.scenario, l.source->frame(), [&](const Eigen::Vector2d& en) {
    return l.source->Covers(en, 60.0);
  });
  return l;
}

}  // namespace

std::string TelemetryCsv(const FlightResult& r) {
  std::string out;
  for (const std::string& c : scenarios::TelemetryColumns()) out += c + ",";
  out += "mode\n";
  out.reserve(r.telemetry.size() * 400);
  for (const scenarios::TelemetryRow& row : r.telemetry) {
    for (double v : row.values) {
      AppendNumber(v, &out);
      out += ',';
    }
    out += row.mode;
    out += '\n';
  }
  return out;
}

std::string SummaryJson(const Scenario& s, const FlightResult& r) {
  nlohmann::ordered_json j;
  j["scenario"] = s.name;
  j["plan_file"] = s.file;
  j["seed"] = r.seed;
  j["terrain"] = r.terrain_provenance;
  j["outcome"] = r.summary.outcome;
  if (!r.summary.land_now_reason.empty()) j["land_now_reason"] = r.summary.land_now_reason;
  for (const auto& [k, v] : r.summary.fields) j[k] = v;
  j["landing_lat_deg"] = r.summary.landing_lat_deg;
  j["landing_lon_deg"] = r.summary.landing_lon_deg;
  j["simulated_s"] = r.simulated_s;
  nlohmann::ordered_json ex = nlohmann::ordered_json::array();
  for (const auto& e : r.expectations) {
    ex.push_back({{"name", e.name},
                  {"expected", e.expected},
                  {"actual", e.actual},
                  {"result", e.pass ? "pass" : "fail"}});
  }
  j["expectations"] = ex;
  j["all_expectations_met"] = r.all_pass;
  return j.dump(2) + "\n";
}

std::string EventsLog(const FlightResult& r) {
  std::string out;
  for (const std::string& line : r.events) out += line + "\n";
  return out;
}

int RunFly(const FlyOptions& o, std::ostream& out, std::ostream& err) {
  const Loaded l = Load(o);
  const fs::path dir =
      o.out_dir.empty() ? fs::path("out") / fs::path(o.plan_file).stem() : fs::path(o.out_dir);
  scenarios::FlightOptions options;
  options.seed = o.seed;
  if (!o.quiet) {
    options.progress = [&err](double t_s, const std::string& mode) {
      err << "  flying: " << Fixed(t_s, 0) << " s simulated, " << mode << "\n" << std::flush;
    };
    err << "ingenuity-sim: flying " << o.plan_file << " (" << l.scenario.name << ")\n";
  }
  const FlightResult r = scenarios::FlyScenario(l.scenario, l.vehicle, l.fsw, options);
  WriteOutputs(dir, TelemetryCsv(r), SummaryJson(l.scenario, r), EventsLog(r));

  out << l.scenario.name << "\n";
  out << "  " << std::left << std::setw(32) << "outcome" << std::right << r.summary.outcome
      << (r.summary.land_now_reason.empty() ? "" : " (" + r.summary.land_now_reason + ")") << "\n";
  for (const auto& [k, v] : r.summary.fields) {
    out << "  " << std::left << std::setw(32) << k << std::right << Fixed(v, 3) << "\n";
  }
  out << "  " << std::left << std::setw(32) << "landing" << std::right
      << Fixed(r.summary.landing_lat_deg, 8) << " N, " << Fixed(r.summary.landing_lon_deg, 8)
      << " E\n";
  for (const auto& e : r.expectations) {
    out << "  expect " << std::left << std::setw(31) << e.name << std::right << " "
        << (e.pass ? "pass" : "FAIL") << "  " << e.actual << " (expected " << e.expected << ")\n";
  }
  out << "  written to " << dir.string() << "/ (telemetry.csv, summary.json, events.log)\n";
  return r.all_pass ? 0 : 1;
}

int RunCheck(const FlyOptions& o, std::ostream& out, std::ostream& /*err*/) {
  const Loaded l = Load(o);
  const Scenario& s = l.scenario;
  const terrain::LocalFrame& frame = l.source->frame();
  const Eigen::Vector2d start = scenarios::StartEn(s, frame);
  const std::vector<Eigen::Vector2d> points = scenarios::PlanPointsEn(s, frame);
  const terrain::TerrainRegion region =
      scenarios::PlanRegion(s, *l.source, kCheckMargin_m, kCheckSpacing_m);
  const terrain::Heightfield& ground = region.height;
  std::vector<std::string> warnings;
  const auto where = [&](const scenarios::SourcePosition& p) {
    return s.file + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) + ": ";
  };

  // Walk the plan: terrain clearance along each leg.
  double altitude = 0.0, distance = 0.0;
  Eigen::Vector2d at = start;
  std::size_t next = 0;
  for (const scenarios::PlanStep& step : s.plan) {
    if (const auto* t = std::get_if<scenarios::TakeoffStep>(&step.action)) {
      altitude = t->altitude_m;
    } else if (const auto* g = std::get_if<scenarios::GotoStep>(&step.action)) {
      const Eigen::Vector2d to = points[next++];
      const double length = (to - at).norm();
      const double new_altitude = g->altitude_m.value_or(altitude);
      // The altitude hold follows the ground: it must climb as fast as the terrain rises,
      // and a rock or rim taller than half the altitude is a close pass.
      double worst_rate = 0.0, worst_bump = 0.0;
      const int n = std::max(1, static_cast<int>(length));
      for (int k = 0; k <= n; ++k) {
        const Eigen::Vector2d p = at + (to - at) * (static_cast<double>(k) / n);
        const double slope = std::tan(ground.SlopeDegAt(p.x(), p.y()) * std::numbers::pi / 180.0);
        worst_rate = std::max(worst_rate, slope * g->speed_mps);
        worst_bump = std::max(worst_bump, ground.RoughnessAt(p.x(), p.y(), 2.0));
      }
      if (worst_rate > l.fsw.control.max_climb_rate_mps) {
        warnings.push_back(where(step.where) + "terrain clearance: the ground rises at up to " +
                           Fixed(worst_rate, 1) + " m/s at " + Fixed(g->speed_mps, 1) +
                           " m/s, beyond the " + Fixed(l.fsw.control.max_climb_rate_mps, 1) +
                           " m/s climb limit");
      }
      if (worst_bump > 0.5 * std::min(altitude, new_altitude)) {
        warnings.push_back(where(step.where) + "terrain clearance: relief of " +
                           Fixed(worst_bump, 2) + " m under a " +
                           Fixed(std::min(altitude, new_altitude), 1) + " m altitude");
      }
      distance += length;
      altitude = new_altitude;
      at = to;
    }
  }

  // Time and energy, before flying.
  const scenarios::PlanEstimate estimate = scenarios::EstimatePlan(s, frame, l.vehicle, l.fsw);
  const double time_s = estimate.rehearsal.airborne_s;
  const double energy_wh = estimate.energy_used_wh;
  if (!estimate.rehearsal.completed) {
    warnings.push_back(s.file + ": time: the flight software's executor does not finish this " +
                       "plan (still flying " + Fixed(time_s, 0) + " s after take-off)");
  }
  if (!estimate.trimmed) {
    warnings.push_back(s.file + ": energy: no hover trim in this air at this rotor speed");
  } else if (energy_wh > 0.5 * estimate.battery_wh) {
    // Half the pack is kept for the night's heaters and a reserve (assumed).
    warnings.push_back(s.file + ": energy: about " + Fixed(energy_wh, 1) + " Wh of the " +
                       Fixed(estimate.battery_wh, 0) +
                       " Wh battery (more than the 50 % a flight may use)");
  }

  // The landing site: the plane the feet would stand on, and the rocks and pits under them,
  // sampled finer than rocks.
  const terrain::TerrainRegion site =
      l.source->Region(Eigen::Vector2d(at.array() - 2.0 * kSiteRadius_m),
                       Eigen::Vector2d(at.array() + 2.0 * kSiteRadius_m), kSiteSpacing_m);
  const terrain::Heightfield::PlaneFit site_plane =
      site.height.PlaneAt(at.x(), at.y(), kSiteRadius_m);
  const double slope = site_plane.slope_deg;
  const double rough = site_plane.roughness_m;
  const auto land_where = s.plan.back().where;
  if (slope > 10.0) {
    warnings.push_back(where(land_where) + "landing site: slope " + Fixed(slope, 1) +
                       " deg (more than 10)");
  }
  if (rough > 0.1) {
    warnings.push_back(where(land_where) + "landing site: roughness " + Fixed(rough, 2) +
                       " m within 1 m (more than 0.10)");
  }

  out << s.file << ": valid (" << s.name << ")\n";
  out << "  " << s.plan.size() << " steps, " << Fixed(distance, 0) << " m, about "
      << Fixed(time_s, 0) << " s in the air, about " << Fixed(energy_wh, 1) << " Wh of "
      << Fixed(estimate.battery_wh, 0) << " Wh\n";
  out << "  landing site: slope " << Fixed(slope, 1) << " deg, roughness " << Fixed(rough, 2)
      << " m\n";
  for (const std::string& w : warnings) out << "warning: " << w << "\n";
  return 0;
}

}  // namespace ingenuity::ui
