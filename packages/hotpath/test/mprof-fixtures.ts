// Two known mprof runs for the plot tests: a.dat grows from 100 to 200 MiB over one second
// (150 MiB at 0.5 s, the peak 200 MiB at 1 s), b.dat holds 50 MiB for 0.6 s.
import fs from 'node:fs';
import path from 'node:path';
import { formatDat, type MemSample } from '../src/mprof/dat.js';

const T0 = 1_700_000_000;

function samples(count: number, mib: (t: number) => number): MemSample[] {
  return Array.from({ length: count }, (_, i) => ({ time: T0 + i / 10, mib: mib(i / 10) }));
}

/** Writes a.dat and b.dat into `dir`; returns their paths. */
export function writeKnownRuns(dir: string): [string, string] {
  const a = path.join(dir, 'a.dat');
  const b = path.join(dir, 'b.dat');
  fs.writeFileSync(a, formatDat({ cmdline: 'grow.ts', mem: samples(11, (t) => 100 + 100 * t), children: new Map(), funcs: [] }));
  fs.writeFileSync(b, formatDat({ cmdline: 'hold.ts', mem: samples(7, () => 50), children: new Map(), funcs: [] }));
  return [a, b];
}
