"""The chapter's Python versions of the particle benchmark, for the README's comparison.

    python3 packages/particles/bench/python/chapter.py [N] [STEPS] [ROUNDS]

Times CPython's evolve (the chapter's naive loop over Particle objects) and the NumPy
version (the same Euler step on whole arrays), on N random particles (mulberry32, seed 42:
the set of randomParticles(N, 42)), and prints the median ns per particle-step of each.
NumPy is optional: without it only the CPython row is printed.
"""
import statistics
import sys
import time

TIMESTEP = 1e-5


def mulberry32(seed):
    state = seed & 0xFFFFFFFF

    def next32():
        nonlocal state
        state = (state + 0x6D2B79F5) & 0xFFFFFFFF
        t = state
        t = ((t ^ (t >> 15)) * (t | 1)) & 0xFFFFFFFF
        t ^= (t + ((t ^ (t >> 7)) * (t | 61) & 0xFFFFFFFF)) & 0xFFFFFFFF
        return (t ^ (t >> 14)) & 0xFFFFFFFF

    return lambda: ((next32() >> 5) * 67108864 + (next32() >> 6)) / 9007199254740992


class Particle:
    def __init__(self, x, y, ang_vel):
        self.x = x
        self.y = y
        self.ang_vel = ang_vel


def random_particles(n, seed):
    random = mulberry32(seed)
    return [Particle(2 * random() - 1, 2 * random() - 1, 2 * random() - 1) for _ in range(n)]


def evolve(particles, nsteps):
    """The chapter's ParticleSimulator.evolve."""
    timestep = TIMESTEP
    for _ in range(nsteps):
        for p in particles:
            norm = (p.x**2 + p.y**2) ** 0.5
            v_x = -p.y / norm
            v_y = p.x / norm
            d_x = timestep * p.ang_vel * v_x
            d_y = timestep * p.ang_vel * v_y
            p.x += d_x
            p.y += d_y


def evolve_numpy(r, ang_vel, nsteps):
    """The chapter's NumPy version: one Euler step of every particle as array operations."""
    import numpy as np

    timestep = TIMESTEP
    v_i = np.empty_like(r)
    for _ in range(nsteps):
        norm_i = np.sqrt((r**2).sum(axis=1))
        v_i[:, 0] = -r[:, 1]
        v_i[:, 1] = r[:, 0]
        v_i /= norm_i[:, np.newaxis]
        d_i = timestep * ang_vel[:, np.newaxis] * v_i
        r += d_i


def median_ns(prepare, run, rounds):
    """Median time of `run(state)`, each round on a fresh `prepare()` (untimed)."""
    times = []
    for _ in range(rounds):
        state = prepare()
        start = time.perf_counter_ns()
        run(state)
        times.append(time.perf_counter_ns() - start)
    return statistics.median(times)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    steps = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    ops = n * steps
    print(f"chapter.py: {n} particles, {steps} steps, median of {rounds} rounds, Python {sys.version.split()[0]}")
    ns = median_ns(lambda: random_particles(n, 42), lambda particles: evolve(particles, steps), rounds)
    print(f"CPython evolve  {ns / ops:8.1f} ns/particle-step")
    try:
        import numpy as np
    except ImportError:
        return
    start = random_particles(n, 42)

    def arrays():
        return np.array([[p.x, p.y] for p in start]), np.array([p.ang_vel for p in start])

    ns = median_ns(arrays, lambda state: evolve_numpy(state[0], state[1], steps), rounds)
    print(f"NumPy           {ns / ops:8.1f} ns/particle-step  (numpy {np.__version__})")


if __name__ == "__main__":
    main()
