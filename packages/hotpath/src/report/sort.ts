// Sort keys of the stats tables: hotpath's names, pstats' names as aliases, and the words
// pstats prints after `Ordered by:`.
import { compareFrameKeys, compareText, type Row } from './rows.js';

/** A sort key, by its canonical name. */
export type SortKey = 'tottime' | 'cumtime' | 'ncalls' | 'pcalls' | 'percall' | 'name' | 'file' | 'line' | 'stdname' | 'nfl';

interface KeyDef {
  /** What pstats prints after `Ordered by:`. */
  words: string;
  compare: (a: Row, b: Row) => number;
}

// Unknown counts sort below every known one, in descending order as in ascending.
const count = (n: number | null): number => n ?? -1;
const perCall = (row: Row): number => (row.stats.calls ? row.stats.self / row.stats.calls : -1);
const byName = (a: Row, b: Row): number => compareText(a.frame.name, b.frame.name);
const byFile = (a: Row, b: Row): number => compareText(a.file || '~', b.file || '~');
const byLine = (a: Row, b: Row): number => a.frame.line - b.frame.line;

const KEYS: Record<SortKey, KeyDef> = {
  tottime: { words: 'internal time', compare: (a, b) => b.stats.self - a.stats.self },
  cumtime: { words: 'cumulative time', compare: (a, b) => b.stats.total - a.stats.total },
  ncalls: { words: 'call count', compare: (a, b) => count(b.stats.calls) - count(a.stats.calls) },
  pcalls: {
    words: 'primitive call count',
    compare: (a, b) => count(b.stats.primitiveCalls) - count(a.stats.primitiveCalls),
  },
  percall: { words: 'internal time per call', compare: (a, b) => perCall(b) - perCall(a) },
  name: { words: 'function name', compare: byName },
  file: { words: 'file name', compare: byFile },
  line: { words: 'line number', compare: byLine },
  stdname: { words: 'standard name', compare: (a, b) => compareText(a.label, b.label) },
  nfl: { words: 'name/file/line', compare: (a, b) => byName(a, b) || compareFrameKeys(a, b) },
};

/** pstats' names for the keys, accepted as well (`-s time`, `-s cumulative`). */
const ALIASES: Record<string, SortKey> = {
  time: 'tottime',
  cumulative: 'cumtime',
  calls: 'ncalls',
  filename: 'file',
  module: 'file',
};

/** Every accepted sort key name: canonical names first, then pstats' aliases. */
export const SORT_KEY_NAMES: readonly string[] = [...Object.keys(KEYS), ...Object.keys(ALIASES)];

/** The canonical key for a name or alias, or `undefined` when the name is unknown. */
export function parseSortKey(name: string): SortKey | undefined {
  if (Object.hasOwn(KEYS, name)) return name as SortKey;
  return Object.hasOwn(ALIASES, name) ? ALIASES[name] : undefined;
}

/** pstats' `Ordered by:` text for a list of keys: `cumulative time, function name`. */
export function orderedBy(keys: readonly SortKey[]): string {
  return keys.map((key) => KEYS[key].words).join(', ');
}

/**
 * Rows sorted by the keys, the first deciding and the next breaking ties. The sort is stable,
 * so rows equal on every key keep the profile's order, as in pstats.
 */
export function sortRows(rows: readonly Row[], keys: readonly SortKey[]): Row[] {
  return [...rows].sort((a, b) => {
    for (const key of keys) {
      const order = KEYS[key].compare(a, b);
      if (order !== 0) return order;
    }
    return 0;
  });
}
