// Seeded randomness: one engine per noise source, seeds derived from the scenario seed.
// Gaussian samples come from our own Marsaglia polar method so that outputs are the same
// bit for bit wherever the same compiler and C library run (std::normal_distribution is
// implementation-defined).
#pragma once

#include <cmath>
#include <cstdint>
#include <random>
#include <string_view>

namespace ingenuity::sim {

/// A seed for one named noise source, derived from the scenario seed (SplitMix64 of the seed
/// mixed with an FNV-1a hash of the name).
inline std::uint64_t DeriveSeed(std::uint64_t scenario_seed, std::string_view source) {
  std::uint64_t h = 1469598103934665603ull;
  for (char c : source) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  std::uint64_t z = scenario_seed + h + 0x9e3779b97f4a7c15ull;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

/// Standard normal samples from a 64-bit Mersenne Twister.
class GaussianSource {
 public:
  explicit GaussianSource(std::uint64_t seed) : engine_(seed) {}
  double Next() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    double u, v, s;
    do {
      u = 2.0 * Uniform() - 1.0;
      v = 2.0 * Uniform() - 1.0;
      s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double k = std::sqrt(-2.0 * std::log(s) / s);
    spare_ = v * k;
    has_spare_ = true;
    return u * k;
  }
  /// Uniform in [0, 1) from the top 53 bits.
  double Uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

 private:
  std::mt19937_64 engine_;
  double spare_ = 0.0;
  bool has_spare_ = false;
};

}  // namespace ingenuity::sim
