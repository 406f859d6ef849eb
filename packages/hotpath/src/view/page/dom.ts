// DOM helpers. Everything the page shows from a profile is data, never markup: text goes in
// through textContent, attributes through setAttribute, and nothing here takes HTML.

/** Attributes and text of a new element; `text` is set as textContent. */
export interface ElementSpec {
  class?: string;
  text?: string;
  title?: string;
  attrs?: Record<string, string>;
}

/** A new HTML element with the given class, text, title and attributes, and children. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, spec: ElementSpec = {}, children: readonly Node[] = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  apply(node, spec);
  node.append(...children);
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A new SVG element, as {@link el}. */
export function svg<K extends keyof SVGElementTagNameMap>(tag: K, spec: ElementSpec = {}, children: readonly Node[] = []): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  apply(node, spec);
  node.append(...children);
  return node;
}

function apply(node: Element, spec: ElementSpec): void {
  if (spec.class) node.setAttribute('class', spec.class);
  if (spec.title) node.setAttribute('title', spec.title);
  for (const [name, value] of Object.entries(spec.attrs ?? {})) node.setAttribute(name, value);
  if (spec.text !== undefined) node.textContent = spec.text;
}

/** Removes every child of `node`. */
export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/** The element with this id; the page builds all of them, so a missing one is a bug. */
export function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`hotpath view: no element #${id}`);
  return node as T;
}

/** A 2D context for `canvas`, sized to its CSS box at the screen's pixel ratio. */
export function sizeCanvas(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.max(1, Math.round(width * ratio));
  canvas.height = Math.max(1, Math.round(height * ratio));
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('hotpath view: no 2D canvas');
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  return context;
}

// Full-text widths by font, then text: a flame graph labels thousands of nodes with a few
// hundred distinct names, and measureText is the slowest part of drawing them.
const widths = new Map<string, Map<string, number>>();

function textWidth(context: CanvasRenderingContext2D, text: string): number {
  let byText = widths.get(context.font);
  if (!byText || byText.size > 50_000) widths.set(context.font, (byText = new Map()));
  let width = byText.get(text);
  if (width === undefined) {
    width = context.measureText(text).width;
    byText.set(text, width);
  }
  return width;
}

/** `text` cut to fit `width` pixels in the context's font, with an ellipsis; '' if nothing fits. */
export function fitText(context: CanvasRenderingContext2D, text: string, width: number): string {
  if (width < 16) return ''; // room for two letters and an ellipsis at most: not worth a label
  if (textWidth(context, text) <= width) return text;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (context.measureText(`${text.slice(0, mid)}…`).width <= width) low = mid;
    else high = mid - 1;
  }
  return low < 2 ? '' : `${text.slice(0, low)}…`;
}

/** Scrolls `container` (not the page) so that `child` is visible, a third from its top. */
export function scrollWithin(container: HTMLElement | null, child: HTMLElement): void {
  if (!container) return;
  const top = child.getBoundingClientRect().top - container.getBoundingClientRect().top + container.scrollTop;
  if (top < container.scrollTop || top + child.offsetHeight > container.scrollTop + container.clientHeight) {
    container.scrollTop = Math.max(0, top - container.clientHeight / 3);
  }
}

/**
 * Calls `resized(width)` with `element`'s content width on its first layout and whenever the
 * width changes. The width comes from the ResizeObserver entry: reading clientWidth instead
 * would force a layout of the whole page (a 1,000-row table included) on every redraw.
 */
export function observeWidth(element: HTMLElement, resized: (width: number) => void): void {
  let last = -1;
  new ResizeObserver((entries) => {
    const width = Math.floor(entries[entries.length - 1]!.contentRect.width);
    if (width !== last) resized((last = width));
  }).observe(element);
}
