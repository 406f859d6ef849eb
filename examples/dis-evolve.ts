// The chapter's `dis.dis` comparison: evolve and evolve_fast, here ParticleSimulator.evolve and
// evolveFast, each run once so that V8 compiles them to bytecode.
//   npx hotpath dis --compare ParticleSimulator.evolve ParticleSimulator.evolveFast examples/dis-evolve.ts
import { Particle } from '../packages/particles/src/particle.ts';
import { ParticleSimulator } from '../packages/particles/src/simulator.ts';

const make = () => new ParticleSimulator([new Particle(0.3, 0.5, 1), new Particle(0.0, -0.5, -1), new Particle(-0.1, -0.4, 3)]);
make().evolve(0.01);
make().evolveFast(0.01);
