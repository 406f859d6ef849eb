// examples/particles-memory.ts (the chapter's memory benchmark) timed from inside, for
// mprof-overhead.mjs: its import, that is the loader compiling it, the particles package
// loading, and its run (100,000 particles, evolve(0.001)). Needs hotpath's TypeScript loader
// (`node --import .../bench/register.js`, or any hotpath command that runs a script).
// Prints one JSON line: the wall and CPU time, ns.
const cpu = process.cpuUsage();
const start = process.hrtime.bigint();
await import('../../../../examples/particles-memory.ts');
const wall = Number(process.hrtime.bigint() - start);
const used = process.cpuUsage(cpu);
console.log(JSON.stringify({ wall, cpu: (used.user + used.system) * 1000 }));
