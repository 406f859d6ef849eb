/**
 * From the records the test processes sent to a {@link BenchRun}: statistics computed,
 * names made unique, machine and commit attached.
 */
import type { BenchRecord } from './channel.js';
import { commitInfo, machineId, machineInfo } from './machine.js';
import { computeStats } from './stats.js';
import { RUN_FORMAT, RUN_FORMAT_VERSION, type BenchRun, type RunBenchmark } from './storage.js';

/** A run of `records`, taken now on this machine at the commit checked out in `cwd`. */
export function buildRun(records: readonly BenchRecord[], cwd: string = process.cwd()): BenchRun {
  return {
    format: RUN_FORMAT,
    version: RUN_FORMAT_VERSION,
    unit: 'ns',
    datetime: new Date().toISOString(),
    machineId: machineId(),
    machine: machineInfo(),
    commit: commitInfo(cwd),
    benchmarks: uniqueNames(records).map(withStats),
  };
}

/** A benchmark with its statistics. */
export function withStats(record: BenchRecord): RunBenchmark {
  return { ...record, stats: computeStats(record.roundsNs, record.iterations) };
}

// Two bench() calls of one name in one file would be compared with each other's saved rounds;
// the second becomes `name #2`.
function uniqueNames(records: readonly BenchRecord[]): BenchRecord[] {
  const seen = new Map<string, number>();
  return records.map((record) => {
    const count = (seen.get(record.fullname) ?? 0) + 1;
    seen.set(record.fullname, count);
    if (count === 1) return record;
    const name = `${record.name} #${count}`;
    return { ...record, name, fullname: `${record.file}::${name}` };
  });
}
