// The chapter benchmark for the overhead measurement: 1000 random particles, evolve(0.1),
// once. Prints one JSON line: the wall and CPU time of evolve, ns.
import { ParticleSimulator, randomParticles } from 'particles';

const simulator = new ParticleSimulator(randomParticles(1000, 1));
const cpu = process.cpuUsage();
const start = process.hrtime.bigint();
simulator.evolve(0.1);
const wall = Number(process.hrtime.bigint() - start);
const used = process.cpuUsage(cpu);
console.log(JSON.stringify({ wall, cpu: (used.user + used.system) * 1000, x: simulator.particles[0].x }));
