/**
 * `%memit [-r N] stmt`, memory_profiler's magic: runs the statement (N times) and prints the
 * process's peak resident memory while it ran and the increment over the memory before
 * (api/memit.ts watches from a worker thread, so a synchronous statement is watched too):
 *
 * ```text
 * peak memory: 57.55 MiB, increment: 7.63 MiB
 * ```
 */
import { formatMemit, memit } from '../api/memit.js';
import { MagicUsageError } from './arguments.js';
import type { Magic } from './magic.js';

export const memitMagic: Magic = {
  name: 'memit',
  summary: "peak memory and increment of a statement (memory_profiler's %memit)",
  options: [{ flag: 'r', value: true, help: 'run the statement N times; the peak is the highest (default 1)' }],
  async run(args, context) {
    const text = args.options.get('r')?.at(-1) ?? '1';
    const repeat = Number(text);
    if (!Number.isInteger(repeat) || repeat < 1) throw new MagicUsageError(`-r ${text}: a positive whole number of runs`);
    const statement = await context.prepare(args.statement);
    context.write(`${formatMemit(await memit(statement, { repeat }))}\n`);
    return undefined;
  },
};
