/**
 * `particles bench --engine`: the chapter's benchmark with every engine side by side (and
 * the C++ reference when it is built), and `--scale`: the same work at set sizes from 10^3
 * to 10^7, with the bytes each engine holds a particle in.
 *
 * Engines' evolve is asynchronous (the workers engine waits for its threads), so this is an
 * async loop of its own rather than hotpath's synchronous harness; what it keeps from the
 * chapter benchmark: a fresh set every round (restored untimed), warm-up, rounds interleaved
 * across rows, and a checksum that must be the same in every round.
 */
import { hrClock, type Clock } from 'hotpath/bench';
import { TIMESTEP, stepCount } from '../simulator.js';
import { randomArrays, type ParticleArrays } from '../engines/arrays.js';
import { createSimulation } from '../engines/create.js';
import type { EngineName, Simulation } from '../engines/simulation.js';
import { summarize, type Stats } from './measure.js';
import { measureHeap } from './memory.js';
import { nativeBuilds, nativeRound, type NativeBuild } from './native.js';

/** A row's code: an engine, or a build of the C++ reference. */
export type RowCode = EngineName | NativeBuild['code'];

/** Settings of an engine benchmark run. */
export interface EngineBenchOptions {
  n: number;
  dt: number;
  seed: number;
  rounds: number;
  engines: readonly EngineName[];
  /** Threads of the workers engine; the core count by default. */
  threads?: number;
  /** Also time the C++ builds found in dist/native/. */
  native?: boolean;
  /** Also measure the bytes each engine holds the set in: heap added (a full GC before and after) plus its buffers. */
  bytes?: boolean;
  clock?: Clock;
  /** Warm-up per row: at least this many untimed rounds and this long. */
  warmupRounds?: number;
  warmupNs?: number;
  onProgress?: (line: string) => void;
}

/** One row: an engine, or the C++ reference. */
export interface EngineBenchRow extends Stats {
  code: RowCode;
  label: string;
  threads: number;
  samplesNs: number[];
  /** Sum of x + y over the set after a round. */
  checksum: number;
  /** |checksum - the first row's| / |the first row's|: 0 when the positions agree bit for bit. */
  checksumDifference: number;
  /** Median ns per particle-step; null when a round takes no step. */
  nsPerStep: number | null;
  /** Median relative to the first row's (objects: the library's evolve). */
  ratio: number;
  /** Bytes per particle the engine holds the set in, when measured (not for C++). */
  bytesPerParticle: number | null;
}

/** What one engine benchmark run found. */
export interface EngineBenchReport {
  n: number;
  dt: number;
  steps: number;
  seed: number;
  rounds: number;
  rows: EngineBenchRow[];
}

/** One row in the making: how to run a round, and what was measured of it. */
interface Row {
  code: RowCode;
  label: string;
  threads: number;
  /** Times one round from a fresh set; returns its time and checksum. */
  round(): Promise<{ ns: number; checksum: number }>;
  close(): Promise<void>;
  bytes: number | null;
  /** Whether it needs warming up: the C++ binary warms itself (an untimed round first). */
  jit: boolean;
}

const DEFAULTS = { warmupRounds: 2, warmupNs: 100_000_000 };

/**
 * Runs the engine benchmark: each engine (and C++ build) is warmed up, then `rounds` rounds
 * run in turn across rows.
 *
 * @throws Error when a row's checksum changes between rounds.
 */
export async function runEngineBench(options: EngineBenchOptions): Promise<EngineBenchReport> {
  const { n, dt, seed, rounds } = options;
  const steps = stepCount(dt);
  const progress = options.onProgress ?? (() => {});
  const clock = options.clock ?? hrClock;
  const start = randomArrays(n, seed);
  const rows: Row[] = [];
  try {
    for (const engine of options.engines) {
      progress(`setting up ${engine} with ${n} particles`);
      rows.push(await engineRow(engine, start, options, clock));
    }
    if (options.native) rows.push(...nativeBuilds().map((build) => nativeRow(build, n, steps, seed)));
    const samples = await timeRounds(rows, options, progress);
    return { n, dt, steps, seed, rounds, rows: report(rows, samples, n, steps) };
  } finally {
    await Promise.all(rows.map((row) => row.close()));
  }
}

