// The time-order view: a flame chart on a canvas, x = time, the samples' stacks in the order
// they were taken (consecutive samples on one node merged into one rectangle), one lane per
// thread. Click a rectangle to zoom to its span and select its function; ctrl + wheel zooms
// around the pointer and shift + wheel pans, a reset button zooms out. The selected
// function's rectangles are painted in the selection colour, as in the flame graph.
import type { TimeOrderApiState } from './api.js';
import type { ViewTimeline, ViewTree } from './data.js';
import { byId, el, fitText, observeWidth, sizeCanvas } from './dom.js';
import { humanTime } from './format.js';
import { COLORS, heatColor, heatTextColor } from './heat.js';
import { frameName, type Model } from './model.js';
import type { SelectionStore } from './state.js';
import { layoutTimeline, type TimelineLayout, type TimeSpan } from './timeline-layout.js';
import { hideTooltip, showTooltip } from './tooltip.js';

const ROW = 18;
/** The time axis on top of the chart. */
const AXIS = 20;
/** Rows drawn at most per lane, as the flame graph draws at most 1500. */
const MAX_ROWS = 1500;
/** Spans narrower than this many pixels are not drawn. */
const MIN_WIDTH = 0.4;
/** The narrowest window a zoom reaches, ns. */
const MIN_WINDOW = 1000;

interface Lane {
  timeline: ViewTimeline;
  layout: TimelineLayout;
  /** Top of the lane's first row, px, and its rows. */
  top: number;
  rows: number;
}

interface Drawn {
  span: TimeSpan;
  x: number;
  y: number;
  width: number;
}

/** The time-order view's controller (for the page's hook, api.ts). */
export interface TimeOrder {
  state(): TimeOrderApiState;
  /** The client rectangle of the earliest drawn span of `frame`, if one is drawn. */
  spanRect(frame: number): { x: number; y: number; width: number; height: number } | null;
}

/** Mounts the view in #timeorder-panel, which the layout adds only for profiles with timelines. */
export function mountTimeOrder(model: Model, store: SelectionStore): TimeOrder | null {
  const { tree, timelines } = model.data;
  if (!tree || !timelines || timelines.length === 0) return null;
  return new TimeOrderChart(model, tree, timelines, store);
}

class TimeOrderChart implements TimeOrder {
  private readonly canvas = el('canvas', { attrs: { id: 'timeorder-canvas', 'aria-label': 'time-order flame chart' } });
  private readonly status = byId('timeorder-status');
  private readonly reset = el('button', { text: 'reset zoom', attrs: { id: 'timeorder-reset', disabled: '' } });
  private readonly lanes: Lane[] = [];
  private readonly end: number;
  private width = 0;
  private from = 0;
  private to: number;
  private drawn: Drawn[] = [];
  private counts = { drawn: 0, highlighted: 0 };

  constructor(
    private readonly model: Model,
    private readonly tree: ViewTree,
    timelines: readonly ViewTimeline[],
    private readonly store: SelectionStore,
  ) {
    let top = AXIS;
    for (const timeline of timelines) {
      const layout = layoutTimeline(tree.parent, timeline.node, timeline.duration, timeline.start);
      if (timeline.thread !== '') top += ROW; // the lane's name
      const rows = Math.min(layout.maxDepth + 1, MAX_ROWS);
      this.lanes.push({ timeline, layout, top, rows });
      top += rows * ROW + 6;
    }
    this.end = Math.max(1, ...this.lanes.map((lane) => lane.layout.end));
    this.to = this.end;
    byId('timeorder-tools').append(this.reset);
    byId('timeorder-body').append(this.canvas);
    this.reset.addEventListener('click', () => this.zoomTo(0, this.end));
    this.canvas.addEventListener('click', (event) => this.click(event));
    this.canvas.addEventListener('mousemove', (event) => this.hover(event));
    this.canvas.addEventListener('mouseleave', hideTooltip);
    this.canvas.addEventListener('wheel', (event) => this.wheel(event), { passive: false });
    store.subscribe(() => this.draw());
    observeWidth(byId('timeorder-body'), (width) => {
      this.width = width;
      this.draw();
    });
  }

  state(): TimeOrderApiState {
    return { from: this.from, to: this.to, end: this.end, lanes: this.lanes.length, ...this.counts };
  }

  spanRect(frame: number): { x: number; y: number; width: number; height: number } | null {
    let best: Drawn | null = null;
    for (const d of this.drawn) {
      if (this.tree.frame[d.span.node] === frame && (!best || d.span.start < best.span.start)) best = d;
    }
    if (!best) return null;
    const box = this.canvas.getBoundingClientRect();
    return { x: box.left + best.x, y: box.top + best.y, width: best.width, height: ROW - 1 };
  }

  private zoomTo(from: number, to: number): void {
    const width = Math.min(this.end, Math.max(MIN_WINDOW, to - from));
    this.from = Math.min(Math.max(0, from), this.end - width);
    this.to = this.from + width;
    this.draw();
  }

  private spanAt(event: MouseEvent): Drawn | null {
    const box = this.canvas.getBoundingClientRect();
    const x = event.clientX - box.left;
    const y = event.clientY - box.top;
    return this.drawn.find((d) => x >= d.x && x < d.x + Math.max(d.width, 1) && y >= d.y && y < d.y + ROW) ?? null;
  }

