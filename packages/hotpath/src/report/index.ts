// Text renderers: the pstats-style stats table and callers/callees lists.
export { renderReport, type ReportOptions } from './report.js';
export { renderStats, type StatsOptions } from './stats-table.js';
export { renderCallers, renderCallees } from './callers.js';
export { parseSortKey, SORT_KEY_NAMES, type SortKey } from './sort.js';
export { TIME_UNITS, type TimeUnit } from './format.js';
