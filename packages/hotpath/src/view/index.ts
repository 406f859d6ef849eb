// The self-contained HTML report of `hotpath view`.
export { renderViewHtml, reportScript, writeReportFile } from './report.js';
export { buildViewData, OTHER_NAME, type ViewOptions } from './view-data.js';
export { aggregateTree, DEFAULT_MAX_NODES } from './tree-aggregate.js';
export { DEFAULT_SOURCE_LIMITS, type SourceLimits } from './sources.js';
export type { ViewData } from './page/data.js';
