/**
 * The budgets every reader holds a file to, so that no value in a file, however odd, can make
 * a table, an exporter or the view crash, hang or print nonsense. Each is far beyond what a
 * real capture writes and far below what breaks a writer:
 * - a time of 1e308 ns sums to Infinity and made V8 abort when a cpuprofile of it was laid out;
 *   2^53 ns (104 days) is the largest time a double holds to the nanosecond;
 * - a line or column beyond 2^31 - 1 cannot come from V8, whose script positions are int32;
 * - a function is shown line by line from its first to its last line, so a line stat far
 *   outside its function would print millions of empty rows.
 */

/** Largest time or duration, ns: 2^53, about 104 days. */
export const MAX_TIME_NS = Number.MAX_SAFE_INTEGER;
/** Largest count (calls, hits, rounds). */
export const MAX_COUNT = Number.MAX_SAFE_INTEGER;
/** Largest 1-based line or column. */
export const MAX_POSITION = 2 ** 31 - 1;
/** Most lines between a function's first line and any line of it. */
export const MAX_FUNCTION_LINES = 1_000_000;
/** Most entries of one list (frames, functions, edges, tree nodes, lines, samples, rounds). */
export const MAX_ITEMS = 20_000_000;
/** Deepest call tree: deeper than any stack V8 can hold (about 10,000 frames by default) tenfold. */
export const MAX_DEPTH = 1_000_000;
/**
 * Largest file read, bytes: V8 cannot hold a longer string (0x1fffffe8 characters), so a
 * larger file would fail half-read with an engine error instead of a message.
 */
export const MAX_FILE_BYTES = 0x1fffffe8;
