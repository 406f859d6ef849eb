// What the overhead scripts (lines-sample-overhead.mjs, profile-overhead.mjs) share: one
// run of a program that prints one JSON line `{ "wall": ns, "cpu": ns }` (like
// overhead/*.mjs), medians, and the table's wall/cpu/command cells.
import { spawnSync } from 'node:child_process';

/** Runs `node ...argv` once: the program's own wall and CPU time and the whole command's, ms. */
export function once(argv) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, argv, { encoding: 'utf8' });
  const command = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${argv.join(' ')} failed: ${result.stderr}`);
  const { wall, cpu } = JSON.parse(result.stdout.split('\n')[0]);
  return { wall: wall / 1e6, cpu: cpu / 1e6, command };
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** The header of the cells {@link cells} prints. */
export const CELLS_HEADER = `${'wall'.padEnd(17)} ${'cpu'.padEnd(17)} command`;

/** The wall, cpu and command medians of `rows` (results of {@link once}), each with its ratio to `base`'s. */
export function cells(rows, base) {
  const cell = (key) => {
    const ms = median(rows.map((r) => r[key]));
    return `${ms.toFixed(1).padStart(7)} ms ${(ms / median(base.map((r) => r[key]))).toFixed(2)}x`;
  };
  return `${cell('wall')} ${cell('cpu')} ${cell('command')}`;
}
