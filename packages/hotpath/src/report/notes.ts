// The note lines under a table's header: what the capture could not measure exactly, and the
// capture's own notes. A table without notes keeps pstats' layout exactly.
import type { ProfileMeta } from '../model/profile.js';

const CALLS = {
  exact: null,
  estimated: 'call counts are estimated',
  none: 'call counts were not measured (shown as ?)',
} as const;

const EDGES = {
  exact: null,
  estimated: 'caller -> callee counts and times are estimated',
  none: 'caller -> callee edges were not measured: --callers and --callees have nothing to show',
} as const;

/** `   Note: ...` lines for a profile's estimated or missing data and its `meta.notes`. */
export function noteLines(meta: ProfileMeta): string[] {
  const notes = [CALLS[meta.exactness.calls], EDGES[meta.exactness.edges], ...meta.notes];
  return notes.filter((note): note is string => note !== null).map((note) => `   Note: ${note}`);
}
