/**
 * What a program's errors show under hotpath: what they show without it, under tsx for a
 * TypeScript program and under node for a JavaScript one, though the code Node runs is
 * hotpath's (types blanked, TypeScript compiled, counters and tracers inserted). Each module
 * hotpath's loader made or rewrote carries a map back to what the user wrote (node-maps.ts);
 * here, in each thread of the program, Node is made to read those maps the way tsx or node
 * would show the program:
 *
 * - Node's source maps are on, as tsx turns them on: Node keeps each module's map and takes
 *   an uncaught error's source line and caret from it (`/p/x.ts:3`, the TypeScript line).
 * - `Error.prepareStackTrace` is Node's own, wrapped: frames in JavaScript files a capture
 *   rewrote get their columns in the file back, in V8's own format (`at f (file:///p/x.js:1:37)`,
 *   as node prints them), and are never shown as mapped; TypeScript frames are left to Node,
 *   which shows them mapped (`at f (/p/x.ts:1:53)`), as under tsx.
 * - `SourceMap.prototype.findEntry`, through which Node reads every map, finds nothing
 *   where node or tsx would have used no map: on the lines of a rewritten JavaScript file
 *   that hotpath did not change (the error line is then node's own, exactly), and in the
 *   program's own maps (a compiled file's `.js.map`) unless they count (`programMaps`: the
 *   program is TypeScript, which tsx runs with source maps on, or node was given
 *   `--enable-source-maps`, or the program turns them on itself).
 *
 * What stays different: on a line hotpath changed in a JavaScript file, an uncaught error's
 * source line is shown the way Node shows a mapped one (a path for a `file:` URL, one more
 * blank line after the caret) — the line and caret are the file's, the instrumented text is
 * never shown; and code that reads `CallSite` objects itself (its own `Error.prepareStackTrace`)
 * gets the positions of the code Node runs, as it does under tsx.
 */
import { findSourceMap, SourceMap } from 'node:module';
import { MAP_MARK, type MapMark } from './map-mark.js';
import { isOwnUrl } from './own-code.js';

/** How the frames and error lines of one file are shown. */
type Shown =
  /** No map, or not a file: as V8 formats it. */
  | { kind: 'plain' }
  /** A JavaScript file hotpath rewrote: its changed lines through the map, in V8's format. */
  | { kind: 'corrected'; map: SourceMap; changed: ReadonlySet<number> }
  /** hotpath's map of a TypeScript file (or a compiled file whose own map counts): Node maps it. */
  | { kind: 'mapped' }
  /** The program's own map: Node maps it if such maps count. */
  | { kind: 'program' }
  /** hotpath's own code: as V8 formats it (its own errors are found by their frames: own-errors.ts). */
  | { kind: 'own' };

const PLAIN: Shown = { kind: 'plain' };
const OWN: Shown = { kind: 'own' };
const AT = '\n    at ';

/** Options of {@link showErrorsAsWithoutHotpath}. */
export interface ProgramErrorsOptions {
  /** Whether the program's own source maps count (see the module comment). */
  programMaps: boolean;
}

let installed = false;

/**
 * Makes this thread show the program's errors as it would without hotpath. Call before the
 * program's first module loads (Node reads a module's map when it compiles it), once per thread.
 */
