/**
 * hotpath: the Python performance workflow for TypeScript on Node.js.
 *
 * @packageDocumentation
 */
export { VERSION } from './version.js';
