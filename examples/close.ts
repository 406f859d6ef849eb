// The chapter's exercise: is the optimised evolveFast still right? Two copies of one random
// particle are evolved, one with evolve and one with evolveFast, then compared with
// close(p1, p2) within 1e-5. Profile it to see where its time goes:
//   npx hotpath profile examples/close.ts
import { Particle, ParticleSimulator, randomParticles } from 'particles';

function close(p1: Particle, p2: Particle, tolerance = 1e-5): boolean {
  return Math.abs(p1.x - p2.x) < tolerance && Math.abs(p1.y - p2.y) < tolerance;
}

function main(): void {
  const seed = Number(process.argv[2] ?? 42);
  const [p1] = randomParticles(1, seed) as [Particle];
  const p2 = new Particle(p1.x, p1.y, p1.angVel);
  new ParticleSimulator([p1]).evolve(0.1);
  new ParticleSimulator([p2]).evolveFast(0.1);
  const verdict = close(p1, p2) ? 'close' : 'NOT close';
  console.log(`evolve (${p1.x.toFixed(6)}, ${p1.y.toFixed(6)}) and evolveFast (${p2.x.toFixed(6)}, ${p2.y.toFixed(6)}): ${verdict}`);
  if (verdict !== 'close') process.exitCode = 1;
}

main();
