// The flame graph: an icicle of the call tree on a canvas (the root on top), click to zoom
// into a node and select its function, a reset button, and a search box that paints the
// matching functions. The selected function's nodes are painted in the selection colour.
import type { FlameApiState } from './api.js';
import type { ViewTree } from './data.js';
import { byId, el, fitText, observeWidth, sizeCanvas } from './dom.js';
import { ancestors, layoutFlame, matchNodes, type FlameLayout } from './flame-layout.js';
import { count, human, percent } from './format.js';
import { COLORS, heatColor, heatTextColor } from './heat.js';
import { frameName, type Model } from './model.js';
import type { SelectionStore } from './state.js';
import { hideTooltip, showTooltip } from './tooltip.js';

const ROW = 18;
/** Rows drawn at most: a canvas taller than ~32,000 px is not drawn at all by browsers. */
const MAX_ROWS = 1500;
/** Nodes narrower than this many pixels are not drawn, nor anything below them. */
const MIN_WIDTH = 0.4;

/** What the flame graph shows now (for the page's hook, see api.ts). */
export type FlameState = FlameApiState;

interface Drawn {
  node: number;
  x: number;
  width: number;
}

/** The flame graph's controller: its state, and a way to find a node on screen. */
export interface Flame {
  state(): FlameState;
  /** The client rectangle of the widest drawn node of `frame`, if one is drawn. */
  nodeRect(frame: number): { x: number; y: number; width: number; height: number } | null;
}

/** Mounts the flame graph in #flame-panel; says so instead when the profile has no tree. */
export function mountFlame(model: Model, store: SelectionStore): Flame | null {
  const tree = model.data.tree;
  if (!tree) {
    byId('flame-body').append(el('p', { class: 'empty', text: noTreeText() }));
    return null;
  }
  return new FlameGraph(model, tree, store);
}

function noTreeText(): string {
  return (
    'This profile has no call tree (it was imported from a format that keeps only caller -> callee ' +
    'edges), so there is no flame graph. The table, the call graph and the callee map below are built ' +
    'from the edges.'
  );
}

class FlameGraph implements Flame {
  private readonly layout: FlameLayout;
  private readonly canvas = el('canvas', { attrs: { id: 'flame-canvas', 'aria-label': 'flame graph' } });
  // The panel's own status line (layout.ts): one element with this id in the page.
  private readonly status = byId('flame-status');
  private readonly reset = el('button', { text: 'reset zoom', attrs: { id: 'flame-reset', disabled: '' } });
  private readonly scroller = byId('flame-body');
  private width = 0;
  private zoom = 0;
  private search = '';
  private matched: Uint8Array | null = null;
  private matchedTime = 0;
  private rows: Drawn[][] = [];
  private counts = { drawn: 0, highlighted: 0, matched: 0 };

  constructor(
    private readonly model: Model,
    private readonly tree: ViewTree,
    private readonly store: SelectionStore,
  ) {
    this.layout = layoutFlame(tree.total, model.children);
    byId('flame-tools').append(this.searchBox(), this.reset);
    this.scroller.append(this.canvas);
    this.reset.addEventListener('click', () => this.zoomTo(0));
    this.canvas.addEventListener('click', (event) => this.click(event));
    this.canvas.addEventListener('mousemove', (event) => this.hover(event));
    this.canvas.addEventListener('mouseleave', hideTooltip);
    store.subscribe((frame) => this.follow(frame));
    observeWidth(this.scroller, (width) => {
      this.width = width;
      this.draw();
    });
  }

  state(): FlameState {
    const zoomFrame = this.zoom === 0 ? null : this.tree.frame[this.zoom]!;
    return { zoomNode: this.zoom, zoomFrame, ...this.counts };
  }

  nodeRect(frame: number): { x: number; y: number; width: number; height: number } | null {
    let best: { drawn: Drawn; depth: number } | null = null;
    this.rows.forEach((row, depth) => {
      for (const drawn of row) {
        if (this.tree.frame[drawn.node] === frame && (!best || drawn.width > best.drawn.width)) best = { drawn, depth };
      }
    });
    if (!best) return null;
    const { drawn, depth } = best as { drawn: Drawn; depth: number };
    const box = this.canvas.getBoundingClientRect();
    return { x: box.left + drawn.x, y: box.top + depth * ROW, width: drawn.width, height: ROW - 1 };
  }