async function engineRow(engine: EngineName, start: ParticleArrays, options: EngineBenchOptions, clock: Clock): Promise<Row> {
  const threads = engine === 'workers' ? options.threads : undefined;
  const create = () => createSimulation(start, threads === undefined ? { engine } : { engine, threads });
  let sim: Simulation;
  let bytes: number | null = null;
  if (options.bytes) {
    // A first small set compiles the engine's code (and the wasm module), so that the heap
    // this one adds is the set's alone.
    await (await createSimulation(randomArrays(2, 0), { engine })).close();
    const measured = await measureHeap(create);
    sim = measured.value;
    bytes = measured.bytes + sim.bufferBytes;
  } else {
    sim = await create();
  }
  return {
    code: engine,
    label: engine === 'workers' ? `workers (${sim.threads} threads)` : engine === 'objects' ? 'objects (evolve)' : engine,
    threads: sim.threads,
    bytes,
    jit: true,
    async round() {
      sim.setParticles(start); // a fresh set, untimed
      const t0 = clock();
      await sim.evolve(options.dt);
      const ns = Number(clock() - t0);
      return { ns, checksum: checksumOf(sim.getArrays()) };
    },
    close: () => sim.close(),
  };
}

function nativeRow(build: NativeBuild, n: number, steps: number, seed: number): Row {
  return {
    code: build.code,
    label: build.label,
    threads: 1,
    bytes: null,
    jit: false,
    round: async () => nativeRound(build, n, steps, seed),
    close: async () => {},
  };
}

/** Warms every row up, then times the rounds interleaved; returns each row's samples and checksum. */
async function timeRounds(rows: readonly Row[], options: EngineBenchOptions, progress: (line: string) => void): Promise<{ samplesNs: number[]; checksum: number }[]> {
  const warmupRounds = options.warmupRounds ?? DEFAULTS.warmupRounds;
  const warmupNs = options.warmupNs ?? DEFAULTS.warmupNs;
  for (const row of rows.filter((row) => row.jit)) {
    progress(`warming up ${row.label}`);
    // Wall time, restores included: tiny rounds would otherwise warm up for thousands of rounds.
    const start = performance.now();
    for (let i = 0; i < warmupRounds || (performance.now() - start) * 1e6 < warmupNs; i++) await row.round();
  }
  const results = rows.map(() => ({ samplesNs: [] as number[], checksum: NaN }));
  for (let round = 1; round <= options.rounds; round++) {
    progress(`round ${round}/${options.rounds}`);
    for (const [i, row] of rows.entries()) {
      const { ns, checksum } = await row.round();
      const result = results[i]!;
      if (round > 1 && !Object.is(checksum, result.checksum)) {
        throw new Error(`${row.label}: round ${round} gave checksum ${checksum}, round 1 gave ${result.checksum}`);
      }
      result.checksum = checksum;
      result.samplesNs.push(ns);
    }
  }
  return results;
}

function report(rows: readonly Row[], results: readonly { samplesNs: number[]; checksum: number }[], n: number, steps: number): EngineBenchRow[] {
  const ops = n * steps; // particle-steps a round
  const stats = results.map((result) => summarize(result.samplesNs));
  const base = { median: stats[0]!.medianNs, checksum: results[0]!.checksum };
  return rows.map((row, i): EngineBenchRow => {
    const { samplesNs, checksum } = results[i]!;
    return {
      code: row.code,
      label: row.label,
      threads: row.threads,
      ...stats[i]!,
      samplesNs,
      checksum,
      checksumDifference: Math.abs(checksum - base.checksum) / Math.abs(base.checksum),
      nsPerStep: ops > 0 ? stats[i]!.medianNs / ops : null,
      ratio: stats[i]!.medianNs / base.median,
      bytesPerParticle: row.bytes === null || n === 0 ? null : row.bytes / n,
    };
  });
}

function checksumOf(arrays: ParticleArrays): number {
  let sum = 0;
  for (let i = 0; i < arrays.x.length; i++) sum += arrays.x[i]! + arrays.y[i]!;
  return sum;
}

/** Settings of a scale run. */
export interface ScaleOptions extends Omit<EngineBenchOptions, 'n' | 'dt' | 'bytes'> {
  /** Set sizes, e.g. 10^3 to 10^7. */
  sizes: readonly number[];
  /** Particle-steps per round at every size: steps = work / n (at least 1). */
  work: number;
}

/** One size of a scale run. */
export interface ScaleReport {
  sizes: EngineBenchReport[];
  work: number;
}

/** The Euler steps a size takes for `work` particle-steps, and a dt that gives exactly them. */
export function stepsFor(n: number, work: number): { steps: number; dt: number } {
  const steps = Math.max(1, Math.round(work / n));
  // Half a step over: dt / TIMESTEP must not round to just below the count.
  return { steps, dt: (steps + 0.5) * TIMESTEP };
}

/** Runs the engine benchmark at each size, with the same work per round and bytes measured. */
export async function runScaleBench(options: ScaleOptions): Promise<ScaleReport> {
  const sizes: EngineBenchReport[] = [];
  for (const n of options.sizes) {
    const { dt } = stepsFor(n, options.work);
    options.onProgress?.(`size ${n}`);
    sizes.push(await runEngineBench({ ...options, n, dt, bytes: true }));
  }
  return { sizes, work: options.work };
}
