/**
 * `bench(t, fn)`: pytest-benchmark's `benchmark` fixture for node:test.
 *
 * ```ts
 * test('evolve', (t) => {
 *   const sim = new ParticleSimulator(randomParticles(1000, 42));
 *   bench(t, () => sim.evolve(0.1), { group: 'particles' });
 *   assert.ok(sim.particles.every((p) => Number.isFinite(p.x)));
 * });
 * ```
 *
 * Under `node --test` (so under `npm test`) it calls `fn` once and returns its result: the
 * test stays a quick test. Under `hotpath bench` it calls `fn` once the same way, then measures
 * it with the harness (harness.ts) and sends the rounds to the CLI (channel.ts).
 */
import path from 'node:path';
import { benchSettings, sendRecord, type BenchIdentity, type BenchSettings } from './channel.js';
import { profileRound, type CProfileRow } from './cprofile.js';
import { Benchmark, type HarnessOptions } from './harness.js';

/** The part of a node:test `TestContext` that `bench` uses. */
export interface TestLike {
  readonly name: string;
}

/** Options of one benchmark; they take precedence over the `hotpath bench` command line. */
export interface BenchOptions<S = undefined> extends Omit<HarnessOptions<S>, 'clock' | 'timer' | 'onRound'> {
  /** Benchmarks of a group share a table (pytest-benchmark's `group`). */
  group?: string;
  /** The name in the table (default: the test's name). */
  name?: string;
}

/** Whether this process runs under `hotpath bench` (and `bench()` measures). */
export function isBenchmarking(env: NodeJS.ProcessEnv = process.env): boolean {
  return benchSettings(env) !== null;
}

/**
 * Runs `fn` once and returns its result; under `hotpath bench` also measures it.
 * With `setup`, each call gets a fresh state: `fn(setup())`.
 *
 * @throws TypeError when `fn` returns a promise: the harness times synchronous calls only.
 * @throws whatever `fn` throws on its first call, before anything is measured.
 */
export function bench<R>(t: TestLike, fn: () => R, options?: BenchOptions): R;
export function bench<S, R>(t: TestLike, fn: (state: S) => R, options: BenchOptions<S> & { setup: () => S }): R;
export function bench<S, R>(t: TestLike, fn: (state: S) => R, options: BenchOptions<S> = {}): R {
  const state = options.setup?.() as S;
  const result = fn(state);
  if (isThenable(result)) {
    throw new TypeError(`bench: ${t.name} returned a promise; bench() times synchronous functions only`);
  }
  options.teardown?.(state, result);
  const settings = benchSettings();
  const id = settings && identify(t, options);
  // `hotpath bench file.ts::name` measures that benchmark only; the others still run once.
  if (id && isSelected(id, settings!.only)) measure(id, fn, options, settings!);
  return result;
}

function measure<S>(id: BenchIdentity, fn: (state: S) => unknown, options: BenchOptions<S>, settings: BenchSettings): void {
  sendRecord(settings, { type: 'start', ...id });
  const { group: _group, name: _name, ...own } = options;
  const fromCli = {
    minRounds: settings.minRounds,
    minTimeNs: settings.minTimeNs,
    warmupNs: settings.warmupNs,
    minRoundNs: settings.minRoundNs,
  };
  const defined = Object.fromEntries(Object.entries(fromCli).filter(([, v]) => v !== undefined));
  const measurement = new Benchmark(fn, { ...defined, ...own }).run();
  let cprofile: CProfileRow[] | undefined;
  if (settings.cprofile !== undefined) {
    cprofile = profiledRound(id, fn, options, measurement.iterations, settings.cprofile);
  }
  sendRecord(settings, { type: 'result', ...id, ...measurement, ...(cprofile ? { cprofile } : {}) });
}

// The calls under the profiler: each with its own state, as in the timed rounds.
function profiledRound<S>(id: BenchIdentity, fn: (state: S) => unknown, options: BenchOptions<S>, iterations: number, key: string): CProfileRow[] {
  return profileRound(fn, { setup: options.setup, teardown: options.teardown }, iterations, key, id.fullname);
}

// `file::name` picks one benchmark, `file::` every benchmark of the file.
function isSelected(id: BenchIdentity, only: readonly string[] | undefined): boolean {
  return !only || only.some((selector) => (selector.endsWith('::') ? id.fullname.startsWith(selector) : selector === id.fullname));
}

function identify(t: TestLike, options: { name?: string; group?: string }): BenchIdentity {
  const name = options.name ?? t.name;
  const script = process.argv[1];
  const file = script ? path.relative(process.cwd(), script).split(path.sep).join('/') : '';
  return { name, fullname: `${file}::${name}`, file, group: options.group ?? null };
}

function isThenable(value: unknown): boolean {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
