/**
 * hotpath: the Python performance workflow for TypeScript on Node.js.
 *
 * @packageDocumentation
 */
export { VERSION } from './version.js';
/**
 * Profiling from code: {@link Profiler} (enable/disable/getStats/printStats, as cProfile's
 * Profile), {@link profile} (one function call), {@link run} (a whole script, as
 * `hotpath profile` runs it), {@link memit} (one call's peak memory and increment, as
 * IPython's %memit).
 */
export * from './api/index.js';
/** `hotpath lines`' mark for plain functions (also `profile` in `hotpath/lines`, a decorator too). */
export { lineProfile } from './lines.js';

/**
 * Profile files: {@link saveProfile} writes a {@link Profile} atomically as versioned JSON;
 * {@link loadProfile} reads one back and throws a {@link ProfileFileError} naming the file
 * when it is missing, not a profile, truncated, of a newer format version, or malformed.
 */
export type * from './model/profile.js';
export {
  loadProfile,
  loadProfileSync,
  parseProfile,
  PROFILE_FORMAT,
  PROFILE_FORMAT_VERSION,
  ProfileFileError,
  saveProfile,
  saveProfileSync,
  serializeProfile,
  type ProfileFileErrorKind,
} from './model/file.js';
/** Folding of Node internals and node_modules into one function each, for display. */
export { foldProfile, NODE_INTERNALS, NODE_MODULES, type FoldOptions } from './model/fold.js';
/** Adding profiles as pstats' `Stats(a, b)` adds them (what `hotpath stats a b` prints). */
export { addProfiles, ProfileAddError, type NamedProfile } from './model/add.js';
/**
 * Text reports in Python's pstats layout: {@link renderStats} (print_stats),
 * {@link renderCallers} / {@link renderCallees} (print_callers / print_callees), and
 * {@link renderReport}, which folds and picks one of them as the CLI does.
 */
export {
  parseSortKey,
  renderCallees,
  renderCallers,
  renderReport,
  renderStats,
  SORT_KEY_NAMES,
  TIME_UNITS,
  type ReportOptions,
  type SortKey,
  type StatsOptions,
  type TimeUnit,
} from './report/index.js';
/** The line tables: line_profiler's ({@link renderLineTable}) and memory_profiler's ({@link renderMemoryTable}). */
export { renderLineTable, type LineTableOptions, type LineUnit } from './report/line-table.js';
export { renderMemoryTable, type MemoryTableOptions } from './report/memory-table.js';
/**
 * The self-contained HTML report of `hotpath view`: {@link renderViewHtml} turns a profile into
 * one HTML file (table, flame graph, callee map, call graph, source) and
 * {@link writeReportFile} writes it atomically.
 */
export { buildViewData, renderViewHtml, writeReportFile, type ViewData, type ViewOptions } from './view/index.js';
/**
 * Benchmarks (also alone as `hotpath/bench`): `bench(t, fn)`, pytest-benchmark's fixture for
 * node:test; `timeit`, `repeat` and `autorange`, Python's timeit for functions; `Benchmark`, the
 * harness with an injectable clock; `computeStats`, pytest-benchmark's statistics.
 */
export * from './bench/index.js';
/**
 * Converting: {@link writeProfileAs} writes a profile in any format of {@link EXPORTERS}
 * (hotpath JSON, callgrind, dot, svg, pstats, speedscope, cpuprofile, pprof), chosen by name or
 * by the file's name; {@link readAnyProfile} reads a hotpath profile or a V8 `.cpuprofile`.
 */
export {
  EXPORTERS,
  exporterByName,
  exporterForPath,
  UnknownFormatError,
  writeProfileAs,
  writeProfileAsSync,
  type ExportData,
  type Exporter,
  type ExportOptions,
  type WriteOptions,
} from './export/index.js';
export { importCpuProfile, parseAnyProfile, readAnyProfile, readAnyProfileSync } from './import/index.js';
