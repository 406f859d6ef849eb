// The chapter benchmark for memory (`benchmark_memory`): 100,000 random particles, evolved for
// 0.001 time units, so the memory of creating them stands out against the simulation's:
//   npx hotpath memory -f benchmarkMemory examples/particles-memory.ts
//   npx hotpath mprof run examples/particles-memory.ts && npx hotpath mprof plot -o memory.svg
import { Particle, ParticleSimulator, seededRandom } from 'particles';

const random = seededRandom(1);
const uniform = (low: number, high: number): number => low + (high - low) * random();

export function benchmarkMemory(): void {
  const particles: Particle[] = [];
  for (let i = 0; i < 100_000; i++) {
    particles.push(new Particle(uniform(-1.0, 1.0), uniform(-1.0, 1.0), uniform(-1.0, 1.0)));
  }
  const simulator = new ParticleSimulator(particles);
  simulator.evolve(0.001);
}

benchmarkMemory();
