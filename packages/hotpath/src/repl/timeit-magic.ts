/**
 * `%timeit [-n N] [-r R] [-p P] [-q] [-o] stmt` and `%%timeit setup` + cell, as IPython has
 * them: without -n, the loops per run are the first of 1, 10, 100, ... whose run takes at
 * least 0.2 s; then -r runs (default 7), reported as their mean and standard deviation per
 * loop: `1.23 ms ± 4.5 µs per loop (mean ± std. dev. of 7 runs, 1,000 loops each)`.
 */
import { spreadWarning } from '../bench/timeit-format.js';
import { integerOption, type MagicArguments } from './arguments.js';
import { formatTimespan } from './format-time.js';
import type { Magic, MagicContext } from './magic.js';

/** What `%timeit -o` returns (IPython's TimeitResult): per-loop seconds of each run. */
export interface TimeitResult {
  loops: number;
  repeat: number;
  /** Seconds per loop of each run. */
  timings: number[];
  average: number;
  stdev: number;
  best: number;
  worst: number;
}

export const timeitMagic: Magic = {
  name: 'timeit',
  summary: 'time a statement: mean ± std. dev. of -r runs of -n loops each',
  cell: true,
  options: [
    { flag: 'n', value: true, help: 'loops per run (default: the first of 1, 10, 100, ... taking 0.2 s)' },
    { flag: 'r', value: true, help: 'runs (default 7)' },
    { flag: 'p', value: true, help: 'significant digits of the times (default 3)' },
    { flag: 'q', value: false, help: 'quiet: print nothing' },
    { flag: 'o', value: false, help: 'return the TimeitResult' },
  ],
  async run(args: MagicArguments, context: MagicContext, cell?: string): Promise<unknown> {
    const statement = cell ?? args.statement;
    const loop = await context.compileLoop(statement, cell === undefined ? '' : args.statement);
    const repeat = integerOption(args, 'r', 1, 7);
    const precision = integerOption(args, 'p', 1, 3);
    const loops = args.options.has('n') ? integerOption(args, 'n', 1, 1) : await autorange(loop);
    const timings: number[] = [];
    for (let i = 0; i < repeat; i++) timings.push((await loop(loops)) / 1e9 / loops);
    const result = summarize(loops, timings);
    if (!args.options.has('q')) {
      context.write(`${timeitLine(result, precision)}\n`);
      const warning = result.worst > 1e-6 ? spreadWarning(timings) : null;
      if (warning) context.write(`${warning}\n`);
    }
    return args.options.has('o') ? result : undefined;
  },
};

async function autorange(loop: (n: number) => Promise<number>): Promise<number> {
  let loops = 1;
  for (let i = 0; i < 10; i++, loops *= 10) {
    if ((await loop(loops)) / 1e9 >= 0.2) break;
  }
  return Math.min(loops, 1e9);
}

function summarize(loops: number, timings: number[]): TimeitResult {
  const average = timings.reduce((a, b) => a + b, 0) / timings.length;
  const stdev = Math.sqrt(timings.reduce((sum, t) => sum + (t - average) ** 2, 0) / timings.length);
  return { loops, repeat: timings.length, timings, average, stdev, best: Math.min(...timings), worst: Math.max(...timings) };
}

/** IPython's line: `1.23 ms ± 4.5 µs per loop (mean ± std. dev. of 7 runs, 1,000 loops each)`. */
export function timeitLine(result: TimeitResult, precision = 3): string {
  const runs = `${result.repeat} run${result.repeat === 1 ? '' : 's'}`;
  const loops = `${result.loops.toLocaleString('en-US')} loop${result.loops === 1 ? '' : 's'}`;
  const mean = formatTimespan(result.average, precision);
  return `${mean} ± ${formatTimespan(result.stdev, precision)} per loop (mean ± std. dev. of ${runs}, ${loops} each)`;
}
