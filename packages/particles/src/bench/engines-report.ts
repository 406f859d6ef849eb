/** Tables of `particles bench --engine` and `--scale` (JSON goes out as the reports are). */
import type { EngineBenchReport, EngineBenchRow, ScaleReport } from './engines.js';
import { alignColumns, formatRatio, plural, scaled, timeUnit, type Environment } from './report.js';

/** The engine table: one row per engine (and C++ build). */
export function formatEngineTable(report: EngineBenchReport, env: Environment): string {
  const { n, dt, steps, seed, rounds } = report;
  const base = report.rows[0]!.label;
  const heading = [
    `particles bench --engine: ${plural(n, 'particle')} (seed ${seed}) advanced by dt ${dt} = ${plural(steps, 'Euler step')}`,
    `each row: median of ${rounds} rounds after warm-up, each round on a fresh set; spread = min–max`,
    environmentLine(env),
  ];
  const header = ['engine', 'median', 'spread (min–max)', 'ns/particle-step', `vs ${base}`, 'positions'];
  const body = report.rows.map((row) => [
    row.label,
    duration(row.medianNs),
    spread(row),
    row.nsPerStep === null ? '–' : scaled(row.nsPerStep),
    formatRatio(row.ratio),
    agreement(row, report.rows[0]!),
  ]);
  return [...heading, '', ...alignColumns([header, ...body], 'lrrrrl'), '', FOOTER].join('\n');
}

const FOOTER = 'positions: the checksum (sum of x + y) against the first row\'s; "same bits" means equal to the last bit';

/** The scale table: one row per size and engine, with its ns per particle-step against its best size. */
export function formatScaleTable(report: ScaleReport, env: Environment): string {
  const first = report.sizes[0]!;
  const heading = [
    `particles bench --scale: ${report.work.toExponential()} particle-steps a round at every size (seed ${first.seed})`,
    `each row: median of ${first.rounds} rounds after warm-up, each round on a fresh set; bytes: JS heap the engine added (after a full GC) plus its typed arrays or wasm memory`,
    environmentLine(env),
  ];
  const best = new Map<string, number>();
  for (const size of report.sizes) {
    for (const row of size.rows) {
      if (row.nsPerStep !== null) best.set(row.label, Math.min(best.get(row.label) ?? Infinity, row.nsPerStep));
    }
  }
  const header = ['particles', 'steps', 'engine', 'median', 'ns/particle-step', 'vs its best size', 'bytes/particle'];
  const body = report.sizes.flatMap((size) =>
    size.rows.map((row) => [
      String(size.n),
      String(size.steps),
      row.label,
      duration(row.medianNs),
      row.nsPerStep === null ? '–' : scaled(row.nsPerStep),
      row.nsPerStep === null ? '–' : formatRatio(row.nsPerStep / best.get(row.label)!),
      row.bytesPerParticle === null ? '–' : row.bytesPerParticle.toFixed(2),
    ]),
  );
  return [...heading, '', ...alignColumns([header, ...body], 'rrlrrrr')].join('\n');
}

function environmentLine(env: Environment): string {
  return `${env.node} (V8 ${env.v8}), ${env.platform} ${env.arch}, ${env.cpus} CPUs: ${env.cpuModel}`;
}

function duration(ns: number): string {
  const [scale, unit] = timeUnit(ns);
  return `${scaled(ns / scale)} ${unit}`;
}

function spread(row: EngineBenchRow): string {
  const [scale, unit] = timeUnit(row.medianNs);
  return `${scaled(row.minNs / scale)}–${scaled(row.maxNs / scale)} ${unit}`;
}

function agreement(row: EngineBenchRow, first: EngineBenchRow): string {
  if (row === first) return 'reference';
  return row.checksumDifference === 0 ? 'same bits' : `differs by ${row.checksumDifference.toExponential(1)}`;
}
