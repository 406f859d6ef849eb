/**
 * `--histogram`: an SVG box plot of every benchmark's rounds (time per call), one row per
 * benchmark, grouped as the tables are. Box: Q1 to Q3; line: median; diamond: mean;
 * whiskers: the furthest rounds within 1.5 IQR of the box (Tukey); dots: the rounds beyond.
 * The axis is linear, or logarithmic when the times span more than a factor of 20 (the
 * particle methods range from microseconds to tens of milliseconds). Self-contained: no
 * scripts, no external fonts; every name is escaped.
 */
import type { BenchStats } from './stats.js';
import { timeUnit } from './table.js';

/** One row of the plot. */
export interface PlotRow {
  name: string;
  /** Time per call of each round, ns. */
  samples: readonly number[];
  stats: BenchStats;
}

/** A group of rows under a heading (null: no heading). */
export interface PlotGroup {
  group: string | null;
  rows: PlotRow[];
}

const ROW = 26;
const TOP = 56;
const RIGHT = 30;
const PLOT_WIDTH = 560;
const FONT = 'font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="12"';

/** The SVG document for `groups` (rows with no samples are skipped). */
export function renderBoxPlot(groups: readonly PlotGroup[], title = 'hotpath bench'): string {
  const all = groups.flatMap((g) => g.rows).filter((r) => r.samples.length > 0);
  if (all.length === 0) throw new RangeError('nothing to plot');
  const low = Math.min(...all.map((r) => r.stats.min));
  const high = Math.max(...all.map((r) => r.stats.max));
  const axis = makeAxis(low, high);
  const left = 20 + Math.min(360, 7.2 * Math.max(...all.map((r) => r.name.length)));
  const lines: string[] = [];
  let y = TOP;
  for (const group of groups) {
    if (group.group !== null) {
      lines.push(`<text x="10" y="${y + 16}" font-weight="bold">${escapeXml(group.group)}</text>`);
      y += ROW;
    }
    for (const row of group.rows.filter((r) => r.samples.length > 0)) {
      lines.push(...boxRow(row, y, left, axis));
      y += ROW;
    }
  }
  const height = y + 60;
  const width = left + PLOT_WIDTH + RIGHT;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT}>`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="20" font-size="14" font-weight="bold">${escapeXml(title)}: time per call, rounds as box plots</text>`,
    `<text x="10" y="38" fill="#555">box: Q1–Q3 · line: median · ◆ mean · whiskers: 1.5 IQR · dots: outliers</text>`,
    ...axisLines(axis, left, TOP - 4, y),
    ...lines,
    '</svg>',
    '',
  ].join('\n');
}

interface Axis {
  /** Position of a value in ns, 0..1 along the axis. */
  at(ns: number): number;
  ticks: number[];
  unit: string;
  perNs: number;
  log: boolean;
}

function makeAxis(low: number, high: number): Axis {
  const [prefix, perSecond] = timeUnit(Math.max(low, 1e-3));
  const perNs = perSecond / 1e9;
  const unit = `${prefix === 'u' ? 'µ' : prefix}s`;
  const log = low > 0 && high / low > 20;
  if (log) {
    const a = Math.floor(Math.log10(low));
    const b = Math.ceil(Math.log10(high));
    const ticks = Array.from({ length: b - a + 1 }, (_, i) => 10 ** (a + i));
    return { at: (ns) => (Math.log10(Math.max(ns, 10 ** a)) - a) / (b - a), ticks, unit, perNs, log };
  }
  const step = niceStep((high - Math.min(low, high)) / 5 || Math.abs(high) || 1);
  const start = Math.floor(low / step) * step;
  const end = Math.max(Math.ceil(high / step) * step, start + step);
  const ticks = Array.from({ length: Math.round((end - start) / step) + 1 }, (_, i) => start + i * step);
  return { at: (ns) => (ns - start) / (end - start), ticks, unit, perNs, log };
}

function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const [step] = [1, 2, 5, 10].filter((m) => m * power >= rough);
  return step! * power;
}

function axisLines(axis: Axis, left: number, top: number, bottom: number): string[] {
  const x = (ns: number) => (left + axis.at(ns) * PLOT_WIDTH).toFixed(1);
  const label = (ns: number) => String(Number((ns * axis.perNs).toPrecision(6)));
  const ticks = axis.ticks.flatMap((ns) => [
    `<line x1="${x(ns)}" y1="${top}" x2="${x(ns)}" y2="${bottom + 4}" stroke="#ddd"/>`,
    `<text x="${x(ns)}" y="${bottom + 18}" text-anchor="middle">${label(ns)}</text>`,
  ]);
  const caption = `time per call (${axis.unit}${axis.log ? ', log scale' : ''})`;
  return [
    ...ticks,
    `<line x1="${left}" y1="${bottom + 4}" x2="${left + PLOT_WIDTH}" y2="${bottom + 4}" stroke="black"/>`,
    `<text x="${left + PLOT_WIDTH / 2}" y="${bottom + 40}" text-anchor="middle">${caption}</text>`,
  ];
}

function boxRow(row: PlotRow, y: number, left: number, axis: Axis): string[] {
  const x = (ns: number) => (left + axis.at(ns) * PLOT_WIDTH).toFixed(1);
  const { q1, q3, median, mean, iqr } = row.stats;
  const inner = row.samples.filter((s) => s >= q1 - 1.5 * iqr && s <= q3 + 1.5 * iqr);
  const [lo, hi] = [Math.min(...inner, q1), Math.max(...inner, q3)];
  const outliers = row.samples.filter((s) => s < lo || s > hi).slice(0, 500);
  const mid = y + ROW / 2;
  const tip = `${escapeXml(row.name)}: median ${Number((median * axis.perNs).toPrecision(4))} ${axis.unit}, ${row.stats.rounds} rounds`;
  return [
    `<g><title>${tip}</title>`,
    `<text x="10" y="${mid + 4}">${escapeXml(row.name)}</text>`,
    `<line x1="${x(lo)}" y1="${mid}" x2="${x(hi)}" y2="${mid}" stroke="#333"/>`,
    `<line x1="${x(lo)}" y1="${mid - 5}" x2="${x(lo)}" y2="${mid + 5}" stroke="#333"/>`,
    `<line x1="${x(hi)}" y1="${mid - 5}" x2="${x(hi)}" y2="${mid + 5}" stroke="#333"/>`,
    `<rect x="${x(q1)}" y="${mid - 8}" width="${Math.max(1, Number(x(q3)) - Number(x(q1))).toFixed(1)}" height="16" fill="#9ecae1" stroke="#08519c"/>`,
    `<line x1="${x(median)}" y1="${mid - 8}" x2="${x(median)}" y2="${mid + 8}" stroke="#08519c" stroke-width="2"/>`,
    `<path d="M${x(mean)} ${mid - 4}l4 4l-4 4l-4 -4z" fill="#e6550d"/>`,
    ...outliers.map((s) => `<circle cx="${x(s)}" cy="${mid}" r="2" fill="none" stroke="#a50f15"/>`),
    '</g>',
  ];
}

/** Text made safe for SVG/XML content and attributes. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
