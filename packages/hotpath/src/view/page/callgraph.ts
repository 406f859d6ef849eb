// The call graph around the selected function, as SVG: its callers on the left, its callees
// on the right, each with the calls along the edge and the edge's share of the function's
// inclusive time (edge widths follow the share). Click a caller or callee to move to it.
import { byId, clear, el, fitText, observeWidth, svg } from './dom.js';
import { count, human, ncalls, percent } from './format.js';
import { COLORS, heatColor, heatTextColor } from './heat.js';
import { frameName, type Model } from './model.js';
import type { SelectionStore } from './state.js';

const BOX_H = 52;
const GAP_Y = 10;
const GAP_X = 56;
/** Callers or callees drawn at most per side; the rest are summed in one box. */
const MAX_SIDE = 8;
const FONT = '12px system-ui, -apple-system, "Segoe UI", sans-serif';

type Side = 'caller' | 'callee';

/** One box of a side: an edge's other end, or the sum of the edges left out. */
interface Item {
  frame: number | null;
  name: string;
  /** The two lines under the name. */
  detail: [string, string];
  title: string;
  share: number;
  calls: string;
}

/** Mounts the call graph in #graph-panel; redraws on every selection. */
export function mountCallGraph(model: Model, store: SelectionStore): void {
  const body = byId('graph-body');
  const caption = byId('graph-status');
  const measure = document.createElement('canvas').getContext('2d')!;
  measure.font = FONT;
  let width = 0;
  const draw = (): void => {
    if (width === 0) return; // not laid out yet: observeWidth draws when it is
    clear(body);
    const frame = store.selected;
    caption.textContent = frame === null ? '' : captionText(model, frame);
    if (frame === null) {
      body.append(el('p', { class: 'empty', text: 'Select a function (in the table, the flame graph or the callee map) to see its callers and callees.' }));
      return;
    }
    if (model.data.edges.caller.length === 0) {
      body.append(el('p', { class: 'empty', text: 'This profile has no caller -> callee edges (the capture did not measure them).' }));
      return;
    }
    body.append(graphSvg(model, frame, width, measure, (f) => store.select(f)));
  };
  store.subscribe(draw);
  observeWidth(body, (w) => {
    width = w;
    draw();
  });
}

// `1 call`, `500 calls`, `187250/749 calls`.
function callsText(calls: string): string {
  return calls === '1' ? '1 call' : `${calls} calls`;
}

function captionText(model: Model, frame: number): string {
  const f = model.stats[frame];
  if (!f) return frameName(model, frame);
  return `${frameName(model, frame)}: ${callsText(ncalls(f.calls, f.primitiveCalls))}, ${human(f.self)} self, ${human(f.total)} total. Shares are of its total time.`;
}

function items(model: Model, frame: number, side: Side): Item[] {
  const { edges } = model.data;
  const total = Math.max(1, model.stats[frame]?.total ?? 0);
  const list = side === 'caller' ? model.callersOf(frame) : model.calleesOf(frame);
  const sorted = [...list].sort((a, b) => edges.total[b]! - edges.total[a]!);
  const shown = sorted.length > MAX_SIDE ? sorted.slice(0, MAX_SIDE - 1) : sorted;
  const result = shown.map((edge): Item => {
    const other = side === 'caller' ? edges.caller[edge]! : edges.callee[edge]!;
    const calls = ncalls(edges.calls[edge]!, edges.primitiveCalls[edge]!);
    const share = edges.total[edge]! / total;
    const label = model.data.frames[other]!.label;
    const title = `${label}\n${callsText(calls)} · ${human(edges.total[edge]!)} (${percent(share)} of ${frameName(model, frame)}'s time) along this edge`;
    return { frame: other, name: frameName(model, other), detail: [callsText(calls), `${percent(share)} of its time`], title, share, calls };
  });
  const rest = sorted.slice(shown.length);
  if (rest.length > 0) {
    const share = rest.reduce((sum, edge) => sum + edges.total[edge]!, 0) / total;
    const name = `${count(rest.length)} more ${side}s`;
    result.push({ frame: null, name, detail: [`${percent(share)} of its time`, 'together'], title: name, share, calls: '' });
  }
  return result;
}

