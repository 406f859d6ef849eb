// pstats' print_callers() and print_callees(): per function, the edges into or out of it
// with their counts (`187250/749`) and times, in pstats' layout.
import type { Edge, Profile } from '../model/profile.js';
import { ncallsText, weightFormat, type WeightFormat } from './format.js';
import { noteLines } from './notes.js';
import { compareFrameKeys, frameLabels, nameMatch, type Row, type RowKey } from './rows.js';
import { selectRows, type StatsOptions } from './stats-table.js';

/**
 * pstats' `print_callers(name)`: for each function matching `name` (a regular expression
 * tested against the function name and against `file:line(name)`), the functions that called
 * it, with the calls, the callee's own time and its inclusive time along each edge.
 */
export function renderCallers(profile: Profile, name: string | RegExp, options: StatsOptions = {}): string {
  return renderCalls(profile, name, options, 'callers');
}

/** pstats' `print_callees(name)`: for each matching function, the functions it called. */
export function renderCallees(profile: Profile, name: string | RegExp, options: StatsOptions = {}): string {
  return renderCalls(profile, name, options, 'callees');
}

type Direction = 'callers' | 'callees';

function renderCalls(profile: Profile, name: string | RegExp, options: StatsOptions, direction: Direction): string {
  const notes = noteLines(profile.meta);
  const lines = notes.length > 0 ? [...notes, ''] : [];
  const { rows, heading } = selectRows(profile, options, [nameMatch(name)]);
  lines.push(...heading, '');
  if (rows.length > 0) {
    // pstats pads names to the longest shown, plus two spaces.
    const width = Math.max(...rows.map((row) => row.label.length)) + 2;
    lines.push('Function '.padEnd(width) + (direction === 'callers' ? 'was called by...' : 'called...'));
    // pstats prints the column titles only when the profile has per-edge stats at all.
    const weights = weightFormat(profile, options.unit ?? 's');
    if (profile.edges.length > 0) lines.push(' '.repeat(width) + `    ncalls${weights.selfHeading.padStart(9)}${weights.cumHeading.padStart(9)}`);
    const calls = callLists(profile, options, direction);
    for (const row of rows) {
      lines.push(...callLines(row, calls.get(row.stats.frame) ?? [], width, direction, weights));
    }
    lines.push('', '');
  }
  return lines.map((line) => `${line}\n`).join('');
}

interface Call {
  edge: Edge;
  /** The frame at the other end of the edge, as shown. */
  label: string;
  key: RowKey;
}

// Edges grouped by the function shown (callee for callers, caller for callees), each group
// in pstats' order: sorted by the other end's (file, line, name).
function callLists(profile: Profile, options: StatsOptions, direction: Direction): Map<number, Call[]> {
  const { files, labels } = frameLabels(profile, options);
  const lists = new Map<number, Call[]>();
  for (const edge of profile.edges) {
    const [shown, other] = direction === 'callers' ? [edge.callee, edge.caller] : [edge.caller, edge.callee];
    const key = { file: files[other]!, frame: profile.frames[other]! };
    const call = { edge, label: labels[other]!, key };
    const list = lists.get(shown);
    if (list) list.push(call);
    else lists.set(shown, [call]);
  }
  for (const list of lists.values()) list.sort((a, b) => compareFrameKeys(a.key, b.key));
  return lists;
}

// The first call shares the function's line after the arrow; the next ones are indented to
// line up with it (pstats: a 7-wide count after `name  <- `, then 9-wide after name_size + 1).
function callLines(row: Row, calls: readonly Call[], width: number, direction: Direction, weights: WeightFormat): string[] {
  const start = row.label.padEnd(width) + (direction === 'callers' ? '<-' : '->') + ' ';
  if (calls.length === 0) return [start];
  return calls.map((call, i) => {
    const count = ncallsText(call.edge.calls, call.edge.primitiveCalls);
    const times = `${weights.cell(call.edge.self)} ${weights.cell(call.edge.total)}`;
    if (i === 0) return `${start}${count.padStart(7)} ${times}  ${call.label}`;
    return `${' '.repeat(width + 1)}${count.padStart(9)} ${times}  ${call.label}`;
  });
}
