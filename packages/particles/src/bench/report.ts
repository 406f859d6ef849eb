/**
 * Renders a particle benchmark report: an aligned text table for people, JSON for tools.
 */
import os from 'node:os';
import type { ParticleBenchReport, ParticleBenchRow } from './particles.js';

/** Where a run happened: benchmark numbers mean little without it. */
export interface Environment {
  node: string;
  v8: string;
  platform: string;
  arch: string;
  cpus: number;
  cpuModel: string;
}

/** The machine and runtime this process runs on. */
export function environment(): Environment {
  const cpus = os.cpus();
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: process.platform,
    arch: process.arch,
    cpus: os.availableParallelism(),
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
  };
}

/** The report as pretty-printed JSON (times in integer or fractional nanoseconds). */
export function formatJson(report: ParticleBenchReport, env: Environment): string {
  return JSON.stringify({ benchmark: 'particles', environment: env, ...report }, null, 2);
}

/** The report as a text table with a heading that says what was measured and how. */
export function formatTable(report: ParticleBenchReport, env: Environment): string {
  const { n, dt, steps, timestep, seed, rounds, baseline } = report;
  const heading = [
    `particles bench: ${plural(n, 'particle')} (seed ${seed}) advanced by dt ${dt}` + ` = ${plural(steps, 'Euler step')} of ${timestep.toExponential()}`,
    `each row: median of ${rounds} rounds after warm-up, each round on a fresh set; spread = min–max`,
    `${env.node} (V8 ${env.v8}), ${env.platform} ${env.arch}, ${env.cpus} CPUs: ${env.cpuModel}`,
  ];
  const base = baseline.method === 'evolve' ? 'TS evolve' : `TS ${baseline.method}`;
  const header = ['method', 'code', 'median', 'spread (min–max)', 'ns/op', 'op', `vs ${base}`];
  const body = report.rows.map(tableRow);
  const footer = 'op: one particle advanced one Euler step (particle-step); evolveExact takes no steps, so its op is one particle';
  return [...heading, '', ...alignColumns([header, ...body], 'llrrrlr'), '', footer].join('\n');
}

function tableRow(row: ParticleBenchRow): string[] {
  const [scale, unit] = timeUnit(row.medianNs);
  const spread = `${scaled(row.minNs / scale)}–${scaled(row.maxNs / scale)} ${unit}`;
  return [row.method, row.label, `${scaled(row.medianNs / scale)} ${unit}`, spread, row.nsPerOp === null ? '–' : scaled(row.nsPerOp), row.op, formatRatio(row.ratio)];
}

/** The unit a duration reads best in: [nanoseconds per unit, unit name]. */
export function timeUnit(ns: number): [number, string] {
  if (ns >= 1e9) return [1e9, 's'];
  if (ns >= 1e6) return [1e6, 'ms'];
  if (ns >= 1e3) return [1e3, 'µs'];
  return [1, 'ns'];
}

/** Three significant figures for values from 1 to 999 (and sensible below). */
export function scaled(value: number): string {
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

export function formatRatio(ratio: number): string {
  return `${ratio >= 0.01 ? ratio.toFixed(2) : ratio.toPrecision(2)}x`;
}

/** Pads cells to column widths; `align` has one letter per column, l(eft) or r(ight). */
export function alignColumns(rows: readonly string[][], align: string): string[] {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  return rows.map((row) =>
    row
      .map((cell, col) => (align[col] === 'r' ? cell.padStart(widths[col]!) : cell.padEnd(widths[col]!)))
      .join('  ')
      .trimEnd(),
  );
}
