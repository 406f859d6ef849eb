// The corpus harness's table: one row per workload and mode, as a Markdown table (it reads in a
// terminal and pastes into the README), then each failing row's reasons.

const HEADER = ['workload', 'mode', 'bars', 'output = node', 'own share vs node --cpu-prof', "top 5 (node vs node); both node runs' five", 'measured'];

/** The table of `results` (from corpus.mjs), with a list of why each failing row failed. */
export function renderCorpusTable(results) {
  const rows = results.map((r) => [r.workload, r.mode, r.pass ? 'pass' : 'FAIL', r.outputEqual ? 'yes' : 'no', shareCell(r), topCell(r), measuredCell(r)]);
  const widths = HEADER.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const line = (cells) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |\n`;
  let text = line(HEADER) + line(widths.map((w) => '-'.repeat(w)));
  for (const row of rows) text += line(row);
  const failing = results.filter((r) => !r.pass);
  const passed = results.length - failing.length;
  text += `\nthe bars hold for ${passed} of ${results.length} workload x mode pairs\n`;
  for (const r of failing) text += `\n${r.workload} ${r.mode}:\n${r.problems.map((p) => `  - ${p}\n`).join('')}`;
  return text;
}

function shareCell(r) {
  if (!r.sample) return '';
  const s = r.sample;
  return `${(s.share * 100).toFixed(0)}% (${(s.hotpathOwnShare * 100).toFixed(0)}% / ${(s.nodeOwnShare * 100).toFixed(0)}%)`;
}

function topCell(r) {
  return r.sample ? `${r.sample.topMatched}/5 (node ${r.sample.nodeSelfAgreement}/5); ${r.sample.stableMatched}/${r.sample.stable} of node's sure ones` : '';
}

function measuredCell(r) {
  if (r.lines) {
    const node = r.lines.nodeInclusiveMs === null ? '' : ` (node --cpu-prof: ${r.lines.nodeInclusiveMs} ms)`;
    return `${r.lines.hits} hits, ${r.lines.timeMs} ms in ${r.lines.functions.join(', ') || 'no function'}${node}`;
  }
  if (r.trace) return `${r.trace.countedFunctions} functions counted`;
  if (r.sample) return `${r.sample.hotpathTop[0]?.function ?? 'no own function'} first${r.threads > 1 ? `; node --cpu-prof: ${r.threads} threads` : ''}`;
  return '';
}
