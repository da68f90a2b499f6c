#include "ui/cli.h"

#include <CLI/CLI.hpp>
#include <cmath>
#include <limits>
#include <optional>

#include "sim/coaxial_rotor.h"
#include "sim/rotor_drive.h"
#include "sim/trim.h"
#include "sim/vehicle_file.h"
#include "terrain/dtm_loader.h"
#include "ui/fly_command.h"
#include "ui/terrain_commands.h"
#include "ui/trim_report.h"

namespace ingenuity::ui {
namespace {

struct TrimOptions {
  std::optional<double> density_kg_m3;
  std::optional<double> pressure_pa;
  std::optional<double> temperature_k;
  std::optional<double> rpm;
  double mass_kg = 1.8;
  std::optional<double> height_agl_m;
  bool json = false;
  std::string vehicle_file = sim::DefaultVehicleFile();
};

int RunTrim(const TrimOptions& o, std::ostream& out, std::ostream& err) {
  const sim::VehicleParams vehicle = sim::LoadVehicleFile(o.vehicle_file);
  sim::SurfaceConditions surface = sim::Flight1Conditions();
  if (o.density_kg_m3) {
    surface.density_kg_m3 = o.density_kg_m3;
    surface.pressure_pa.reset();
  } else if (o.pressure_pa) {
    surface.pressure_pa = o.pressure_pa;
  }
  if (o.temperature_k) surface.temperature_k = *o.temperature_k;
  const sim::MarsAtmosphere atmosphere(surface);
  const sim::CoaxialRotor rotor(vehicle.rotor, vehicle.airfoil);

  TrimReport report;
  report.vehicle_file = o.vehicle_file;
  report.air = atmosphere.surface();
  report.rotor_speed_rpm = o.rpm.value_or(vehicle.drive.default_speed_rpm);
  report.mass_kg = o.mass_kg;
  report.height_agl_m = o.height_agl_m.value_or(std::numeric_limits<double>::infinity());
  sim::TrimConditions c;
  c.air = report.air;
  c.rotor_speed_rad_s = sim::RpmToRadPerSec(report.rotor_speed_rpm);
  c.mass_kg = o.mass_kg;
  c.height_agl_m = o.height_agl_m.value_or(1e6);
  report.trim = sim::SolveHoverTrim(rotor, vehicle.power, c);

  if (!report.trim.converged) {
    // No output that could pass for a result: the reason goes to the error stream only.
    err << "ingenuity-sim: no hover trim: at " << report.air.density_kg_m3 << " kg/m^3 and "
        << report.rotor_speed_rpm << " rpm the rotors cannot carry " << o.mass_kg
        << " kg below stall (largest thrust about " << 100.0 * report.trim.thrust_margin
        << " % of the weight)\n";
    return 1;
  }
  if (o.json) {
    out << TrimReportJson(report).dump(2) << "\n";
  } else {
    PrintTrimTable(report, out);
  }
  return 0;
}

// CLI11's Range lets NaN through (every comparison with NaN is false).
const CLI::Validator kFinite(
    [](std::string& text) {
      try {
        size_t used = 0;
        const double v = std::stod(text, &used);
        if (used == text.size() && std::isfinite(v)) return std::string();
      } catch (const std::exception&) {
      }
      return "expected a finite number, got '" + text + "'";
    },
    "FINITE");

}  // namespace

int RunCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app{"Ingenuity Mars Helicopter flight simulator", "ingenuity-sim"};
  const CLI::Range seed_range(std::uint64_t{0}, scenarios::kMaxSeed);  // as in a scenario file
  app.require_subcommand(1);
  TrimOptions trim;
  CLI::App* trim_cmd = app.add_subcommand(
      "trim", "Solve hover trim (default: Flight 1's air, 748 Pa and 235 K, out of ground effect)");
  auto* density = trim_cmd->add_option("--density", trim.density_kg_m3, "Air density [kg/m^3]")
                      ->check(kFinite)
                      ->check(CLI::Range(0.001, 0.1));
  auto* pressure = trim_cmd->add_option("--pressure", trim.pressure_pa, "Surface pressure [Pa]")
                       ->check(kFinite)
                       ->check(CLI::Range(50.0, 5000.0));
  trim_cmd->add_option("--temperature", trim.temperature_k, "Air temperature [K] (default 235)")
      ->check(kFinite)
      ->check(CLI::Range(120.0, 320.0));
  density->excludes(pressure);
  trim_cmd->add_option("--rpm", trim.rpm, "Rotor speed [rpm] (default: the vehicle's, 2537)")
      ->check(kFinite)
      ->check(CLI::Range(500.0, 4000.0));
  trim_cmd->add_option("--mass", trim.mass_kg, "Vehicle mass [kg] (default 1.8)")
      ->check(kFinite)
      ->check(CLI::Range(0.5, 5.0));
  trim_cmd
      ->add_option("--height-agl", trim.height_agl_m,
                   "Lower rotor height above flat ground [m] (default: out of ground effect)")
      ->check(kFinite)
      ->check(CLI::Range(0.2, 1000.0));
  trim_cmd->add_flag("--json", trim.json, "Print JSON instead of a table");
  trim_cmd->add_option("--vehicle", trim.vehicle_file, "Vehicle file")->check(CLI::ExistingFile);

