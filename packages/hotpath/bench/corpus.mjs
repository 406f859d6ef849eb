// The corpus of real workloads against the bars: for each workload of packages/hotpath/test/corpus,
// plain node (tsx for TypeScript), node --cpu-prof (twice), and hotpath in each mode, on the same
// arguments and stdin; prints a table (workload x mode: pass/fail and the numbers) on stdout,
// progress on stderr, and with --json FILE writes every number to FILE. What the bars are and
// how functions are matched: lib/corpus-bars.mjs.
//
//   node packages/hotpath/bench/corpus.mjs [--only NAME[,NAME]] [--modes sample,trace,lines-sample,lines-trace]
//                                          [--interval US] [--json FILE]
//
// Exit code 0 when the harness ran (whatever the bars say), 2 for bad arguments.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomicSync } from '../dist/src/atomic-file.js';
import { compareSample, frameUrls, functionTimes, inclusiveTime, isProgramFile, outputDifferences, readCpuProfiles, readHotpathProfile, sourcePlacer } from './lib/corpus-bars.mjs';
import { cpuProfArgv, hotpathArgv, loadWorkloads, MODES, plainArgv, runNode, tsxSourceMaps } from './lib/corpus-run.mjs';
import { renderCorpusTable } from './lib/corpus-table.mjs';

const HELP = `usage: node packages/hotpath/bench/corpus.mjs [options]

Runs each workload of packages/hotpath/test/corpus under plain node (tsx for TypeScript),
node --cpu-prof (twice) and hotpath in each mode, and checks the bars: output equal to node's
in every mode; in sample mode the program's own functions keep >= 80% of the share of non-idle
time node --cpu-prof gives them, with the same top five functions by self time; in lines mode
the picked function measured, with the same hits in both modes.

  --only NAMES      comma-separated workload names (default: all)
  --modes MODES     comma-separated, of ${MODES.join(', ')} (default: all)
  --interval US     sampling interval of both profilers, microseconds (default 250)
  --json FILE       also write the results as JSON to FILE
  -h, --help        this help
`;

async function main() {
  const options = parseOptions();
  let workloads;
  try {
    workloads = loadWorkloads(options.only);
  } catch (error) {
    usageError(error.message);
  }
  const results = [];
  for (const workload of workloads) results.push(...(await measure(workload, options)));
  process.stdout.write(renderCorpusTable(results));
  if (options.json) {
    const summary = { node: process.version, intervalUs: options.intervalUs, date: new Date().toISOString(), results };
    writeFileAtomicSync(options.json, JSON.stringify(summary, null, 2) + '\n');
  }
}

