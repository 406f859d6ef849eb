// A worker_threads pool for the overhead measurement (threads-overhead.mjs): 2 workers
// render 40 tiles of 200 x 1000 pixels (programs/render-worker.mjs), then are terminated.
// Prints one JSON line: the wall and CPU time (the whole process's, workers included) from
// the first task to the last result, ns.
import { Worker } from 'node:worker_threads';

const workers = [0, 1].map(() => new Worker(new URL('../programs/render-worker.mjs', import.meta.url)));
// Timed from when both workers have loaded their module (a worker's preload runs first).
await Promise.all(workers.map((w) => new Promise((resolve) => w.once('message', resolve))));
const cpu = process.cpuUsage();
const start = process.hrtime.bigint();
let left = 40;
let sink = 0;
await Promise.all(
  workers.map(
    (worker) =>
      new Promise((resolve) => {
        const next = () => (left-- > 0 ? worker.postMessage({ rows: 200, width: 1000 }) : resolve());
        worker.on('message', (sum) => {
          sink += sum;
          next();
        });
        next();
      }),
  ),
);
const wall = Number(process.hrtime.bigint() - start);
const used = process.cpuUsage(cpu);
console.log(JSON.stringify({ wall, cpu: (used.user + used.system) * 1000, sink }));
await Promise.all(workers.map((w) => w.terminate()));
