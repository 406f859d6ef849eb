// examples/taylor.ts (programs/taylor.mjs) for the overhead measurement: main() once (188,003
// calls). Prints one JSON line: the wall and CPU time of main, ns.
import { rep as main } from '../programs/taylor.mjs';

const cpu = process.cpuUsage();
const start = process.hrtime.bigint();
const sink = main();
const wall = Number(process.hrtime.bigint() - start);
const used = process.cpuUsage(cpu);
console.log(JSON.stringify({ wall, cpu: (used.user + used.system) * 1000, sink }));
