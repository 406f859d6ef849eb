/**
 * Graphviz dot: a call graph drawn the way gprof2dot draws Python profiles, for `dot -Tsvg`,
 * xdot, and any Graphviz viewer. Language: https://graphviz.org/doc/info/lang.html
 *
 * A node per function: name, `file:line`, total share, (self share), calls; an edge per
 * caller -> callee pair: share of the total spent in those calls, and their count. Nodes and
 * edges are coloured and edges thickened by share, with gprof2dot's colour map. Functions
 * under `nodeThreshold` percent of the total and calls under `edgeThreshold` are pruned.
 *
 * What it loses:
 * - the call tree (a graph merges every path into a function) and everything pruned;
 * - primitive call counts, columns and metadata; lines beyond each function's first.
 * Counts the capture could not take are shown as lower bounds, `≥3×`.
 *
 * Names are data: every label is a quoted dot string with `\` and `"` escaped, and `&`
 * written as `&amp;` because Graphviz decodes HTML entities in labels (`&lt;` would otherwise
 * render as `<`). Graphviz escapes `<` and `>` itself when it writes SVG.
 */
import type { Edge, FunctionStats, Profile } from '../model/profile.js';
import { edgeKey, totalTime, writtenCounts, type WrittenCount } from './counts.js';
import { arrowSize, heatColor, penWidth } from './heat.js';
import { displayFile, displayName, localFile, oneLine } from './labels.js';
import type { ExportOptions, Exporter } from './types.js';
import { weightName } from './units.js';

/** Default `--node-threshold`, percent of the total time (gprof2dot's default). */
export const DEFAULT_NODE_THRESHOLD = 0.5;
/** Default `--edge-threshold`, percent of the total time (gprof2dot's default). */
export const DEFAULT_EDGE_THRESHOLD = 0.1;

/** The dot exporter. */
export const dotExporter: Exporter = {
  name: 'dot',
  extensions: ['.dot', '.gv'],
  openWith: 'Graphviz (dot -Tsvg, xdot), any Graphviz viewer',
  binary: false,
  write: writeDot,
};

/** The dot text of a profile's call graph, pruned by the thresholds in `options`. */
export function writeDot(profile: Profile, options: ExportOptions = {}): string {
  const nodeThreshold = (options.nodeThreshold ?? DEFAULT_NODE_THRESHOLD) / 100;
  const edgeThreshold = (options.edgeThreshold ?? DEFAULT_EDGE_THRESHOLD) / 100;
  const total = totalTime(profile) || 1; // an empty profile still draws
  const counts = writtenCounts(profile);
  const kept = profile.functions.filter((f) => f.total / total >= nodeThreshold);
  const keptFrames = new Set(kept.map((f) => f.frame));
  const edges = profile.edges.filter((e) => keptFrames.has(e.caller) && keptFrames.has(e.callee) && e.total / total >= edgeThreshold);
  return [
    'digraph {',
    `\ttooltip=${quote(oneLine(profile.meta.command.join(' ')) || ' ')}`,
    '\tgraph [fontname=Arial, nodesep=0.125, ranksep=0.25];',
    // Percentages of what: time, or another weight, named where it is not time.
    ...(profile.unit === 'ns' ? [] : [`\tlabel=${quote(`shares of ${integerText(totalTime(profile))} ${weightName(profile)}`)};`]),
    '\tnode [fontcolor=white, fontname=Arial, height=0, shape=box, style=filled, width=0];',
    '\tedge [fontname=Arial];',
    ...kept.map((f) => nodeLine(profile, f, total, counts.functions.get(f.frame))),
    ...edges.map((e) => edgeLine(e, total, counts.edges.get(edgeKey(e.caller, e.callee)))),
    '}',
    '',
  ].join('\n');
}

function nodeLine(profile: Profile, f: FunctionStats, total: number, count: WrittenCount | undefined): string {
  const frame = profile.frames[f.frame]!;
  const file = displayFile(frame.file, profile.meta.cwd);
  const label = [displayName(profile, frame), file === '' ? '' : `${file}:${frame.line}`, percent(f.total / total), `(${percent(f.self / total)})`, countLabel(count)];
  const tooltip = localFile(frame.file) || frame.name;
  return `\t${f.frame} [color="${heatColor(f.total / total)}", fontcolor="#ffffff", fontsize="10.00", ` + `label=${quote(lines(label))}, tooltip=${quote(tooltip)}];`;
}

function edgeLine(e: Edge, total: number, count: WrittenCount | undefined): string {
  const weight = e.total / total;
  const color = heatColor(weight);
  const width = penWidth(weight).toFixed(2);
  return (
    `\t${e.caller} -> ${e.callee} [arrowsize="${arrowSize(weight).toFixed(2)}", color="${color}", ` +
    `fontcolor="${color}", fontsize="10.00", label=${quote(lines([percent(weight), countLabel(count)]))}, ` +
    `labeldistance="${width}", penwidth="${width}"];`
  );
}

function lines(parts: string[]): string {
  return parts.filter((part) => part !== '').join('\n');
}

function percent(share: number): string {
  return `${(share * 100).toFixed(2)}%`;
}

function countLabel(count: WrittenCount | undefined): string {
  if (!count) return '';
  return `${count.lowerBound ? '≥' : ''}${count.calls}×`;
}

/**
 * A dot string literal whose text Graphviz shows as is: backslashes and quotes escaped (dot's
 * `\N`, `\G`, `\l` escapes cannot be triggered by a name), `&` as `&amp;` (Graphviz decodes
 * entities in labels), and `\n` the only line break.
 */
export function quote(text: string): string {
  const escaped = text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/&/g, '&amp;').replace(/\r?\n/g, '\\n');
  return `"${escaped}"`;
}

function integerText(n: number): string {
  return String(Math.round(n));
}
