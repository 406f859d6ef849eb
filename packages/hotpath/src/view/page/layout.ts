// The page's frame: the header (what was profiled, notes, the legend, the selection bar) and
// one panel per view. Panels get fixed ids (`#table-body`, `#flame-tools`, ...) that the views
// fill in.
import type { ViewData } from './data.js';
import { el } from './dom.js';
import { count, human, humanTime } from './format.js';
import { COLORS, heatColor } from './heat.js';
import { frameName, type Model } from './model.js';
import type { SelectionStore } from './state.js';

/** Builds the header and the empty panels into `document.body`. */
export function mountLayout(model: Model): void {
  const { data } = model;
  const header = el('header', { class: 'top' }, [
    el('h1', {}, [el('span', { class: 'brand', text: 'hotpath' }), document.createTextNode(` ${data.meta.command || data.profileFile}`)]),
    el('p', { class: 'facts', text: facts(data) }),
    ...notesList(data),
    legend(),
    el('div', { class: 'selection', attrs: { id: 'selection' } }),
  ]);
  const main = el('main', { class: 'grid' }, [
    // Wide: names of 60 characters and more are shown whole beside pstats' five numbers.
    panel('table', 'Functions', 'the stats table, as pstats prints it', true),
    panel('graph', 'Call graph', 'callers and callees of the selected function'),
    panel('flame', 'Flame graph', 'the call tree: width is inclusive time; click to zoom and select', true),
    ...(data.timelines?.length && data.tree
      ? [panel('timeorder', 'Time order', 'the samples in the order they were taken: x is time; click to zoom and select, ctrl + wheel to zoom, shift + wheel to pan', true)]
      : []),
    panel('callee', 'Callee map', "inclusive time nested by callee, as KCachegrind's Callee Map"),
    panel('source', 'Source', 'the selected function, read when the report was written'),
  ]);
  document.body.append(header, main);
}

function panel(id: string, title: string, help: string, wide = false): HTMLElement {
  return el('section', { class: wide ? 'panel wide' : 'panel', attrs: { id: `${id}-panel`, 'aria-label': title } }, [
    el('div', { class: 'panel-head' }, [el('h2', { text: title, title: help }), el('div', { class: 'tools', attrs: { id: `${id}-tools` } })]),
    el('p', { class: 'status muted', attrs: { id: `${id}-status` } }),
    el('div', { class: `body ${id}`, attrs: { id: `${id}-body` } }),
  ]);
}

function facts(data: ViewData): string {
  const { meta } = data;
  let calls = 0;
  let primitive = 0;
  let known = false;
  for (const f of data.functions) {
    if (f.calls === null) continue;
    known = true;
    calls += f.calls;
    primitive += f.primitiveCalls ?? f.calls;
  }
  const callText = known ? `${count(calls)} function calls${primitive !== calls ? ` (${count(primitive)} primitive)` : ''}` : 'calls not counted';
  const started = new Date(meta.startTime);
  const when = Number.isNaN(started.getTime())
    ? meta.startTime
    : started
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' UTC');
  const mode = meta.mode === 'sample' && meta.interval ? `sampled every ${humanTime(meta.interval)}` : `${meta.mode} mode`;
  const ending = meta.signal ? `ended by ${meta.signal}` : meta.exitCode === null ? '' : `exit code ${meta.exitCode}`;
  return [
    `${callText} in ${human(data.totalTime)}`,
    mode,
    `started ${when}`,
    `wall time ${humanTime(meta.duration)}`,
    `Node ${meta.nodeVersion}`,
    ending,
    data.profileFile && `profile ${data.profileFile}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

function notesList(data: ViewData): HTMLElement[] {
  const notes = [...data.notes];
  const summary = data.treeSummary;
  if (summary && summary.mergedNodes > 0) {
    notes.push(
      `The call tree has ${count(summary.nodes)} nodes. To stay responsive, the flame graph and the callee map draw ` +
        `the ${count(summary.shown - summary.otherNodes)} largest and merge the other ${count(summary.mergedNodes)} ` +
        `(${human(summary.mergedTime)}) into ${count(summary.otherNodes)} "(other)" nodes (at most ${count(summary.maxNodes)} ` +
        'nodes; hotpath view --max-nodes changes it). The table and the call graph use the whole profile.',
    );
  }
  if (!data.tree) notes.push('This profile has no call tree: there is no flame graph, and the callee map is estimated from the edges.');
  if (notes.length === 0) return [];
  return [
    el(
      'ul',
      { class: 'notes', attrs: { id: 'notes' } },
      notes.map((note) => el('li', { text: note })),
    ),
  ];
}

function legend(): HTMLElement {
  const ramp = el('span', { class: 'ramp' });
  const stops = [0, 0.25, 0.5, 0.75, 1].map((x) => `${heatColor(x)} ${x * 100}%`).join(', ');
  ramp.style.background = `linear-gradient(to right, ${stops})`;
  const chip = (color: string, text: string): HTMLElement => {
    const swatch = el('span', { class: 'chip' });
    swatch.style.background = color;
    return el('span', { class: 'key' }, [swatch, document.createTextNode(text)]);
  };
  return el('div', { class: 'legend' }, [
    el('span', { class: 'key' }, [el('span', { text: 'cool' }), ramp, el('span', { text: 'hot: self time, relative to the hottest function' })]),
    chip(COLORS.selected, 'selected'),
    chip(COLORS.match, 'search match'),
    chip(COLORS.other, '(other): merged small calls'),
  ]);
}

/** Keeps the selection bar under the header in step with the selection. */
export function mountSelectionBar(model: Model, store: SelectionStore): void {
  const bar = document.getElementById('selection')!;
  const show = (frame: number | null): void => {
    if (frame === null) {
      bar.replaceChildren(el('span', { class: 'muted', text: 'Click a function in any view to focus all views on it.' }));
      return;
    }
    const clearButton = el('button', { text: 'clear', attrs: { id: 'selection-clear' } });
    clearButton.addEventListener('click', () => store.select(null));
    bar.replaceChildren(
      el('span', { class: 'muted', text: 'Selected ' }),
      el('strong', { text: frameName(model, frame), attrs: { id: 'selection-name' } }),
      el('span', { class: 'muted', text: ` ${model.data.frames[frame]!.label}` }),
      clearButton,
    );
  };
  store.subscribe(show);
  show(store.selected);
}
