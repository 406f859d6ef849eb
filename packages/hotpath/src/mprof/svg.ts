/**
 * `mprof plot` as a hand-written SVG line chart: memory (MiB) against time since each run's
 * start, one line per run, children dashed, @profile brackets as shaded spans, each run's
 * peak marked. No charting dependency: a line chart is a few paths.
 */
import { peakOf, type MprofData } from './dat.js';

const WIDTH = 800;
const HEIGHT = 480;
const PAD = { left: 70, right: 20, top: 40, bottom: 50 };
/** Each run's colour, in order (a seventh run takes the first again). */
export const COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b'];

function escape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** The plot's axes: where a time (s since the run's start) and a memory (MiB) are drawn. */
export interface PlotScale {
  width: number;
  height: number;
  pad: { left: number; right: number; top: number; bottom: number };
  /** The largest time and memory the axes show. */
  maxT: number;
  maxM: number;
  /** Each run's first sample time (epoch seconds): its time 0. */
  starts: number[];
}

/** The axes that {@link plotSvg} draws `runs` on. */
export function plotScale(runs: ReadonlyArray<{ data: MprofData }>): PlotScale {
  const starts = runs.map(({ data }) => data.mem[0]!.time);
  const all = runs.flatMap(({ data }, i) => [...data.mem, ...[...data.children.values()].flat()].map((s) => ({ t: s.time - starts[i]!, m: s.mib })));
  const maxT = Math.max(1e-3, ...all.map((p) => p.t));
  const maxM = Math.max(1, ...all.map((p) => p.m)) * 1.1;
  return { width: WIDTH, height: HEIGHT, pad: PAD, maxT, maxM, starts };
}

/** The SVG of one or more runs, each named by its file. */
export function plotSvg(runs: ReadonlyArray<{ file: string; data: MprofData }>, title = 'Memory used over time'): string {
  const { maxT, maxM, starts } = plotScale(runs);
  const x = (t: number): number => PAD.left + (t / maxT) * (WIDTH - PAD.left - PAD.right);
  const y = (m: number): number => HEIGHT - PAD.bottom - (m / maxM) * (HEIGHT - PAD.top - PAD.bottom);
  const path = (points: ReadonlyArray<{ time: number; mib: number }>, start: number): string =>
    points.map((s, k) => `${k ? 'L' : 'M'}${x(s.time - start).toFixed(1)},${y(s.mib).toFixed(1)}`).join(' ');
  const parts: string[] = [];
  for (let k = 0; k <= 5; k++) {
    const m = (maxM * k) / 5;
    const t = (maxT * k) / 5;
    parts.push(`<line class="grid" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(m).toFixed(1)}" y2="${y(m).toFixed(1)}" stroke="#ddd"/>`);
    parts.push(`<text x="${PAD.left - 6}" y="${(y(m) + 4).toFixed(1)}" text-anchor="end">${m.toFixed(1)}</text>`);
    parts.push(`<text x="${x(t).toFixed(1)}" y="${HEIGHT - PAD.bottom + 18}" text-anchor="middle">${t.toFixed(2)}</text>`);
  }
  for (const [i, { file, data }] of runs.entries()) {
    const colour = COLOURS[i % COLOURS.length]!;
    const start = starts[i]!;
    for (const f of data.funcs) {
      const x0 = x(f.start.time - start);
      const w = Math.max(1, x(f.end.time - start) - x0);
      parts.push(
        `<rect class="func" x="${x0.toFixed(1)}" y="${PAD.top}" width="${w.toFixed(1)}" height="${HEIGHT - PAD.top - PAD.bottom}" fill="${colour}" fill-opacity="0.12"><title>${escape(f.name)}</title></rect>`,
      );
    }
    parts.push(`<path class="mem" data-file="${escape(file)}" d="${path(data.mem, start)}" fill="none" stroke="${colour}" stroke-width="1.5"/>`);
    for (const [index, samples] of data.children) {
      parts.push(`<path class="child" data-child="${index}" d="${path(samples, start)}" fill="none" stroke="${colour}" stroke-dasharray="4 3"/>`);
    }
    const peak = peakOf(data);
    parts.push(
      `<circle class="peak" cx="${x(peak.time - start).toFixed(1)}" cy="${y(peak.mib).toFixed(1)}" r="4" fill="${colour}"><title>peak ${peak.mib.toFixed(3)} MiB</title></circle>`,
    );
    parts.push(`<text class="legend" x="${PAD.left + 10}" y="${PAD.top + 16 + 16 * i}" fill="${colour}">${escape(file)} (peak ${peak.mib.toFixed(1)} MiB)</text>`);
  }
  // Fonts named before the generic sans-serif: resvg (the PNG) maps that generic to Arial only,
  // and without Arial it took the first system font, a serif.
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-size="15">${escape(title)}</text>`,
    ...parts,
    `<text x="${WIDTH / 2}" y="${HEIGHT - 10}" text-anchor="middle">time (in seconds)</text>`,
    `<text transform="translate(16 ${HEIGHT / 2}) rotate(-90)" text-anchor="middle">memory used (in MiB)</text>`,
    '</svg>',
    '',
  ].join('\n');
}
