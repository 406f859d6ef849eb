// One call of a simulator method on the chapter's 1000 particles, for `hotpath time`:
//   npx hotpath time -r 10 'node examples/evolve.mjs evolve' 'node examples/evolve.mjs evolveFast'
import { ParticleSimulator, randomParticles } from 'particles';

const method = process.argv[2] ?? 'evolve';
if (!['evolve', 'evolveFast', 'evolveExact'].includes(method)) {
  console.error(`evolve.mjs: unknown method '${method}' (evolve, evolveFast or evolveExact)`);
  process.exit(2);
}
new ParticleSimulator(randomParticles(1000, 42))[method](0.1);