export function showErrorsAsWithoutHotpath(options: ProgramErrorsOptions): void {
  if (installed) return;
  installed = true;
  let programMaps = options.programMaps || process.sourceMapsEnabled === true;
  const nodeSetSourceMapsEnabled = process.setSourceMapsEnabled;
  nodeSetSourceMapsEnabled.call(process, true);
  // The program turning source maps on itself makes its own maps count, as under node.
  replaceMethod(process, 'setSourceMapsEnabled', function setSourceMapsEnabled(this: NodeJS.Process, value: boolean): void {
    nodeSetSourceMapsEnabled.call(this, value);
    if (value === true) programMaps = true;
  });
  const shownOf = showings();
  const nodeFindEntry = SourceMap.prototype.findEntry;
  replaceMethod(SourceMap.prototype, 'findEntry', function findEntry(this: SourceMap, line: number, column: number) {
    const shown = shownOf.map(this);
    if ((shown.kind === 'corrected' && !shown.changed.has(line)) || (shown.kind === 'program' && !programMaps)) return {};
    return nodeFindEntry.call(this, line, column);
  });
  const nodePrepare = Error.prepareStackTrace;
  // Node's own `Error.prepareStackTrace` is wrapped: it alone knows how Node's errors start
  // (`TypeError [ERR_X]: ...`). A Node without one keeps the columns of the code it runs.
  if (typeof nodePrepare !== 'function') return;
  const correct = (site: NodeJS.CallSite, shown: Shown): string => (shown.kind === 'corrected' ? correctedFrame(site, shown, nodeFindEntry) : String(site));
  const prepareStackTrace = function (error: Error, trace: NodeJS.CallSite[]): unknown {
    try {
      const shown = trace.map((site) => shownOf.file(site.getFileName()));
      const nodeMaps = (s: Shown): boolean => s.kind === 'mapped' || (s.kind === 'program' && programMaps);
      if (!shown.some(nodeMaps)) {
        // Nothing for Node to map: V8's format, as with source maps off (and as fast).
        let text = String(nodePrepare(error, []));
        for (let i = 0; i < trace.length; i++) text += AT + correct(trace[i]!, shown[i]!);
        return text;
      }
      // Node maps what it should; a frame it should not is handed over as text it cannot map.
      return nodePrepare(
        error,
        trace.map((site, i) => (nodeMaps(shown[i]!) || shown[i]!.kind === 'plain' ? site : asText(correct(site, shown[i]!)))),
      );
    } catch {
      return nodePrepare(error, trace);
    }
  };
  Object.defineProperty(prepareStackTrace, 'name', { value: nodePrepare.name }); // the name the program knows
  Error.prepareStackTrace = prepareStackTrace;
}

/** How each file and each map is shown, worked out once for each. */
function showings(): { file(fileName: string | null | undefined): Shown; map(map: SourceMap): Shown } {
  const byMap = new WeakMap<SourceMap, Shown>();
  const byFile = new Map<string, Shown>();
  const map = (sourceMap: SourceMap): Shown => {
    let shown = byMap.get(sourceMap);
    if (shown === undefined) {
      const mark = (sourceMap.payload as unknown as Record<string, unknown>)[MAP_MARK] as MapMark | undefined;
      if (mark === undefined) shown = { kind: 'program' };
      else if (mark.changed === undefined) shown = { kind: 'mapped' };
      else shown = { kind: 'corrected', map: sourceMap, changed: new Set(mark.changed) };
      byMap.set(sourceMap, shown);
    }
    return shown;
  };
  const file = (fileName: string | null | undefined): Shown => {
    if (!fileName || fileName.startsWith('node:')) return PLAIN;
    let shown = byFile.get(fileName);
    if (shown === undefined) {
      // A frame's file has been compiled, so Node has read its map by now, if it has one.
      const sourceMap = isOwnUrl(fileName) ? null : findSourceMap(fileName);
      shown = isOwnUrl(fileName) ? OWN : sourceMap ? map(sourceMap) : PLAIN;
      byFile.set(fileName, shown);
    }
    return shown;
  };
  return { file, map };
}

/**
 * The frame as V8 formats it, with the position in the file where hotpath changed its line
 * (only such lines are looked up: most frames are on lines as they were).
 */
function correctedFrame(site: NodeJS.CallSite, shown: Extract<Shown, { kind: 'corrected' }>, findEntry: SourceMap['findEntry']): string {
  const line = site.getLineNumber();
  if (line === null || !shown.changed.has(line - 1)) return String(site);
  const text = String(site);
  const column = site.getColumnNumber() ?? 0;
  const entry = findEntry.call(shown.map, line - 1, column - 1) as Partial<{ generatedLine: number; originalLine: number; originalColumn: number }>;
  if (entry.generatedLine !== line - 1 || entry.originalLine === undefined || entry.originalColumn === undefined) return text;
  // V8 ends the text with the position: `... (file:line:column)` or `file:line:column`.
  const at = `:${line}:${column}`;
  const end = text.endsWith(`${at})`) ? text.length - 1 : text.length;
  if (!text.endsWith(at, end)) return text;
  return `${text.slice(0, end - at.length)}:${entry.originalLine + 1}:${entry.originalColumn + 1}${text.slice(end)}`;
}

/**
 * A frame Node's source-map formatting takes as it is: it asks a frame only for its file
 * (none here, so it looks up no map) and then for its text.
 */
function asText(text: string): NodeJS.CallSite {
  return { getFileName: () => undefined, getEvalOrigin: () => undefined, toString: () => text } as unknown as NodeJS.CallSite;
}

// Same name, and the property as it was: the program sees the method it knows.
function replaceMethod<T extends object>(target: T, name: keyof T & string, method: (...args: never[]) => unknown): void {
  Object.defineProperty(method, 'name', { value: name });
  Object.defineProperty(target, name, { ...Object.getOwnPropertyDescriptor(target, name), value: method });
}
