/**
 * `hotpath bench --cprofile [KEY]`, pytest-benchmark's `--benchmark-cprofile`: after a
 * benchmark is measured, its function runs again under the profiler, in rounds of the
 * measured calls per round for {@link CPROFILE_MIN_NS} at least (sampled every 0.05 ms), and
 * the report lists its 25 top functions
 * by KEY.
 *
 * Calls are not counted (`?`): by then the benchmark's code is optimised, with its callees
 * inlined, and V8's block coverage misses most calls made from optimised code (measured: 31
 * of 1000 calls counted). Exact counts need the program profiled from its start:
 * `hotpath profile --mode trace`.
 */
import { runInThisContext } from 'node:vm';
import { Profiler } from '../api/profiler.js';
import { foldProfile } from '../model/fold.js';
import { functionRows } from '../report/rows.js';
import { sortRows, type SortKey } from '../report/sort.js';
import { ncallsText } from '../report/format.js';

/** One function of the profiled round, in pytest-benchmark's stored fields (seconds). */
export interface CProfileRow {
  ncalls_recursion: string;
  ncalls: number | null;
  tottime: number;
  tottime_per: number | null;
  cumtime: number;
  cumtime_per: number | null;
  function_name: string;
}

/** The columns `--cprofile` sorts by, pytest-benchmark's names and hotpath's sort keys. */
export const CPROFILE_KEYS: Record<string, SortKey> = {
  tottime: 'tottime',
  cumtime: 'cumtime',
  ncalls: 'ncalls',
  ncalls_recursion: 'ncalls',
  tottime_per: 'tottime',
  cumtime_per: 'cumtime',
  function_name: 'name',
};

/** How many functions are kept per benchmark (pytest-benchmark's `--benchmark-cprofile-top`). */
export const CPROFILE_TOP = 25;

/**
 * How long the profiled calls run, at least: enough samples to rank the functions. V8's
 * sampler takes a few milliseconds to deliver its first samples (3 to 8 samples in the first
 * 12 ms at a 0.05 ms interval, measured), so a round of a fast benchmark alone shows nothing.
 */
export const CPROFILE_MIN_NS = 100e6;

/** Profiles rounds of `iterations` calls of `fn` (each with its own `setup()` state), for {@link CPROFILE_MIN_NS} at least, and returns the top functions by `key`. */
export function profileRound<S>(fn: (state: S) => unknown, hooks: RoundHooks<S>, iterations: number, key: string, label: string): CProfileRow[] {
  const loop = roundLoop();
  const profiler = new Profiler({ interval: 0.05, label: [label], counts: false });
  profiler.enable();
  try {
    loop(fn, hooks.setup, hooks.teardown, iterations, process.hrtime.bigint() + BigInt(CPROFILE_MIN_NS));
  } finally {
    profiler.disable();
  }
  const profile = foldProfile(profiler.getStats(), { node: true, nodeModules: true });
  const rows = sortRows(functionRows(profile, { stripDirs: false }), [CPROFILE_KEYS[key] ?? 'tottime']);
  return rows.slice(0, CPROFILE_TOP).map(({ stats, label: name }) => ({
    ncalls_recursion: ncallsText(stats.calls, stats.primitiveCalls),
    ncalls: stats.calls,
    tottime: stats.self / 1e9,
    tottime_per: stats.calls ? stats.self / 1e9 / stats.calls : null,
    cumtime: stats.total / 1e9,
    cumtime_per: stats.calls ? stats.total / 1e9 / stats.calls : null,
    function_name: name,
  }));
}

/** A benchmark's per-call state, as bench() options give it. */
export interface RoundHooks<S> {
  setup?: () => S;
  teardown?: (state: S, result: unknown) => void;
}

type RoundLoop = <S>(fn: (state: S) => unknown, setup: (() => S) | undefined, teardown: ((state: S, result: unknown) => void) | undefined, iterations: number, end: bigint) => void;

/**
 * The loop that calls the benchmark, compiled afresh as a script of its own, its call site
 * made megamorphic before use. V8 inlines a small function into its caller and charges the
 * caller's frame with its time: inlined into this loop, the benchmark would vanish from its
 * own profile; inlined into hotpath's code, it would be cut out with that code's frames.
 */
function roundLoop(): RoundLoop {
  const source =
    '(function profiledRounds(fn, setup, teardown, iterations, end) {\n' +
    '  do {\n' +
    '    for (let i = 0; i < iterations; i++) {\n' +
    '      const state = setup === undefined ? undefined : setup();\n' +
    '      const result = fn(state);\n' +
    '      if (teardown !== undefined) teardown(state, result);\n' +
    '    }\n' +
    '  } while (process.hrtime.bigint() < end);\n' +
    '})';
  const loop = runInThisContext(source, { filename: 'hotpath:bench-round' }) as RoundLoop;
  // Five targets at `fn(state)`: past V8's polymorphic limit (four), so nothing is inlined there.
  for (const dummy of [() => 1, () => 2, () => 3, () => 4, () => 5]) loop(dummy, undefined, undefined, 200, 0n);
  return loop;
}

/** The report's section, as pytest-benchmark prints it: per benchmark, its rows tab-separated. */
export function renderCProfile(benchmarks: ReadonlyArray<{ fullname: string; cprofile?: CProfileRow[] }>): string[] {
  const profiled = benchmarks.filter((b) => b.cprofile);
  if (profiled.length === 0) return [];
  const lines = [
    '',
    '------------------------------ cProfile (time in s) ------------------------------',
    'Calls are not counted here (?): see `hotpath profile --mode trace` for exact counts.',
    '',
  ];
  const per = (v: number | null) => (v === null ? '?' : v.toFixed(4));
  for (const b of profiled) {
    lines.push(b.fullname, 'ncalls\ttottime\tpercall\tcumtime\tpercall\tfilename:lineno(function)');
    for (const r of b.cprofile!) {
      lines.push(`${r.ncalls_recursion}\t${r.tottime.toFixed(4)}\t${per(r.tottime_per)}\t${r.cumtime.toFixed(4)}\t${per(r.cumtime_per)}\t${r.function_name}`);
    }
    lines.push('');
  }
  return lines;
}
