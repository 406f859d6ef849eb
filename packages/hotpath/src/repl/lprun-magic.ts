/**
 * `%lprun -f FUNC [-f FUNC]... [-u UNIT] [-z] [-r] [-D FILE] stmt`, line_profiler's magic: the
 * lines of each FUNC (any expression naming a function of a module: `evolve`,
 * `ParticleSimulator.prototype.evolve`, `sim.evolve`) while the statement runs, in the table
 * `hotpath lines` prints. Hits are exact; times are measured per line event, as
 * `hotpath lines --mode trace` measures them (live-patch.ts says how).
 */
import { readSourceFile } from '../capture/function-source.js';
import { writeProfileAs } from '../export/index.js';
import { LINE_UNITS, renderLineTable, type LineUnit } from '../report/line-table.js';
import { MagicUsageError } from './arguments.js';
import { profileLinesLive } from './live-patch.js';
import type { Magic } from './magic.js';

export const lprunMagic: Magic = {
  name: 'lprun',
  summary: "line profile functions while a statement runs (line_profiler's %lprun)",
  options: [
    { flag: 'f', value: true, repeatable: true, help: 'a function to measure: fib, Sim.prototype.step, sim.step (repeatable)' },
    { flag: 'u', value: true, help: `unit of the Time column: ${Object.keys(LINE_UNITS).join(', ')} (default us)` },
    { flag: 'z', value: false, help: 'leave out functions that took no time' },
    { flag: 'r', value: false, help: 'return the profile' },
    { flag: 'D', value: true, help: 'save the line stats to FILE (hotpath lines --show FILE prints them)' },
  ],
  async run(args, context) {
    const names = args.options.get('f') ?? [];
    if (names.length === 0) throw new MagicUsageError('%lprun needs at least one -f FUNC');
    const unit = (args.options.get('u')?.at(-1) ?? 'us') as LineUnit;
    if (!Object.hasOwn(LINE_UNITS, unit)) throw new MagicUsageError(`-u ${unit}: the units are ${Object.keys(LINE_UNITS).join(', ')}`);
    const picked = [];
    for (const name of names) picked.push({ name, value: await (await context.prepare(name))() });
    const statement = await context.prepare(args.statement);
    const { profile, error } = await profileLinesLive(picked, statement, ['%lprun', args.statement]);
    context.write(renderLineTable(profile, { unit, skipZero: args.options.has('z'), readSource: readSourceFile }));
    const file = args.options.get('D')?.at(-1);
    if (file !== undefined) {
      await writeProfileAs(profile, file, 'json');
      context.write(`*** Line stats written to ${file}\n`);
    }
    if (error !== null) throw error;
    return args.options.has('r') ? profile : undefined;
  },
};
