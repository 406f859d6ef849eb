/**
 * The side channel between `hotpath bench` and the `bench()` calls in the test processes it
 * starts. stdout belongs to the test runner's reporter, so results travel another way:
 *
 * - the CLI sets {@link BENCH_ENV} to JSON {@link BenchSettings}: where to write and how long
 *   to measure. `bench()` measures only when it is set, and runs the function once otherwise;
 * - each `bench()` appends JSON lines to `settings.output`: a `start` record before measuring
 *   (the CLI shows it as progress) and a `result` record after. One `appendFileSync` per record:
 *   O_APPEND writes of a line land whole, whichever test process writes them.
 */
import type { CProfileRow } from './cprofile.js';
import { appendFileSync } from 'node:fs';
import type { GcActivity } from './gc.js';
import type { TimerInfo } from './timer.js';

/** The environment variable that switches `bench()` from running once to measuring. */
export const BENCH_ENV = 'HOTPATH_BENCH';

/** What the CLI tells the test processes. Times in ns. */
export interface BenchSettings {
  /** The JSON-lines file results are appended to. */
  output: string;
  minRounds?: number;
  minTimeNs?: number;
  warmupNs?: number;
  minRoundNs?: number;
  /** Measure only these benchmarks: `file::name`, or `file::` for all of a file (`/`-separated paths). */
  only?: string[];
  /** Profile one more round of each benchmark, its functions sorted by this column (`--cprofile`). */
  cprofile?: string;
}

/** Where a benchmark comes from. */
export interface BenchIdentity {
  /** The test's name (or the `name` option). */
  name: string;
  /** `file::name`, unique within a run. */
  fullname: string;
  /** The test file, relative to the working directory. */
  file: string;
  group: string | null;
}

/** One benchmark's raw measurement: everything else is computed from it. */
export interface BenchRecord extends BenchIdentity {
  /** Calls per round. */
  iterations: number;
  /** Each timed round's duration, integer ns. */
  roundsNs: number[];
  warmup: { rounds: number; ns: number };
  timer: TimerInfo;
  gc: GcActivity | null;
  /** The top functions of one profiled round (`--cprofile`). */
  cprofile?: CProfileRow[];
}

/** A line of the channel. */
export type ChannelRecord = ({ type: 'start' } & BenchIdentity) | ({ type: 'result' } & BenchRecord);

/** The settings from the environment, or null when not run by `hotpath bench`. */
export function benchSettings(env: NodeJS.ProcessEnv = process.env): BenchSettings | null {
  const text = env[BENCH_ENV];
  if (!text) return null;
  const settings = JSON.parse(text) as BenchSettings;
  if (typeof settings.output !== 'string') throw new Error(`${BENCH_ENV} names no output file`);
  return settings;
}

/** Appends one record to the channel file. */
export function sendRecord(settings: BenchSettings, record: ChannelRecord): void {
  appendFileSync(settings.output, `${JSON.stringify(record)}\n`);
}

/** The complete records of a channel file's text (a last line still being written is skipped). */
export function parseChannel(text: string): ChannelRecord[] {
  const lines = text.split('\n');
  lines.pop(); // after the last newline: empty, or a record not yet complete
  return lines.filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as ChannelRecord);
}
