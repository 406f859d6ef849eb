// The chapter benchmark for memory: 100,000 random particles, evolved for 0.001 time units,
// so the memory of creating them stands out against the simulation's:
//   npx hotpath mprof run examples/particles-memory.ts && npx hotpath mprof plot -o memory.svg
import { ParticleSimulator, randomParticles } from 'particles';

export function benchmarkMemory(): void {
  const simulator = new ParticleSimulator(randomParticles(100_000, 1));
  simulator.evolve(0.001);
}

benchmarkMemory();
