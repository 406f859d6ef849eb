// The chapter benchmark: 1000 random particles evolved for 0.1 time units (10,000 Euler
// steps of every particle). `hotpath profile examples/particles-bench.ts` profiles it.
import { ParticleSimulator, randomParticles } from 'particles';

const simulator = new ParticleSimulator(randomParticles(1000, 1));
const start = performance.now();
simulator.evolve(0.1);
const elapsed = performance.now() - start;
console.log(`evolve(0.1) of 1000 particles: ${elapsed.toFixed(1)} ms`);
