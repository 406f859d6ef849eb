// Benchmark program: the chapter benchmark, 1000 random particles evolved for 0.1 time
// units with the `particles` package (its compiled dist/, mapped back to src/*.ts).
// Usage: node particles.mjs [reps]; prints one JSON line: per-repetition times of
// evolve(0.1) in ns (each repetition on fresh particles).
import { ParticleSimulator, randomParticles } from 'particles';

const reps = Number(process.argv[2] ?? 3);
const times = [];
let sink = 0;
for (let r = 0; r < reps; r++) {
  const simulator = new ParticleSimulator(randomParticles(1000, 1));
  const start = process.hrtime.bigint();
  simulator.evolve(0.1);
  times.push(Number(process.hrtime.bigint() - start));
  sink += simulator.particles[0].x;
}
console.log(JSON.stringify({ program: 'particles', callsPerRep: 1, times, sink }));
