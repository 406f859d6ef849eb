// The chapter's exercise: evolve two random particles and check each against the
// expected position within 1e-5. Profile it to see where its time goes:
//   npx hotpath profile examples/close.ts
import { Particle, ParticleSimulator } from 'particles';

function close(p1: Particle, p2: Particle, tolerance = 1e-5): boolean {
  return Math.abs(p1.x - p2.x) < tolerance && Math.abs(p1.y - p2.y) < tolerance;
}

function randomParticle(): Particle {
  return new Particle(Math.random() * 2 - 1, Math.random() * 2 - 1, Math.random() * 2 - 1);
}

/** Where a particle should be after `t`: rotated along its circle by angVel * t / r. */
function expected(p: Particle, t: number): Particle {
  const r = Math.hypot(p.x, p.y);
  const angle = Math.atan2(p.y, p.x) + (p.angVel * t) / r;
  return new Particle(r * Math.cos(angle), r * Math.sin(angle), p.angVel);
}

function main(): void {
  const particles = [randomParticle(), randomParticle()];
  const targets = particles.map((p) => expected(p, 0.1));
  new ParticleSimulator(particles).evolve(0.1);
  particles.forEach((p, i) => {
    console.log(`particle ${i}: ${close(p, targets[i]!) ? 'close' : 'NOT close'} to its expected position`);
  });
}

main();
