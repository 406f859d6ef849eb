// The callee map: KCachegrind's Callee Map on a canvas. The selected function (or the whole
// program) fills the area; inside it each callee gets a rectangle as large as its share of the
// inclusive time, nested again by its own callees. The empty part of a rectangle is the
// function's own time. Click a rectangle to select that function.
import { calleeTreeFromGraph, calleeTreeFromTree, type CalleeNode } from './callee-tree.js';
import { byId, el, fitText, observeWidth, sizeCanvas } from './dom.js';
import { human, percent } from './format.js';
import { COLORS, heatColor, heatTextColor } from './heat.js';
import { frameName, type Model } from './model.js';
import type { SelectionStore } from './state.js';
import { squarify, type Rect } from './treemap-layout.js';
import { hideTooltip, showTooltip } from './tooltip.js';

const HEIGHT = 380;
const HEADER = 16;
const PAD = 2;
const MAX_DEPTH = 12;
/** Rectangles smaller than this (either side, px) are not drawn, nor anything inside them. */
const MIN_SIDE = 5;

/** What the callee map shows now (for the page's test hook). */
export interface CalleeMapState {
  rootFrame: number | null;
  drawn: number;
}

interface Box {
  node: CalleeNode;
  rect: Rect;
}

/** The callee map's controller. */
export interface CalleeMap {
  state(): CalleeMapState;
}

/** Mounts the callee map in #callee-panel. */
export function mountCalleeMap(model: Model, store: SelectionStore): CalleeMap {
  const canvas = el('canvas', { attrs: { id: 'callee-canvas', 'aria-label': 'callee map' } });
  const caption = byId('callee-status');
  const body = byId('callee-body');
  body.append(canvas);
  let boxes: Box[] = [];
  let root: CalleeNode | null = null;
  let width = 0;
  const draw = (): void => {
    if (width === 0) return; // not laid out yet: observeWidth draws when it is
    root = calleeTree(model, store.selected);
    const context = sizeCanvas(canvas, width, HEIGHT);
    boxes = [];
    if (root) drawNode(context, model, root, root, { x: 0, y: 0, w: width, h: HEIGHT }, 0, boxes);
    caption.textContent = captionText(model, store.selected, root);
  };
  const boxAt = (event: MouseEvent): Box | undefined => {
    const r = canvas.getBoundingClientRect();
    const [x, y] = [event.clientX - r.left, event.clientY - r.top];
    return boxes.findLast((b) => x >= b.rect.x && x < b.rect.x + b.rect.w && y >= b.rect.y && y < b.rect.y + b.rect.h);
  };
  canvas.addEventListener('click', (event) => {
    const frame = boxAt(event)?.node.frame;
    if (frame !== undefined && frame >= 0 && frame !== model.data.otherFrame && model.stats[frame]) store.select(frame);
  });
  canvas.addEventListener('mousemove', (event) => {
    const box = boxAt(event);
    if (box && root) showTooltip(describe(model, box.node, root), event.clientX, event.clientY);
    else hideTooltip();
  });
  canvas.addEventListener('mouseleave', hideTooltip);
  store.subscribe(draw);
  observeWidth(body, (w) => {
    width = w;
    draw();
  });
  return { state: () => ({ rootFrame: store.selected, drawn: boxes.length }) };
}

function calleeTree(model: Model, frame: number | null): CalleeNode | null {
  const tree = model.data.tree;
  if (tree) return calleeTreeFromTree(tree, frame);
  const frameTotal = model.data.frames.map((_, i) => model.stats[i]?.total ?? 0);
  const graph = { calleesOf: model.calleesOf, callersOf: model.callersOf, callee: model.data.edges.callee, edgeTotal: model.data.edges.total, frameTotal };
  return calleeTreeFromGraph(graph, frame, { maxDepth: 8, maxNodes: 4000 });
}

function captionText(model: Model, frame: number | null, root: CalleeNode | null): string {
  const estimated = model.data.tree ? '' : ' (estimated from caller -> callee edges: this profile has no call tree)';
  if (frame === null) return `The whole program, nested by callee${estimated}. Click a rectangle to select its function.`;
  if (!root) return `${frameName(model, frame)} does not occur in the call tree.`;
  return `${frameName(model, frame)}: ${human(root.total)} inclusive, nested by callee${estimated}; the empty part of a rectangle is the function's own time.`;
}

function describe(model: Model, node: CalleeNode, root: CalleeNode): string[] {
  const name = node.frame < 0 ? 'the whole program' : frameName(model, node.frame);
  const label = node.frame >= 0 ? model.data.frames[node.frame]!.label : '';
  const own = node.total - node.children.reduce((sum, child) => sum + child.total, 0);
  return [
    name,
    ...(label && label !== name ? [label] : []),
    `${human(node.total)} here: ${percent(node.total / Math.max(1, root.total))} of the map`,
    `own time here: ${human(Math.max(0, own))}`,
  ];
}

// A rectangle, its header (name and time), then its callees in the part of its inner area
// that their share of its time covers.
function drawNode(context: CanvasRenderingContext2D, model: Model, node: CalleeNode, root: CalleeNode, rect: Rect, depth: number, boxes: Box[]): void {
  paintBox(context, model, node, rect, node === root);
  boxes.push({ node, rect });
  const inner = { x: rect.x + PAD, y: rect.y + HEADER, w: rect.w - 2 * PAD, h: rect.h - HEADER - PAD };
  if (depth >= MAX_DEPTH || inner.w < MIN_SIDE || inner.h < MIN_SIDE || node.children.length === 0) return;
  const childTotal = node.children.reduce((sum, child) => sum + child.total, 0);
  const share = Math.min(1, childTotal / Math.max(1, node.total));
  const area = inner.w >= inner.h ? { ...inner, w: inner.w * share } : { ...inner, h: inner.h * share };
  const rects = squarify(
    node.children.map((child) => child.total),
    area,
  );
  node.children.forEach((child, i) => {
    const r = rects[i]!;
    if (r.w >= MIN_SIDE && r.h >= MIN_SIDE) drawNode(context, model, child, root, r, depth + 1, boxes);
  });
}

function paintBox(context: CanvasRenderingContext2D, model: Model, node: CalleeNode, rect: Rect, isRoot: boolean): void {
  const other = node.frame === model.data.otherFrame;
  const heat = node.frame >= 0 ? model.heat[node.frame]! : 0;
  context.fillStyle = node.frame < 0 ? COLORS.root : other ? COLORS.other : heatColor(heat);
  context.fillRect(rect.x, rect.y, rect.w, rect.h);
  context.strokeStyle = isRoot ? COLORS.selectedLine : 'rgba(31, 35, 40, 0.35)';
  context.lineWidth = isRoot ? 2 : 1;
  context.strokeRect(rect.x + 0.5, rect.y + 0.5, rect.w - 1, rect.h - 1);
  if (rect.h < HEADER - 2) return;
  context.font = '12px system-ui, -apple-system, "Segoe UI", sans-serif';
  context.textBaseline = 'middle';
  context.fillStyle = other || node.frame < 0 ? COLORS.text : heatTextColor(heat);
  const name = node.frame < 0 ? 'all' : frameName(model, node.frame);
  const text = fitText(context, `${name} · ${human(node.total)}`, rect.w - 6) || fitText(context, name, rect.w - 6);
  if (text) context.fillText(text, rect.x + 3, rect.y + HEADER / 2 + 1);
}