  private searchBox(): HTMLInputElement {
    const input = el('input', {
      attrs: { type: 'search', id: 'flame-search', placeholder: 'search functions', 'aria-label': 'search the flame graph' },
    });
    input.addEventListener('input', () => this.setSearch(input.value));
    return input;
  }

  private setSearch(text: string): void {
    this.search = text.trim().toLowerCase();
    if (this.search === '') {
      this.matched = null;
    } else {
      const frames = this.model.data.frames;
      const hit = (frame: number): boolean => frames[frame]!.label.toLowerCase().includes(this.search);
      const { matched, outermost } = matchNodes(this.tree.frame, this.tree.parent, hit);
      this.matched = matched;
      this.matchedTime = 0;
      outermost.forEach((flag, node) => (this.matchedTime += flag ? this.tree.total[node]! : 0));
    }
    this.draw();
  }

  /**
   * A selection made anywhere: paint it, and leave a zoom that does not show it. Scrolls only
   * as far as the node needs, keeping the root (the top row) in view whenever the node fits
   * below it: the path from the root is what a flame graph is read by.
   */
  private follow(frame: number | null): void {
    if (frame !== null && this.zoom !== 0 && !this.zoomShows(frame)) this.zoom = 0;
    this.draw();
    const rect = frame === null ? null : this.nodeRect(frame);
    if (rect) {
      const top = rect.y - this.canvas.getBoundingClientRect().top;
      const view = this.scroller.clientHeight;
      if (top + ROW <= view) this.scroller.scrollTop = 0;
      else if (top < this.scroller.scrollTop || top + ROW > this.scroller.scrollTop + view) this.scroller.scrollTop = top + ROW - view;
    }
  }

  private zoomShows(frame: number): boolean {
    const { x, depth } = this.layout;
    const start = x[this.zoom]!;
    const end = start + this.tree.total[this.zoom]!;
    return (this.model.nodesOf[frame] ?? []).some((node) => depth[node]! >= depth[this.zoom]! && x[node]! >= start && x[node]! < end);
  }

  private zoomTo(node: number): void {
    this.zoom = node;
    this.draw();
  }

  private nodeAt(event: MouseEvent): number | null {
    const box = this.canvas.getBoundingClientRect();
    const row = this.rows[Math.floor((event.clientY - box.top) / ROW)] ?? [];
    const px = event.clientX - box.left;
    return row.find((d) => px >= d.x && px < d.x + d.width)?.node ?? null;
  }

  private click(event: MouseEvent): void {
    const node = this.nodeAt(event);
    if (node === null) return;
    this.zoomTo(node);
    const frame = this.tree.frame[node]!;
    if (node !== 0 && frame !== this.model.data.otherFrame) this.store.select(frame);
  }

  private hover(event: MouseEvent): void {
    const node = this.nodeAt(event);
    if (node === null) return hideTooltip();
    this.canvas.style.cursor = 'pointer';
    showTooltip(this.describe(node), event.clientX, event.clientY);
  }

  private describe(node: number): string[] {
    const { tree, model } = this;
    const total = Math.max(1, tree.total[0]!); // shares of the whole graph, as its widths show
    const frame = model.data.frames[tree.frame[node]!]!;
    if (tree.merged[node]! > 0) {
      return [`(other): ${count(tree.merged[node]!)} smaller call-tree nodes merged`, `${human(tree.total[node]!)} (${percent(tree.total[node]! / total)})`];
    }
    const calls = tree.calls[node];
    return [
      node === 0 ? 'all (the whole profile)' : frame.name,
      ...(frame.label !== frame.name ? [frame.label] : []),
      `total ${human(tree.total[node]!)} (${percent(tree.total[node]! / total)}) · self ${human(tree.self[node]!)}`,
      ...(calls === null || calls === undefined ? [] : [`${count(calls)} calls along this path`]),
      node === 0 ? 'click: reset the zoom' : 'click: zoom in and select',
    ];
  }

