// The source map of an instrumented module, back to the source the user wrote: the map of
// the inserted text (../edit-map.ts) composed with the module's own map (the runner's
// runner/node-maps.ts and the transforms' direct callers make one; the planners do not).
import remapping, { type EncodedSourceMap } from '@jridgewell/remapping';
import { insertionMap, type TextInsertion } from '../edit-map.js';
import type { ParsedModule } from './module.js';
import type { PositionTracer } from './source-map.js';

/**
 * The map of the instrumented code back to the original source: `outputMap` (instrumented
 * -> parsed code) composed with the tracer's input map (parsed code -> original), if any.
 */
export function composeMaps(outputMap: EncodedSourceMap, tracer: PositionTracer): EncodedSourceMap {
  const input = tracer.resolvedInputMap();
  if (!input) return outputMap;
  const composed = remapping(outputMap, (source, ctx) => (ctx.depth === 1 ? input : null));
  return composed as unknown as EncodedSourceMap;
}

/** The map of `module` instrumented with `insertions` (in output order), through `tracer`. */
export function instrumentedMap(module: ParsedModule, insertions: readonly TextInsertion[], tracer: PositionTracer): EncodedSourceMap {
  return composeMaps(insertionMap(module.code, insertions, { file: module.file, lines: 'all' }), tracer);
}
