/**
 * How a source map says it is hotpath's (node-maps.ts writes it, compile.ts too, and
 * program-errors.ts reads it in the program): a field of the map, which Node keeps with the
 * rest of it (`module.findSourceMap(file).payload`).
 */

/** The field that marks a source map as hotpath's. */
export const MAP_MARK = 'x_hotpath';

/**
 * Its value: `{}` for a file whose errors Node shows as mapped (TypeScript, or JavaScript
 * whose own map counts); `{ changed }` for a JavaScript file Node shows as it is, with the
 * 0-based lines hotpath's transform changed (only there the map tells what was written).
 */
export interface MapMark {
  changed?: number[];
}
