/**
 * SVG: the dot call graph (see `dot.ts`) laid out and drawn by Graphviz compiled to
 * WebAssembly (`@viz-js/viz`), so no system Graphviz is needed. Opens in any browser.
 * SVG: https://www.w3.org/TR/SVG2/
 *
 * What it loses: all that the dot graph loses, plus the graph structure as data (it is a
 * drawing). Graphviz escapes text it writes into SVG, so names stay text, never markup.
 */
import type { Profile } from '../model/profile.js';
import { writeDot } from './dot.js';
import type { ExportOptions, Exporter } from './types.js';

type Viz = Awaited<ReturnType<typeof import('@viz-js/viz').instance>>;

let viz: Promise<Viz> | undefined;

// Loaded on first use: the module carries the WebAssembly build (about 1.5 MB) inline.
function loadViz(): Promise<Viz> {
  viz ??= import('@viz-js/viz').then((module) => module.instance());
  return viz;
}

/** The svg exporter. */
export const svgExporter: Exporter = {
  name: 'svg',
  extensions: ['.svg'],
  openWith: 'any web browser or image viewer',
  binary: false,
  write: writeSvg,
};

/** The call graph of a profile drawn as SVG, pruned as {@link writeDot} prunes it. */
export async function writeSvg(profile: Profile, options: ExportOptions = {}): Promise<string> {
  return renderDot(writeDot(profile, options));
}

/** Lays out and draws dot text as SVG with the WebAssembly Graphviz. */
export async function renderDot(dot: string): Promise<string> {
  const result = (await loadViz()).render(dot, { format: 'svg', engine: 'dot' });
  if (result.status !== 'success') {
    throw new Error(`Graphviz could not draw the graph: ${result.errors.map((e) => e.message).join('; ')}`);
  }
  return result.output;
}
