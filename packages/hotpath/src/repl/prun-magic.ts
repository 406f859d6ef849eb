/**
 * `%prun [-s KEY]... [-l N] [-r] [-q] [-D FILE] stmt` (and `%%prun` + cell), as IPython has it:
 * runs the statement under the profiler (V8's sampler, calls counted by block coverage: see
 * api/profiler.ts for what is exact) and prints the pstats table `hotpath stats` prints.
 */
import { Profiler } from '../api/profiler.js';
import { writeProfileAs } from '../export/index.js';
import { parseSortKey, renderReport, type SortKey } from '../report/index.js';
import { integerOption, MagicUsageError } from './arguments.js';
import type { Magic } from './magic.js';

export const prunMagic: Magic = {
  name: 'prun',
  summary: 'profile a statement and print the pstats table',
  cell: true,
  options: [
    { flag: 's', value: true, repeatable: true, help: 'sort key (tottime, cumtime, ncalls, ...; repeatable; default tottime)' },
    { flag: 'l', value: true, help: 'print only the first N rows' },
    { flag: 'r', value: false, help: 'return the profile' },
    { flag: 'q', value: false, help: 'quiet: print nothing' },
    { flag: 'D', value: true, help: 'save the profile to FILE (format by extension: .json, .prof, .cpuprofile, ...)' },
  ],
  async run(args, context, cell) {
    const sort = (args.options.get('s') ?? []).map((name): SortKey => {
      const key = parseSortKey(name);
      if (!key) throw new MagicUsageError(`unknown sort key '${name}'`);
      return key;
    });
    const limit = args.options.has('l') ? integerOption(args, 'l', 0, 0) : undefined;
    const code = cell === undefined ? args.statement : `${args.statement}\n${cell}`;
    const statement = await context.prepare(code);
    // A statement typed at a prompt often runs for milliseconds: sample every 0.1 ms, not 1.
    const profiler = new Profiler({ label: ['%prun', code], interval: 0.1 });
    profiler.enable();
    try {
      await statement();
    } finally {
      profiler.disable();
    }
    const profile = profiler.getStats();
    if (!args.options.has('q')) context.write(renderReport(profile, { sort, limit }));
    const file = args.options.get('D')?.at(-1);
    if (file !== undefined) {
      await writeProfileAs(profile, file);
      context.write(`*** Profile stats written to ${file}\n`);
    }
    return args.options.has('r') ? profile : undefined;
  },
};
