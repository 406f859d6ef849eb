// Python's `__slots__` lesson, in V8's terms: the bytes one particle keeps alive, measured by
// the retained heap after a forced GC, 100,000 particles, for five layouts:
//   class (library)  packages/particles' Particle (declared fields, no define semantics),
//   class-field trap its twin with define semantics (src/twins/trap.js: `x; y; angVel;`,
//                    fields defined as undefined, then assigned in the constructor),
//   object literal   `{ x, y, angVel }`,
//   literal, integers the same holding small integers instead of doubles (no boxes),
//   struct of arrays three Float64Arrays of 100,000 doubles, no object per particle.
// Each run is its own process (node --expose-gc), the layouts interleaved run by run; retained
// = V8's used heap + array buffers after the particles are built, minus before, both after
// gc(). Objects are held in one array, whose 8-byte slot per particle counts with them.
//   node packages/hotpath/bench/bytes-per-particle.mjs [--runs N] [--count N]
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, count: { type: 'string', default: '100000' }, layout: { type: 'string' } } });
const count = Number(values.count);
const require = createRequire(import.meta.url);
const particlesDist = require.resolve('particles').replace(/index\.js$/, '');

const LAYOUTS = {
  'class (library)': async () => {
    const { Particle } = await import(`${particlesDist}particle.js`);
    return (x, y, a) => new Particle(x, y, a);
  },
  'class-field trap': async () => {
    const { Particle } = await import(`${particlesDist}twins/trap.js`);
    return (x, y, a) => new Particle(x, y, a);
  },
  'object literal': async () => (x, y, angVel) => ({ x, y, angVel }),
  // The same literal holding small integers (Smis, stored in the field itself): what the
  // doubles' boxes cost, by difference.
  'literal, integers': async () => (x, y, angVel) => ({ x: (x * 1000) | 0, y: (y * 1000) | 0, angVel: (angVel * 1000) | 0 }),
  'struct of arrays': null,
};

// V8 frees a dead array buffer's memory after the GC, off the main thread: a few turns of
// the event loop between collections let the count of array buffers settle.
async function retained() {
  for (let i = 0; i < 3; i++) {
    globalThis.gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

// One layout in this process: prints the bytes retained per particle.
async function measure(name) {
  const make = LAYOUTS[name] ? await LAYOUTS[name]() : null;
  // The values first, in a double array, so that only the particles differ between the two readings.
  // Both held by globals: a local that the code no longer reads is collected by gc().
  const values = (globalThis.values = new Float64Array(3 * count));
  for (let i = 0; i < values.length; i++) values[i] = Math.random() * 2 - 1;
  const before = await retained();
  let kept;
  if (make) {
    kept = globalThis.kept = new Array(count);
    for (let i = 0; i < count; i++) kept[i] = make(values[3 * i], values[3 * i + 1], values[3 * i + 2]);
  } else {
    kept = globalThis.kept = { x: new Float64Array(count), y: new Float64Array(count), angVel: new Float64Array(count) };
    for (let i = 0; i < count; i++) {
      kept.x[i] = values[3 * i];
      kept.y[i] = values[3 * i + 1];
      kept.angVel[i] = values[3 * i + 2];
    }
  }
  const after = await retained();
  process.stdout.write(`${(after - before) / count}\n`);
}

if (values.layout) {
  await measure(values.layout);
} else {
  const script = fileURLToPath(import.meta.url);
  const names = Object.keys(LAYOUTS);
  const bytes = Object.fromEntries(names.map((name) => [name, []]));
  for (let run = 0; run < Number(values.runs); run++) {
    for (const name of names) {
      const child = spawnSync(process.execPath, ['--expose-gc', script, '--count', String(count), '--layout', name], { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`${name} failed: ${child.stderr}`);
      bytes[name].push(Number(child.stdout));
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const base = median(bytes['struct of arrays']);
  console.log(`node ${process.version}, ${count} particles, ${values.runs} runs each, medians of bytes retained per particle`);
  console.log(`${'layout'.padEnd(18)} ${'bytes'.padStart(7)}  min..max        vs struct of arrays`);
  for (const name of names) {
    const xs = bytes[name];
    const range = `${Math.min(...xs).toFixed(1)}..${Math.max(...xs).toFixed(1)}`;
    console.log(`${name.padEnd(18)} ${median(xs).toFixed(1).padStart(7)}  ${range.padEnd(15)} ${(median(xs) / base).toFixed(2)}x`);
  }
}
