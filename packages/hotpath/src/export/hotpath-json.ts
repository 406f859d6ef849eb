/**
 * hotpath's own profile file (see `model/file.ts`): the full model, nothing lost. Read by
 * `hotpath stats`, `hotpath view` and `loadProfile`.
 */
import { serializeProfile } from '../model/file.js';
import type { Exporter } from './types.js';

/** The hotpath JSON exporter. */
export const hotpathExporter: Exporter = {
  name: 'hotpath',
  extensions: ['.json'],
  openWith: 'hotpath stats, hotpath view, hotpath convert',
  binary: false,
  write: serializeProfile,
};