  TerrainOptions terrain;
  CLI::App* terrain_cmd =
      app.add_subcommand("terrain", "Terrain: the built-in Jezero (default) or a DTM");
  terrain_cmd->require_subcommand(1);
  auto add_source = [&](CLI::App* cmd) {
    auto* site = cmd->add_option("--site", terrain.site, "Built-in site (jezero, the default)");
    auto* dtm = cmd->add_option("--dtm", terrain.dtm, "A DTM file (GeoTIFF, PDS3 IMG, ISIS cube)");
    site->excludes(dtm);
    cmd->add_option("--ortho", terrain.ortho, "Orthoimage for the albedo (with --dtm)")->needs(dtm);
    cmd->add_option("--seed", terrain.seed, "Seed of the built-in terrain (default 1)")
        ->check(seed_range)
        ->excludes(dtm);
  };
  CLI::App* info_cmd = terrain_cmd->add_subcommand(
      "info", "Extent, resolution, datum, elevation range, and whether it is synthetic");
  add_source(info_cmd);
  CLI::App* probe_cmd = terrain_cmd->add_subcommand(
      "probe", "Add elevation_m, slope_deg, east_m, north_m to a CSV of lat_deg,lon_deg");
  add_source(probe_cmd);
  probe_cmd->add_option("--points", terrain.points_csv, "CSV with lat_deg and lon_deg columns")
      ->required();
  CLI::App* export_cmd = terrain_cmd->add_subcommand(
      "export", "Write a georeferenced GeoTIFF and a hillshade PNG beside it");
  add_source(export_cmd);
  export_cmd->add_option("--bbox", terrain.bbox, "W,S,E,N in degrees of longitude and latitude")
      ->required();
  export_cmd->add_option("--out", terrain.out, "Output GeoTIFF (.tif)")->required();
  export_cmd->add_option("--spacing", terrain.spacing_m, "Sample spacing [m] (default 0.5)")
      ->check(kFinite)
      ->check(CLI::Range(0.1, 100.0));

  FlyOptions fly;
  CLI::App* fly_cmd = app.add_subcommand(
      "fly", "Fly a scenario headless: telemetry.csv, summary.json and events.log into --out");
  CLI::App* check_cmd = app.add_subcommand(
      "check", "Validate a scenario without flying: its time and energy, and warnings");
  for (CLI::App* cmd : {fly_cmd, check_cmd}) {
    cmd->add_option("plan", fly.plan_file, "Scenario file (YAML)")->required();
    cmd->add_option("--vehicle", fly.vehicle_file, "Vehicle file (default: Ingenuity)");
    cmd->add_option("--flight-software", fly.flight_software_file,
                    "Flight software belief file (default: assets/flight_software)");
  }
  fly_cmd->add_option("--out", fly.out_dir, "Output folder (default: out/<plan name>)");
  fly_cmd->add_option("--seed", fly.seed, "Seed (default: the scenario's)")->check(seed_range);
  fly_cmd->add_flag("--quiet", fly.quiet, "No progress lines");

  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return 0;
  } catch (const CLI::CallForAllHelp&) {
    out << app.help("", CLI::AppFormatMode::All);
    return 0;
  } catch (const CLI::ParseError& e) {
    err << "ingenuity-sim: " << e.what() << "\n";
    if (trim_cmd->parsed()) {
      err << "  see: ingenuity-sim trim --help\n";
    } else if (terrain_cmd->parsed()) {
      err << "  see: ingenuity-sim terrain --help\n";
    } else if (fly_cmd->parsed() || check_cmd->parsed()) {
      err << "  see: ingenuity-sim " << (fly_cmd->parsed() ? "fly" : "check") << " --help\n";
    } else {
      err << "  see: ingenuity-sim --help\n";
    }
    return 2;
  }
  try {
    if (trim_cmd->parsed()) return RunTrim(trim, out, err);
    if (info_cmd->parsed()) return RunTerrainInfo(terrain, out, err);
    if (probe_cmd->parsed()) return RunTerrainProbe(terrain, out, err);
    if (export_cmd->parsed()) return RunTerrainExport(terrain, out, err);
    if (fly_cmd->parsed()) return RunFly(fly, out, err);
    if (check_cmd->parsed()) return RunCheck(fly, out, err);
  } catch (const terrain::DtmError& e) {
    err << "ingenuity-sim: " << e.what() << "\n";
    return 2;
  } catch (const sim::ConfigError& e) {
    err << "ingenuity-sim: " << e.what() << "\n";
    return 2;
  } catch (const std::invalid_argument& e) {
    err << "ingenuity-sim: " << e.what() << "\n";
    return 2;
  }
  return 2;
}

}  // namespace ingenuity::ui
