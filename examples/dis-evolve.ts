// The chapter's `dis.dis` comparison: evolve and evolve_fast, here ParticleSimulator.evolve and
// evolveFast, each run on the chapter's 1000 particles for 0.1 time units (V8 compiles a
// function to bytecode when it first runs, and optimises it once it is hot).
//   npx hotpath dis --compare ParticleSimulator.evolve ParticleSimulator.evolveFast examples/dis-evolve.ts
//   npx hotpath dis --opt --count -f ParticleSimulator.evolve -f ParticleSimulator.evolveFast examples/dis-evolve.ts
import { randomParticles } from '../packages/particles/src/random.ts';
import { ParticleSimulator } from '../packages/particles/src/simulator.ts';

new ParticleSimulator(randomParticles(1000, 42)).evolve(0.1);
new ParticleSimulator(randomParticles(1000, 42)).evolveFast(0.1);
