/**
 * The text `hotpath time` prints: for one run, the lines of the shell's `time` (real, user,
 * sys as `0m1.234s`) and the maximum resident set size `/usr/bin/time -v` reports; for
 * several runs, hyperfine's layout (median, the middle half and the range per command, then
 * how much faster the fastest ran and whether that is outside the noise).
 */
import type { BenchStats } from '../bench/stats.js';
import type { RunFigures } from './measure.js';
import type { CommandSummary, Comparison } from './summary.js';

/** The shell's `time` lines for one run, and the maximum resident set size. */
export function formatOneRun(run: RunFigures): string {
  const lines = [`real\t${clock(run.realNs)}`, `user\t${clock(run.userNs)}`, `sys\t${clock(run.sysNs)}`];
  lines.push(`maxrss\t${run.maxRssKiB === null ? 'n/a' : `${mib(run.maxRssKiB)} (${run.maxRssKiB} KiB)`}`);
  if (run.exitCode !== 0) lines.push(exitLine(run));
  return lines.join('\n') + '\n';
}

// `time`'s 0m0.123s (user and sys are only as precise as /proc's 10 ms ticks).
function clock(ns: number | null): string {
  if (ns === null) return 'n/a';
  const minutes = Math.floor(ns / 60e9);
  return `${minutes}m${((ns - minutes * 60e9) / 1e9).toFixed(3)}s`;
}

function exitLine(run: RunFigures): string {
  return run.signal ? `Command terminated by signal ${run.signal} (exit ${run.exitCode})` : `Command exited with non-zero status ${run.exitCode}`;
}

/** One command's block in the several-runs report. */
export function formatSummary(summary: CommandSummary, index: number): string {
  const { real, user, sys, maxRss } = summary;
  const cpu = user && sys ? `    [User: ${duration(user.median)}, System: ${duration(sys.median)}]` : '';
  const lines = [
    `Command ${index + 1}: ${summary.command.label}`,
    `  Time (median):      ${duration(real.median).padStart(9)}    middle half ${range(real.q1, real.q3)}${cpu}`,
    `  Range (min … max):  ${duration(real.min).padStart(9)} … ${duration(real.max)}    ${real.rounds} run${real.rounds === 1 ? '' : 's'}`,
  ];
  if (maxRss) lines.push(`  Max RSS (median):   ${mib(maxRss.median).padStart(9)}    min … max ${mib(maxRss.min)} … ${mib(maxRss.max)}`);
  if (summary.failed.length) {
    const codes = [...new Set(summary.failed.map((run) => run.exitCode))].join(', ');
    lines.push(`  ${summary.failed.length} of ${real.rounds} runs failed (exit ${codes}); the figures include them`);
  }
  return lines.join('\n') + '\n';
}

/** The comparison of several commands: how much faster the fastest ran than each other one. */
export function formatComparison(fastest: CommandSummary, others: readonly Comparison[]): string {
  const lines = ['Summary', `  ${fastest.command.label} ran`];
  for (const { summary, ratio, inNoise } of others) {
    const verdict = inNoise ? 'inside the noise: the middle halves of the runs overlap' : 'outside the noise';
    lines.push(`    ${ratio.toFixed(2)} times faster than ${summary.command.label}   (medians; ${verdict})`);
  }
  return lines.join('\n') + '\n';
}

function range(low: number, high: number): string {
  return `${duration(low)} … ${duration(high)}`;
}

/** A duration in the unit that fits it: `1.234 s`, `12.3 ms`, `456 µs`. */
export function duration(ns: number): string {
  if (ns >= 1e9) return `${(ns / 1e9).toFixed(3)} s`;
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(1)} ms`;
  return `${(ns / 1e3).toFixed(0)} µs`;
}

function mib(kib: number): string {
  return `${(kib / 1024).toFixed(1)} MiB`;
}

/** The statistics in the JSON export: seconds for times, KiB for memory, units in the names. */
export function statsJson(stats: BenchStats | null, scale: number): Record<string, number> | null {
  if (!stats) return null;
  const { min, max, mean, stddev, median, q1, q3 } = stats;
  return Object.fromEntries(Object.entries({ min, max, mean, stddev, median, q1, q3 }).map(([k, v]) => [k, v * scale]));
}
