/**
 * The code Node runs for a module hotpath's loader made or rewrote, with the source map back
 * to what the user wrote inlined in it: Node reads it (program-errors.ts has it enabled) to
 * show the program's errors at the user's positions and lines, not at hotpath's.
 *
 * Which map, by what the program's errors show without hotpath (tsx for TypeScript, node
 * for JavaScript):
 * - TypeScript (and JSX): every file, rewritten or not, has a map to the `.ts` file, as tsx
 *   gives every file it compiles one; Node shows such frames and error lines as mapped
 *   (`at f (/p/x.ts:3:9)`, the TypeScript line over the caret).
 * - JavaScript that a capture rewrote: a map back to the file itself, marked with the lines
 *   the rewriting changed. Node never shows these frames as mapped (program-errors.ts
 *   corrects their columns in node's own format); the error line is taken from the map only
 *   where hotpath changed the line, and is node's own everywhere else. Where the program's
 *   own maps count (`programMaps`, as under tsx), a compiled file's map is composed in and
 *   the file counts as mapped, as it would be.
 * - JavaScript that nothing rewrote: untouched.
 */
import type { EncodedSourceMap } from '@jridgewell/remapping';
import { insertionMap, type TextInsertion } from '../capture/edit-map.js';
import { withInlineMap } from '../capture/trace/instrument.js';
import { readInputMap } from '../capture/trace/loader.js';
import { composeMaps } from '../capture/instrument/compose.js';
import { PositionTracer } from '../capture/instrument/source-map.js';
import { MAP_MARK, type MapMark } from './map-mark.js';
import type { Transformed } from './sources/source.js';
import { isTypeScript } from './typescript-file.js';

/** A module on its way to Node. */
export interface ModuleForNode {
  /** Its absolute path. */
  file: string;
  /** The code as the loader had it: a TypeScript file's JavaScript (compile.ts), a JavaScript file's text. */
  given: string;
  /** What the capture's transform made of it, if it rewrote it. */
  transformed: Transformed | null;
  /** Text put before its first line (the program-start call of an ES module), or `''`. */
  prefix: string;
  /** Whether a JavaScript file's own map counts (tsx's way: see program-errors.ts). */
  programMaps: boolean;
}

/** The code for Node to run, with the source map Node shows its errors with. */
export function codeForNode({ file, given, transformed, prefix, programMaps }: ModuleForNode): string {
  const typescript = isTypeScript(file);
  if (transformed === null && prefix === '') {
    if (!typescript || hasInlineMap(given)) return given; // compiled: its map is compile.ts's, marked
    return withInlineMap(given, marked(insertionMap(given, [], { file, lines: 'all' }), {}));
  }
  const insertions: readonly TextInsertion[] = prefix === '' ? transformed!.insertions : [{ at: 0, text: prefix }, ...(transformed?.insertions ?? [])];
  const code = prefix + (transformed?.code ?? given);
  const input = typescript || programMaps ? readInputMap(given, file) : null;
  if (!typescript && input === null) {
    return withInlineMap(code, marked(insertionMap(given, insertions, { file, lines: 'changed' }), { changed: changedLines(given, insertions) }));
  }
  const own = insertionMap(given, insertions, { file, lines: 'all' });
  return withInlineMap(code, marked(input ? composeMaps(own, new PositionTracer(file, input.map, input.url)) : own, {}));
}

/** Whether the code's last line is an inline map, as compile.ts ends the code it compiles. */
function hasInlineMap(code: string): boolean {
  const end = code.trimEnd().length;
  return code.startsWith('//# sourceMappingURL=data:', code.lastIndexOf('\n', end - 1) + 1);
}

function marked(map: EncodedSourceMap, mark: MapMark): EncodedSourceMap {
  return Object.assign(map, { [MAP_MARK]: mark });
}

/** The 0-based lines of `source` that `insertions` (in order) put text on. */
function changedLines(source: string, insertions: readonly TextInsertion[]): number[] {
  const lines: number[] = [];
  let line = 0;
  let lineEnd = source.indexOf('\n');
  for (const { at } of insertions) {
    while (lineEnd !== -1 && at > lineEnd) {
      line++;
      lineEnd = source.indexOf('\n', lineEnd + 1);
    }
    if (lines.at(-1) !== line) lines.push(line);
  }
  return lines;
}