  private click(event: MouseEvent): void {
    const hit = this.spanAt(event);
    if (!hit) return;
    this.zoomTo(hit.span.start, hit.span.end);
    const frame = this.tree.frame[hit.span.node]!;
    if (frame !== this.model.data.otherFrame) this.store.select(frame);
  }

  private wheel(event: WheelEvent): void {
    const shown = this.to - this.from;
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      const box = this.canvas.getBoundingClientRect();
      const at = this.from + ((event.clientX - box.left) / Math.max(1, this.width)) * shown;
      const scale = Math.exp(event.deltaY * 0.002);
      this.zoomTo(at - (at - this.from) * scale, at + (this.to - at) * scale);
    } else if (event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
      event.preventDefault();
      const delta = event.shiftKey && event.deltaX === 0 ? event.deltaY : event.deltaX;
      const shift = (delta / Math.max(1, this.width)) * shown;
      this.zoomTo(this.from + shift, this.to + shift);
    }
  }

  private hover(event: MouseEvent): void {
    const hit = this.spanAt(event);
    if (!hit) return hideTooltip();
    showTooltip(this.describe(hit.span), event.clientX, event.clientY);
  }

  private describe(span: TimeSpan): string[] {
    const frameIndex = this.tree.frame[span.node]!;
    const frame = this.model.data.frames[frameIndex]!;
    const length = `${humanTime(span.end - span.start)}, from ${humanTime(span.start)} to ${humanTime(span.end)}`;
    if (frameIndex === this.model.data.otherFrame) return ['(other): smaller call-tree nodes merged', length];
    const where = frame.file === '' ? [] : [frame.line > 0 ? `${frame.file}:${frame.line}` : frame.file];
    return [frame.name, ...where, length, 'click: zoom to this span and select'];
  }

  // Drawn first when the panel is laid out (observeWidth), then on every change.
  private draw(): void {
    if (this.width === 0) return;
    const last = this.lanes[this.lanes.length - 1]!;
    const context = sizeCanvas(this.canvas, this.width, last.top + last.rows * ROW);
    context.font = '12px system-ui, -apple-system, "Segoe UI", sans-serif';
    context.textBaseline = 'middle';
    this.drawn = [];
    this.counts = { drawn: 0, highlighted: 0 };
    this.axis(context);
    const scale = this.width / (this.to - this.from);
    for (const lane of this.lanes) {
      if (lane.timeline.thread !== '') {
        context.fillStyle = COLORS.text;
        context.fillText(lane.timeline.thread, 3, lane.top - ROW / 2);
      }
      for (const span of lane.layout.spans) {
        if (span.end <= this.from || span.start >= this.to || span.depth >= lane.rows) continue;
        const x = Math.max(0, (span.start - this.from) * scale);
        const width = Math.min(this.width, (span.end - this.from) * scale) - x;
        if (width < MIN_WIDTH) continue;
        this.paint(context, span, x, lane.top + span.depth * ROW, width);
      }
    }
    this.reset.toggleAttribute('disabled', this.from === 0 && this.to === this.end);
    this.status.textContent = this.statusText();
  }

  // Ticks at a round step: 1, 2 or 5 times a power of ten, about every 100 px.
  private axis(context: CanvasRenderingContext2D): void {
    const shown = this.to - this.from;
    const rough = (shown * 100) / Math.max(1, this.width);
    const power = 10 ** Math.floor(Math.log10(Math.max(1, rough)));
    const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
    context.fillStyle = '#57606a';
    context.fillRect(0, AXIS - 1, this.width, 1);
    for (let t = Math.ceil(this.from / step) * step; t <= this.to; t += step) {
      const x = ((t - this.from) / shown) * this.width;
      context.fillRect(x, AXIS - 5, 1, 4);
      if (x + 4 < this.width - 40) context.fillText(humanTime(t), x + 3, AXIS / 2 - 2);
    }
  }

  private paint(context: CanvasRenderingContext2D, span: TimeSpan, x: number, y: number, width: number): void {
    const [fill, ink] = this.colors(span.node);
    context.fillStyle = fill;
    context.fillRect(x, y, Math.max(width - 1, 0.5), ROW - 1);
    const label = fitText(context, frameName(this.model, this.tree.frame[span.node]!), width - 6);
    if (label) {
      context.fillStyle = ink;
      context.fillText(label, x + 3, y + ROW / 2);
    }
    this.drawn.push({ span, x, y, width });
    this.counts.drawn++;
  }

  private colors(node: number): [string, string] {
    const frame = this.tree.frame[node]!;
    if (frame === this.store.selected) {
      this.counts.highlighted++;
      return [COLORS.selected, COLORS.selectedText];
    }
    if (frame === this.model.data.otherFrame) return [COLORS.other, COLORS.text];
    const heat = this.model.heat[frame]!;
    return [heatColor(heat), heatTextColor(heat)];
  }

  private statusText(): string {
    const parts = [`${humanTime(this.from)} to ${humanTime(this.to)} of ${humanTime(this.end)}`];
    const selected = this.store.selected;
    if (selected !== null) parts.push(`${frameName(this.model, selected)}: ${this.counts.highlighted} spans drawn`);
    if (this.lanes.some((lane) => lane.layout.maxDepth >= MAX_ROWS)) parts.push(`stacks deeper than ${MAX_ROWS} are cut`);
    parts.push('ctrl + wheel zooms, shift + wheel pans');
    return parts.join(' · ');
  }
}