function parseOptions() {
  let values;
  try {
    ({ values } = parseArgs({
      options: { only: { type: 'string' }, modes: { type: 'string' }, interval: { type: 'string' }, json: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    usageError(error.message);
  }
  if (values.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  const modes = values.modes ? values.modes.split(',') : MODES;
  const wrong = modes.filter((mode) => !MODES.includes(mode));
  if (wrong.length > 0) usageError(`unknown mode ${wrong.join(', ')} (the modes: ${MODES.join(', ')})`);
  const intervalUs = values.interval === undefined ? 250 : Number(values.interval);
  if (!Number.isInteger(intervalUs) || intervalUs < 50 || intervalUs > 100_000) usageError(`--interval ${values.interval}: expected whole microseconds, 50 to 100000`);
  return { only: values.only ? values.only.split(',') : [], modes, intervalUs, json: values.json };
}

function usageError(message) {
  process.stderr.write(`corpus.mjs: ${message}\n`);
  process.exit(2);
}

/** All runs of one workload, and a result per mode. */
async function measure(workload, options) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `hotpath-corpus-${workload.name}-`));
  try {
    progress(workload, 'node');
    const plain = await runNode(workload, plainArgv(workload));
    const expectation = expectationProblems(workload, plain);
    const baseline = options.modes.some((mode) => mode.includes('sample')) ? await cpuBaseline(workload, dir, options.intervalUs) : null;
    const results = [];
    for (const mode of options.modes) {
      progress(workload, mode);
      const output = path.join(dir, `${mode}.json`);
      const run = await runNode(workload, hotpathArgv(workload, mode, output, options.intervalUs));
      results.push(judge({ workload, mode, plain, run, output, baseline, expectation, intervalUs: options.intervalUs }));
    }
    compareLineHits(results);
    return results;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function progress(workload, what) {
  process.stderr.write(`corpus: ${workload.name}: ${what}\n`);
}

// The workload itself must do what it says under plain node, or its row means nothing.
function expectationProblems(workload, plain) {
  const problems = [];
  if (plain.exitCode !== workload.expect.exitCode) problems.push(`node exited ${plain.exitCode}, expected ${workload.expect.exitCode}: ${plain.stderr.slice(0, 300)}`);
  if (!workload.expect.stdout.test(plain.stdout)) problems.push(`node's stdout does not match workload.json's: ${JSON.stringify(plain.stdout.slice(0, 200))}`);
  return problems;
}

/**
 * node --cpu-prof's own-function times, positions through the same maps hotpath uses: two runs
 * (V8's inlining, and so self time, differs from run to run).
 */
async function cpuBaseline(workload, dir, intervalUs) {
  const runs = [];
  for (const n of [1, 2]) {
    progress(workload, `node --cpu-prof (${n} of 2)`);
    const profDir = path.join(dir, `cpu-prof-${n}`);
    const run = await runNode(workload, cpuProfArgv(workload, profDir, intervalUs));
    const profiles = fs.existsSync(profDir) ? readCpuProfiles(profDir) : [];
    if (profiles.length === 0) return { error: `node --cpu-prof wrote no profile (exit ${run.exitCode}): ${run.stderr.slice(0, 300)}` };
    const maps = workload.typescript ? await tsxSourceMaps(workload, frameUrls(profiles), dir) : {};
    runs.push({ threads: profiles.length, times: functionTimes(profiles, sourcePlacer(maps)) });
  }
  return { threads: runs[0].threads, times: runs.map((run) => run.times) };
}

function judge({ workload, mode, plain, run, output, baseline, expectation, intervalUs }) {
  const result = {
    workload: workload.name,
    mode,
    pass: false,
    workloadProblems: expectation,
    problems: [...expectation],
    wallMs: { node: round(plain.wallMs), hotpath: round(run.wallMs) },
  };
  const differences = outputDifferences(plain, run, mode);
  result.outputEqual = differences.length === 0;
  result.problems.push(...differences);
  const profile = readSaved(output, result);
  if (profile && mode === 'sample') judgeSample(result, profile, baseline, intervalUs);
  if (profile && mode === 'trace') judgeTrace(result, profile);
  if (profile && mode.startsWith('lines')) judgeLines(result, profile, workload, mode === 'lines-sample' ? baseline : null);
  result.pass = result.problems.length === 0;
  if (!result.pass && run.stderr && !result.outputEqual) result.stderr = { head: run.stderr.slice(0, 600), tail: run.stderr.slice(-600) };
  return result;
}

function readSaved(output, result) {
  if (!fs.existsSync(output)) {
    result.problems.push('hotpath saved no profile');
    return null;
  }
  try {
    return readHotpathProfile(output);
  } catch (error) {
    result.problems.push(`hotpath's profile is unreadable: ${error.message}`);
    return null;
  }
}

function judgeSample(result, profile, baseline, intervalUs) {
  if (baseline.error) {
    result.problems.push(baseline.error);
    return;
  }
  const sample = compareSample(baseline.times, functionTimes([profile]), intervalUs * 1000);
  Object.assign(result, { threads: baseline.threads, sample });
  if (!sample.sharePass) {
    const shares = `${pct(sample.hotpathOwnShare)} of the non-idle time, node ${pct(sample.nodeOwnShare)}`;
    result.problems.push(`own functions hold ${pct(sample.share)} of node --cpu-prof's share for them (${shares}; bar 80%)`);
  }
  if (!sample.topPass) {
    const counts = `${sample.topMatched}/5 matched (node's two runs: ${sample.nodeSelfAgreement}/5), ${sample.stableMatched} of the ${sample.stable} in both node runs' five`;
    result.problems.push(`top five: ${counts}; ${sample.topMisses.join('; ') || 'no own function has time'}`);
  }
}

// Trace mode's bar is the output; how many of the program's functions it counted is shown (none
// where all the program is in node_modules, which trace mode leaves untraced by default).
function judgeTrace(result, profile) {
  const counted = profile.functions.filter((fn) => isProgramFile(profile.frames[fn.frame].file) && (fn.calls ?? 0) > 0);
  result.trace = { countedFunctions: counted.length };
}

// The picked function must have been measured: hits (exact in both modes), and time: in trace
// mode always, in sample mode where node --cpu-prof gives the function (its name, unqualified)
// at least HOT_MS of inclusive time, enough ticks that none at all is a loss, not chance.
const HOT_MS = 20;

function judgeLines(result, profile, workload, baseline) {
  const lines = profile.lines ?? [];
  const hits = lines.reduce((sum, line) => sum + (line.hits ?? 0), 0);
  const frames = new Set(lines.map((line) => profile.frames[line.frame].name));
  const timeMs = lines.reduce((sum, line) => sum + line.time, 0) / 1e6;
  const picked = workload.lines[workload.lines.indexOf('-f') + 1];
  const nodeMs = baseline?.times ? Math.min(...baseline.times.map((times) => inclusiveTime(times, picked))) / 1e6 : null;
  const hitsByLine = {};
  for (const line of lines) hitsByLine[`${path.basename(profile.frames[line.frame].file)}:${line.line}`] = line.hits ?? 0;
  result.lines = { functions: [...frames], hits, timeMs: round(timeMs), nodeInclusiveMs: nodeMs === null ? null : round(nodeMs), hitsByLine };
  const needsTime = nodeMs === null ? result.mode === 'lines-trace' : nodeMs >= HOT_MS;
  if (hits === 0 || (needsTime && timeMs === 0)) {
    const node = nodeMs === null ? '' : ` (node --cpu-prof: ${round(nodeMs)} ms in ${picked} and what it calls)`;
    result.problems.push(`lines: the picked function shows ${hits} hits, ${round(timeMs)} ms${node}`);
  }
}

// Both modes say their hits are exact: where they differ, one of them is wrong. Reported on the
// sample row: trace mode counts a line's statements as line_profiler counts line events.
function compareLineHits(results) {
  const [sample, trace] = ['lines-sample', 'lines-trace'].map((mode) => results.find((r) => r.mode === mode && r.lines));
  if (!sample || !trace) return;
  const keys = [...new Set([...Object.keys(sample.lines.hitsByLine), ...Object.keys(trace.lines.hitsByLine)])];
  const differing = keys.filter((key) => (sample.lines.hitsByLine[key] ?? 0) !== (trace.lines.hitsByLine[key] ?? 0));
  if (differing.length === 0) return;
  const shown = differing.slice(0, 3).map((key) => `${key}: ${sample.lines.hitsByLine[key] ?? 0} in sample mode, ${trace.lines.hitsByLine[key] ?? 0} in trace mode`);
  sample.problems.push(`lines: hits differ from trace mode's on ${differing.length} lines (${shown.join('; ')})`);
  sample.pass = false;
}

const round = (value) => Math.round(value * 10) / 10;
const pct = (value) => `${(value * 100).toFixed(1)}%`;

await main();
