// The report a `hotpath profile` or `hotpath stats` run prints: the profile folded as asked,
// then the stats table, or the callers/callees lists when a name is given.
import { foldProfile } from '../model/fold.js';
import type { Profile } from '../model/profile.js';
import { renderCallees, renderCallers } from './callers.js';
import { renderStats, type StatsOptions } from './stats-table.js';

/** Everything a printed report can be asked for. */
export interface ReportOptions extends StatsOptions {
  /** Print pstats' print_callers() for the functions matching this pattern instead of the table. */
  callers?: string | RegExp;
  /** Print pstats' print_callees() for the functions matching this pattern instead of the table. */
  callees?: string | RegExp;
  /** Show Node internals and node_modules function by function instead of one row each. */
  showInternals?: boolean;
  /** Show node_modules function by function (Node internals stay folded unless showInternals). */
  showNodeModules?: boolean;
}

/**
 * The text report of a profile: Node internals and node_modules folded (unless asked not
 * to), then the callers and/or callees lists when `callers`/`callees` are given, otherwise
 * the stats table.
 */
export function renderReport(profile: Profile, options: ReportOptions = {}): string {
  const shown = foldProfile(profile, {
    node: !options.showInternals,
    nodeModules: !(options.showInternals || options.showNodeModules),
  });
  if (options.callers === undefined && options.callees === undefined) return renderStats(shown, options);
  let text = '';
  if (options.callers !== undefined) text += renderCallers(shown, options.callers, options);
  if (options.callees !== undefined) text += renderCallees(shown, options.callees, options);
  return text;
}
