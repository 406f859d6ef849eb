// The C++ reference of `particles bench --engine all`: the Euler loop of the library's
// evolve on one core, in two layouts:
// - aos: an array of {x, y, angVel} structs, the chapter's layout and loop (steps outside,
//   particles inside); g++ keeps it scalar;
// - soa: a struct of arrays in the blocks of the typed and wasm engines, which g++ vectorizes
//   (with -march=native: 4 doubles an AVX2 register).
// scripts/build-native.mjs builds it twice with g++ (-O3, and -O3 -march=native -ffast-math).
//
// Usage: evolve aos|soa N STEPS SEED ROUNDS. Draws the set of randomParticles(N, SEED) (the
// same mulberry32 draws), then for each round: restores the set, times STEPS steps, and prints
// one line `ns CHECKSUM` (the checksum: the sum of x + y over the set, as the JS rows do).
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

constexpr double kTimestep = 1e-5;
constexpr std::size_t kBlock = 512;

// mulberry32, as src/random.ts: 32-bit draws, two per double (53 bits).
struct Random {
  std::uint32_t state;
  std::uint32_t next32() {
    state += 0x6d2b79f5u;
    std::uint32_t t = state;
    t = (t ^ (t >> 15)) * (t | 1u);
    t ^= t + (t ^ (t >> 7)) * (t | 61u);
    return t ^ (t >> 14);
  }
  double next() {
    const double high = next32() >> 5;
    const double low = next32() >> 6;
    return (high * 67108864.0 + low) / 9007199254740992.0;
  }
};

struct Set {
  std::vector<double> x, y, angVel;
};

Set randomSet(std::size_t n, std::int64_t seed) {
  Random random{static_cast<std::uint32_t>(seed)};
  Set set{std::vector<double>(n), std::vector<double>(n), std::vector<double>(n)};
  for (std::size_t i = 0; i < n; i++) {
    set.x[i] = 2 * random.next() - 1;
    set.y[i] = 2 * random.next() - 1;
    set.angVel[i] = 2 * random.next() - 1;
  }
  return set;
}

// evolve's arithmetic: norm, the unit tangent, then (timestep * angVel) times it.
void evolveBlock(double* x, double* y, const double* angVel, std::size_t count, long steps) {
  for (long step = 0; step < steps; step++) {
    for (std::size_t i = 0; i < count; i++) {
      const double norm = std::sqrt(x[i] * x[i] + y[i] * y[i]);
      const double vx = -y[i] / norm;
      const double vy = x[i] / norm;
      const double k = kTimestep * angVel[i];
      x[i] += k * vx;
      y[i] += k * vy;
    }
  }
}

void evolve(Set& set, long steps) {
  const std::size_t n = set.x.size();
  for (std::size_t start = 0; start < n; start += kBlock) {
    const std::size_t count = n - start < kBlock ? n - start : kBlock;
    evolveBlock(&set.x[start], &set.y[start], &set.angVel[start], count, steps);
  }
}

struct Particle {
  double x, y, angVel;
};

// The chapter's evolve, over structs.
void evolveStructs(std::vector<Particle>& particles, long steps) {
  for (long step = 0; step < steps; step++) {
    for (Particle& p : particles) {
      const double norm = std::sqrt(p.x * p.x + p.y * p.y);
      const double vx = -p.y / norm;
      const double vy = p.x / norm;
      const double k = kTimestep * p.angVel;
      p.x += k * vx;
      p.y += k * vy;
    }
  }
}

// Each round: a fresh set (untimed), the timed steps, then the checksum (untimed).
template <typename Reset, typename Advance, typename Sum>
void timeRounds(int rounds, Reset reset, Advance advance, Sum checksum) {
  for (int round = 0; round < rounds; round++) {
    reset();
    const auto t0 = std::chrono::steady_clock::now();
    advance();
    const auto t1 = std::chrono::steady_clock::now();
    const long long ns = std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count();
    std::printf("%lld %.17g\n", ns, checksum());
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::string layout = argc == 6 ? argv[1] : "";
  if (layout != "aos" && layout != "soa") {
    std::fprintf(stderr, "usage: evolve aos|soa N STEPS SEED ROUNDS\n");
    return 2;
  }
  const std::size_t n = std::strtoull(argv[2], nullptr, 10);
  const long steps = std::strtol(argv[3], nullptr, 10);
  const std::int64_t seed = std::strtoll(argv[4], nullptr, 10);
  const int rounds = std::atoi(argv[5]);
  const Set start = randomSet(n, seed);
  if (layout == "soa") {
    Set set;
    timeRounds(rounds, [&] { set = start; }, [&] { evolve(set, steps); }, [&] {
      double sum = 0;
      for (std::size_t i = 0; i < n; i++) sum += set.x[i] + set.y[i];
      return sum;
    });
  } else {
    std::vector<Particle> fresh(n), particles;
    for (std::size_t i = 0; i < n; i++) fresh[i] = {start.x[i], start.y[i], start.angVel[i]};
    timeRounds(rounds, [&] { particles = fresh; }, [&] { evolveStructs(particles, steps); }, [&] {
      double sum = 0;
      for (const Particle& p : particles) sum += p.x + p.y;
      return sum;
    });
  }
  return 0;
}