function graphSvg(model: Model, frame: number, width: number, measure: CanvasRenderingContext2D, select: (frame: number) => void): SVGSVGElement {
  const callers = items(model, frame, 'caller');
  const callees = items(model, frame, 'callee');
  const boxW = Math.max(120, (width - 2 * GAP_X) / 3);
  const rows = Math.max(callers.length, callees.length, 1);
  const height = rows * (BOX_H + GAP_Y) + GAP_Y;
  const root = svg('svg', {
    attrs: { id: 'callgraph', width: String(width), height: String(height), role: 'img', 'aria-label': `callers and callees of ${frameName(model, frame)}` },
  });
  const centerY = height / 2 - BOX_H / 2;
  const center = { x: boxW + GAP_X, y: centerY };
  const f = model.stats[frame];
  const centerItem: Item = {
    frame,
    name: frameName(model, frame),
    detail: f ? [callsText(ncalls(f.calls, f.primitiveCalls)), `${human(f.total)} total`] : ['', ''],
    title: model.data.frames[frame]!.label,
    share: 1,
    calls: '',
  };
  const column = (list: Item[], side: Side, x: number): void => {
    const top = (height - list.length * (BOX_H + GAP_Y) + GAP_Y) / 2;
    list.forEach((item, i) => {
      const y = top + i * (BOX_H + GAP_Y);
      const [x1, x2] = side === 'caller' ? [x + boxW, center.x] : [center.x + boxW, x];
      const [y1, y2] = side === 'caller' ? [y + BOX_H / 2, centerY + BOX_H / 2] : [centerY + BOX_H / 2, y + BOX_H / 2];
      root.append(edgePath(x1, y1, x2, y2, item.share));
      root.append(box(model, item, side, x, y, boxW, measure, select));
    });
  };
  column(callers, 'caller', 0);
  column(callees, 'callee', center.x + boxW + GAP_X);
  root.append(box(model, centerItem, 'center', center.x, center.y, boxW, measure, select));
  if (callers.length === 0) root.append(note('no callers: an entry point', 4, height / 2));
  if (callees.length === 0) root.append(note('no callees', center.x + boxW + GAP_X + 4, height / 2));
  return root;
}

function edgePath(x1: number, y1: number, x2: number, y2: number, share: number): SVGPathElement {
  const mid = (x1 + x2) / 2;
  const path = svg('path', { class: 'edge', attrs: { d: `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}` } });
  path.style.strokeWidth = `${1 + 7 * Math.min(1, Math.max(0, share))}`;
  return path;
}

function note(text: string, x: number, y: number): SVGTextElement {
  return svg('text', { class: 'note', text, attrs: { x: String(x), y: String(y) } });
}

function box(model: Model, item: Item, side: Side | 'center', x: number, y: number, w: number, measure: CanvasRenderingContext2D, select: (frame: number) => void): SVGGElement {
  const heat = item.frame === null ? 0 : model.heat[item.frame]!;
  const [fill, ink] = side === 'center' ? [COLORS.selected, COLORS.selectedText] : item.frame === null ? [COLORS.other, COLORS.text] : [heatColor(heat), heatTextColor(heat)];
  const attrs: Record<string, string> = { transform: `translate(${x},${y})` };
  if (item.frame !== null) attrs['data-frame'] = String(item.frame);
  if (item.calls) attrs['data-calls'] = item.calls;
  const group = svg('g', { class: `node ${side}`, attrs }, [svg('title', { text: item.title })]);
  const rect = svg('rect', { attrs: { width: String(w), height: String(BOX_H), rx: '5' } });
  rect.style.fill = fill;
  const line = (text: string, dy: number, cls: string): SVGTextElement => {
    const t = svg('text', { class: cls, text: fitText(measure, text, w - 12) || text.slice(0, 1), attrs: { x: '6', y: String(dy) } });
    t.style.fill = ink;
    return t;
  };
  group.append(rect, line(item.name, 16, 'name'), line(item.detail[0], 32, 'detail'), line(item.detail[1], 46, 'detail'));
  if (item.frame !== null && side !== 'center' && model.stats[item.frame]) {
    group.classList.add('link');
    group.addEventListener('click', () => select(item.frame!));
  }
  return group;
}
