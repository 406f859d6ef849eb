/**
 * `%mprun -f FUNC [-f FUNC]... [-T FILE] [-r] stmt`, memory_profiler's magic: the memory of
 * every line of each FUNC while the statement runs, in the table `hotpath memory` prints
 * (Mem usage, Increment, Occurrences), measured as `hotpath memory` measures it, in this
 * process (live-patch.ts says how the functions are swapped).
 */
import { writeFile } from 'node:fs/promises';
import { readSourceFile } from '../capture/function-source.js';
import { renderMemoryTable } from '../report/memory-table.js';
import { MagicUsageError } from './arguments.js';
import { profileLinesLive } from './live-patch.js';
import type { Magic } from './magic.js';

export const mprunMagic: Magic = {
  name: 'mprun',
  summary: "memory of every line of functions while a statement runs (memory_profiler's %mprun)",
  options: [
    { flag: 'f', value: true, repeatable: true, help: 'a function to measure: fib, Sim.prototype.step, sim.step (repeatable)' },
    { flag: 'T', value: true, help: 'also write the table to FILE' },
    { flag: 'r', value: false, help: 'return the profile' },
  ],
  async run(args, context) {
    const names = args.options.get('f') ?? [];
    if (names.length === 0) throw new MagicUsageError('%mprun needs at least one -f FUNC');
    const picked = [];
    for (const name of names) picked.push({ name, value: await (await context.prepare(name))() });
    const statement = await context.prepare(args.statement);
    const { profile, error } = await profileLinesLive(picked, statement, ['%mprun', args.statement], { memory: 'heap' });
    const table = renderMemoryTable(profile, { readSource: readSourceFile });
    context.write(table);
    const file = args.options.get('T')?.at(-1);
    if (file !== undefined) {
      await writeFile(file, table);
      context.write(`\n*** Profile printout saved to text file ${file}.\n`);
    }
    if (error !== null) throw error;
    return args.options.has('r') ? profile : undefined;
  },
};