  // Drawn first when the panel is laid out (observeWidth), then on every change.
  private draw(): void {
    const width = this.width;
    if (width === 0) return;
    const rows = Math.min(this.layout.maxDepth + 1, MAX_ROWS);
    const context = sizeCanvas(this.canvas, width, rows * ROW);
    context.font = '12px system-ui, -apple-system, "Segoe UI", sans-serif';
    context.textBaseline = 'middle';
    this.rows = Array.from({ length: rows }, () => []);
    this.counts = { drawn: 0, highlighted: 0, matched: 0 };
    const path = new Set(ancestors(this.tree.parent, this.zoom));
    for (const node of path) this.paint(context, node, 0, width, true);
    this.drawSubtree(context, width, rows);
    this.reset.toggleAttribute('disabled', this.zoom === 0);
    this.status.textContent = this.statusText();
  }

  // Depth-first from the zoomed node, skipping whole subtrees too narrow to see.
  private drawSubtree(context: CanvasRenderingContext2D, width: number, rows: number): void {
    const { x, depth } = this.layout;
    const start = x[this.zoom]!;
    const scale = width / Math.max(1, this.tree.total[this.zoom]!);
    const stack = [this.zoom];
    while (stack.length > 0) {
      const node = stack.pop()!;
      const w = this.tree.total[node]! * scale;
      if (w < MIN_WIDTH || depth[node]! >= rows) continue;
      this.paint(context, node, (x[node]! - start) * scale, w, false);
      stack.push(...this.model.children[node]!);
    }
  }

  private paint(context: CanvasRenderingContext2D, node: number, x: number, width: number, dimmed: boolean): void {
    const depth = this.layout.depth[node]!;
    const y = depth * ROW;
    const [fill, ink] = this.colors(node);
    context.globalAlpha = dimmed ? 0.55 : 1;
    context.fillStyle = fill;
    context.fillRect(x, y, Math.max(width - 1, 0.5), ROW - 1); // 1 px gaps between neighbours
    const label = fitText(context, this.label(node), width - 6);
    if (label) {
      context.fillStyle = ink;
      context.fillText(label, x + 3, y + ROW / 2);
    }
    context.globalAlpha = 1;
    this.rows[depth]?.push({ node, x, width });
    this.counts.drawn++;
  }

  private label(node: number): string {
    if (node === 0) return `all (${human(this.tree.total[0]!)})`;
    return frameName(this.model, this.tree.frame[node]!);
  }

  private colors(node: number): [string, string] {
    const frame = this.tree.frame[node]!;
    if (this.matched?.[node]) {
      this.counts.matched++;
      return [COLORS.match, COLORS.matchText];
    }
    if (frame === this.store.selected) {
      this.counts.highlighted++;
      return [COLORS.selected, COLORS.selectedText];
    }
    if (node === 0) return [COLORS.root, COLORS.text];
    if (frame === this.model.data.otherFrame) return [COLORS.other, COLORS.text];
    const heat = this.model.heat[frame]!;
    return [heatColor(heat), heatTextColor(heat)];
  }

  private statusText(): string {
    const parts: string[] = [];
    if (this.zoom !== 0) parts.push(`zoomed to ${frameName(this.model, this.tree.frame[this.zoom]!)}`);
    const selected = this.store.selected;
    if (selected !== null) {
      const nodes = this.model.nodesOf[selected]?.length ?? 0;
      parts.push(`${frameName(this.model, selected)}: ${count(nodes)} node${nodes === 1 ? '' : 's'} in the tree`);
    }
    if (this.layout.maxDepth >= MAX_ROWS) parts.push(`the tree is ${count(this.layout.maxDepth + 1)} levels deep: levels below ${count(MAX_ROWS)} are not drawn`);
    if (this.matched) {
      const share = percent(this.matchedTime / Math.max(1, this.tree.total[0]!));
      parts.push(`'${this.search}' matches ${share} of the time`);
    }
    return parts.join(' · ');
  }
}
