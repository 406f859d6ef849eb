// The chapter benchmark for the line profiler: 1000 random particles evolved for 0.1 time
// units by evolve, and a copy by evolveFast, so one run shows both methods line by line:
//   npx hotpath lines -f evolve -f evolveFast examples/particles-lines.ts
import { ParticleSimulator, randomParticles } from 'particles';

new ParticleSimulator(randomParticles(1000, 1)).evolve(0.1);
new ParticleSimulator(randomParticles(1000, 1)).evolveFast(0.1);
