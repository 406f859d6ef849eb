// Declared-only numeric fields (`x: number;`) updated in a hot loop, the class-field trap
// of ../../class-fields.mjs. Prints one JSON line: the wall and CPU time of the loop, ns.
class Particle {
  x: number;
  y: number;
  vx: number;
  vy: number;

  constructor(seed: number) {
    this.x = seed % 17;
    this.y = seed % 13;
    this.vx = (seed % 7) / 7;
    this.vy = (seed % 5) / 5;
  }

  step(dt: number): void {
    this.x += this.vx * dt;
    this.y += this.vy * dt;
    if (this.x > 100 || this.x < 0) this.vx = -this.vx;
    if (this.y > 100 || this.y < 0) this.vy = -this.vy;
  }
}

const particles = Array.from({ length: 1000 }, (_, i) => new Particle(i + 0.5));
const cpu = process.cpuUsage();
const start = process.hrtime.bigint();
for (let t = 0; t < 10000; t++) for (const p of particles) p.step(0.01);
const wall = Number(process.hrtime.bigint() - start);
const used = process.cpuUsage(cpu);
const sink = particles.reduce((sum, p) => sum + p.x + p.y, 0);
console.log(JSON.stringify({ wall, cpu: (used.user + used.system) * 1000, sink }));
