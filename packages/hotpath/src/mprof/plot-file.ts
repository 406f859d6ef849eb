/**
 * What `mprof plot -o FILE` writes, chosen by the file's extension: `.svg` the plot itself,
 * `.html` the plot in a page with hover readouts (html.ts), `.png` the same SVG rasterised by
 * resvg (a Rust SVG renderer, through @resvg/resvg-js), loaded only for PNG.
 */
import type { MprofData } from './dat.js';
import { plotHtml } from './html.js';
import { plotSvg } from './svg.js';

/** The formats `mprof plot` writes, by extension. */
export const PLOT_FORMATS = ['svg', 'html', 'png'] as const;
export type PlotFormat = (typeof PLOT_FORMATS)[number];

/** The format a file name asks for (`.svg`, `.html`/`.htm`, `.png`, any case); null for another. */
export function plotFormatOf(file: string): PlotFormat | null {
  const ext = /\.([^./\\]+)$/.exec(file)?.[1]?.toLowerCase();
  if (ext === 'htm') return 'html';
  return PLOT_FORMATS.find((format) => format === ext) ?? null;
}

/** The plot of `runs` in `format`: text for SVG and HTML, the PNG file's bytes for PNG. */
export async function renderPlot(runs: ReadonlyArray<{ file: string; data: MprofData }>, title: string, format: PlotFormat): Promise<string | Uint8Array> {
  if (format === 'html') return plotHtml(runs, title);
  const svg = plotSvg(runs, title);
  if (format === 'svg') return svg;
  const { Resvg } = await import('@resvg/resvg-js');
  // The SVG's own size (800 x 480 px); system fonts for its text, sans-serif as it asks.
  return new Resvg(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: true }, logLevel: 'off' }).render().asPng();
}
