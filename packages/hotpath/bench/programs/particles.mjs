// Benchmark program: the chapter benchmark, 1000 random particles evolved for 0.1 time
// units with the `particles` package (its compiled dist/, mapped back to src/*.ts). Each
// repetition times evolve(0.1) alone, on fresh particles.
// As a script: node particles.mjs [reps] prints one JSON line of per-repetition times in ns.
import { ParticleSimulator, randomParticles } from 'particles';
import { runAsScript } from './repeat.mjs';

export const name = 'particles';
export const callsPerRep = 1;
export function setup() {
  return new ParticleSimulator(randomParticles(1000, 1));
}
export function rep(simulator) {
  simulator.evolve(0.1);
  return simulator.particles[0].x;
}

runAsScript(import.meta.url, { name, callsPerRep, setup, rep }, 3);
