// Terrain speed: height queries and ray casts per second on the built-in Jezero (each
// against a baseline in the same run: a plain nearest-sample array read, and the same ray
// cast over a flat field), and the time to generate a 1 km^2 region at 0.5 m (target < 2 s).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <random>
#include <string>

#include "terrain/jezero_terrain.h"

namespace ingenuity::terrain {
namespace {

const JezeroTerrain& Jezero() {
  static const JezeroTerrain t(LoadControlPoints(JezeroControlPointsFile()), JezeroParams{});
  return t;
}

const TerrainRegion& Region() {
  static const TerrainRegion r = Jezero().Generate({-700, -1000}, {-300, -600}, 0.5);
  return r;
}

std::vector<Eigen::Vector2d> QueryPoints() {
  std::mt19937_64 e(3);
  std::uniform_real_distribution<double> x(-700, -300), y(-1000, -600);
  std::vector<Eigen::Vector2d> p(4096);
  for (auto& v : p) v = {x(e), y(e)};
  return p;
}

void BM_HeightQueryBilinear(benchmark::State& state) {
  const auto points = QueryPoints();
  size_t k = 0;
  for (auto _ : state) {
    const auto& p = points[k++ & 4095];
    benchmark::DoNotOptimize(Region().height.HeightAt(p.x(), p.y()));
  }
  state.SetItemsProcessed(state.iterations());
}

// Baseline: read the nearest sample from the raw array.
void BM_HeightQueryNearestSampleBaseline(benchmark::State& state) {
  const auto points = QueryPoints();
  const Heightfield& h = Region().height;
  const auto& data = h.heights_m();
  size_t k = 0;
  for (auto _ : state) {
    const auto& p = points[k++ & 4095];
    const int i = static_cast<int>((p.x() - h.origin_en_m().x()) / h.spacing_m() + 0.5);
    const int j = static_cast<int>((p.y() - h.origin_en_m().y()) / h.spacing_m() + 0.5);
    benchmark::DoNotOptimize(data[static_cast<size_t>(j) * h.count_east() + i]);
  }
  state.SetItemsProcessed(state.iterations());
}

// Laser-altimeter-like rays: straight down from 2-20 m, tilted up to 20 deg.
template <bool kFlat>
void RayCasts(benchmark::State& state) {
  static const Heightfield flat = Heightfield::Flat(400.0, 0.5);
  const Heightfield& field = kFlat ? flat : Region().height;
  const Eigen::Vector2d shift = kFlat ? Eigen::Vector2d(500, 800) : Eigen::Vector2d(0, 0);
  const auto points = QueryPoints();
  std::mt19937_64 e(5);
  std::uniform_real_distribution<double> h(2.0, 20.0), tilt(-0.35, 0.35);
  std::vector<std::pair<Eigen::Vector3d, Eigen::Vector3d>> rays(4096);
  for (size_t i = 0; i < rays.size(); ++i) {
    const Eigen::Vector2d p = points[i] + shift;
    rays[i] = {{p.x(), p.y(), field.HeightAt(p.x(), p.y()) + h(e)}, {tilt(e), tilt(e), -1.0}};
  }
  size_t k = 0;
  for (auto _ : state) {
    const auto& r = rays[k++ & 4095];
    benchmark::DoNotOptimize(field.Raycast(r.first, r.second, 40.0));
  }
  state.SetItemsProcessed(state.iterations());
}
void BM_RayCastJezero(benchmark::State& state) { RayCasts<false>(state); }
void BM_RayCastFlatBaseline(benchmark::State& state) { RayCasts<true>(state); }

void BM_GenerateSquareKilometreAtHalfMetre(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(Jezero().Generate({-1000, -1000}, {0, 0}, 0.5));
  }
  state.counters["cells"] = 2001.0 * 2001.0;
}

BENCHMARK(BM_HeightQueryBilinear);
BENCHMARK(BM_HeightQueryNearestSampleBaseline);
BENCHMARK(BM_RayCastJezero);
BENCHMARK(BM_RayCastFlatBaseline);
BENCHMARK(BM_GenerateSquareKilometreAtHalfMetre)->Unit(benchmark::kMillisecond)->Iterations(3);

class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) {
      if (run.run_type == Run::RT_Iteration) {
        ns_[run.run_name.function_name] =
            run.GetAdjustedRealTime() * (run.time_unit == benchmark::kMillisecond ? 1e6 : 1.0);
      }
    }
    ConsoleReporter::ReportRuns(runs);
  }
  void Finalize() override {
    ConsoleReporter::Finalize();
    auto line = [&](const char* what, const char* a, const char* b) {
      if (ns_.count(a) && ns_.count(b)) {
        std::printf("%s: %.1f M/s, %.2fx the baseline's time\n", what, 1e3 / ns_[a],
                    ns_[a] / ns_[b]);
      }
    };
    line("height queries (bilinear vs nearest sample)", "BM_HeightQueryBilinear",
         "BM_HeightQueryNearestSampleBaseline");
    line("ray casts (Jezero vs flat field)", "BM_RayCastJezero", "BM_RayCastFlatBaseline");
    if (ns_.count("BM_GenerateSquareKilometreAtHalfMetre")) {
      std::printf("1 km^2 at 0.5 m generated in %.2f s (target < 2 s)\n",
                  ns_["BM_GenerateSquareKilometreAtHalfMetre"] / 1e9);
    }
  }

 private:
  std::map<std::string, double> ns_;
};

}  // namespace
}  // namespace ingenuity::terrain

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  ingenuity::terrain::RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
