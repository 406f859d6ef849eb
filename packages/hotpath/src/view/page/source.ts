// The source of the selected function, read when the report was written, scrolled to the
// function. Where the profile has per-line stats, its lines carry line_profiler's columns
// (Hits, Time, Per Hit, % Time) and a heat colour by the line's time relative to the
// function's hottest line.
import type { ViewData } from './data.js';
import { byId, clear, el, scrollWithin } from './dom.js';
import { count, human, percent } from './format.js';
import { heatColor, heatOf, heatTextColor } from './heat.js';
import { frameName, type Model } from './model.js';
import type { SelectionStore } from './state.js';

/** Lines rendered at most; a longer file is shown around the function. */
const MAX_LINES = 3000;

interface LineStat {
  hits: number | null;
  time: number;
}

/** Mounts the source view in #source-panel; redraws on every selection. */
export function mountSource(model: Model, store: SelectionStore): void {
  const body = byId('source-body');
  const caption = byId('source-status');
  store.subscribe((frame) => {
    clear(body);
    body.scrollTop = 0;
    if (frame === null) {
      caption.textContent = '';
      body.append(el('p', { class: 'empty', text: 'Select a function to see its source.' }));
      return;
    }
    const shown = showSource(model, frame, body);
    caption.textContent = shown;
  });
  body.append(el('p', { class: 'empty', text: 'Select a function to see its source.' }));
}

// Fills `body` and returns the caption.
function showSource(model: Model, frame: number, body: HTMLElement): string {
  const { data } = model;
  const info = data.frames[frame]!;
  const source = info.source >= 0 ? data.sources[info.source]! : null;
  const excerpt = source?.excerpts?.find((e) => e.start <= info.line && info.line < e.start + lineCount(e.text));
  if (!source || (!source.text && !excerpt)) {
    const why = source?.note ?? (info.file === '' ? 'it has no source file (a built-in or a folded group)' : `${info.file} was not read`);
    body.append(el('p', { class: 'empty', text: `No source for ${info.name}: ${why}.` }));
    return info.label;
  }
  const stats = lineStats(data, frame);
  let lines: string[];
  let first: number;
  let last: number;
  if (source.text) {
    lines = source.text.split(/\r?\n/);
    first = lines.length <= MAX_LINES ? 1 : Math.max(1, info.line - 500);
    last = Math.min(lines.length, first + MAX_LINES - 1);
  } else {
    // An excerpt of a large file: its lines in place, numbered as in the file.
    const own = excerpt!.text.split(/\r?\n/);
    lines = [];
    own.forEach((line, i) => (lines[excerpt!.start - 1 + i] = line));
    first = excerpt!.start;
    last = excerpt!.start + own.length - 1;
  }
  const table = sourceTable(lines, first, last, info.line, stats);
  body.append(table);
  const start = table.querySelector<HTMLElement>('tr.fn-start');
  if (start) scrollWithin(body, start);
  return [info.label, lineNote(data, stats, frameName(model, frame)), source.note].filter(Boolean).join(' · ');
}

function lineCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function lineNote(data: ViewData, stats: Map<number, LineStat>, name: string): string {
  if (!data.lines) return 'no line data in this profile: the source is shown without times per line';
  if (stats.size === 0) return `no line data for ${name}`;
  return 'line times include the calls made on the line';
}

function lineStats(data: ViewData, frame: number): Map<number, LineStat> {
  const stats = new Map<number, LineStat>();
  const lines = data.lines;
  if (!lines) return stats;
  lines.frame.forEach((f, i) => {
    if (f === frame) stats.set(lines.line[i]!, { hits: lines.hits[i]!, time: lines.time[i]! });
  });
  return stats;
}

function sourceTable(lines: string[], first: number, last: number, start: number, stats: Map<number, LineStat>): HTMLTableElement {
  const withStats = stats.size > 0;
  let max = 0;
  let sum = 0;
  for (const s of stats.values()) {
    max = Math.max(max, s.time);
    sum += s.time;
  }
  const head = withStats ? ['Line #', 'Hits', 'Time', 'Per Hit', '% Time', 'Line Contents'] : ['Line #', 'Line Contents'];
  const rows: HTMLTableRowElement[] = [];
  for (let n = first; n <= last; n++) {
    const stat = stats.get(n);
    const cells = [el('td', { class: 'num lineno', text: String(n) })];
    if (withStats) cells.push(...statCells(stat, sum));
    const code = el('td', { class: 'code', text: lines[n - 1] ?? '' });
    if (stat) {
      const heat = heatOf(stat.time, max);
      code.style.background = heatColor(heat);
      code.style.color = heatTextColor(heat);
    }
    rows.push(el('tr', { class: n === start ? 'fn-start' : '', attrs: { 'data-line': String(n) } }, cells.concat(code)));
  }
  const thead = el('thead', {}, [
    el(
      'tr',
      {},
      head.map((h) => el('th', { text: h, class: h === 'Line Contents' ? 'code' : 'num' })),
    ),
  ]);
  return el('table', { class: 'source', attrs: { id: 'source-table' } }, [thead, el('tbody', {}, rows)]);
}

function statCells(stat: LineStat | undefined, sum: number): HTMLTableCellElement[] {
  if (!stat) return [0, 1, 2, 3].map(() => el('td', { class: 'num' }));
  return [
    el('td', { class: 'num', text: stat.hits === null ? '?' : count(stat.hits) }),
    el('td', { class: 'num', text: human(stat.time) }),
    el('td', { class: 'num', text: stat.hits ? human(stat.time / stat.hits) : '' }),
    el('td', { class: 'num', text: percent(stat.time / Math.max(1, sum)) }),
  ];
}
