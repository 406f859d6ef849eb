// The bars of the corpus (issue: "every hotpath tool works on the JavaScript and TypeScript
// that people actually run"), checked on one workload's runs:
//
// - output: hotpath's stdout, stderr and exit code equal plain node's (tsx's for TypeScript).
//   `hotpath profile -o` prints nothing of its own, so stdout must be equal byte for byte;
//   `hotpath lines` prints its table after the program has ended, so there the program's
//   stdout must be all of stdout up to the table, which must start with `Timer unit:`.
// - share (sample mode): the program's own functions hold at least 80% of the share of the
//   non-idle time that `node --cpu-prof` gives them on the same run shape (all threads of it but
//   the module-hooks thread; the mean of two runs). Non-idle time leaves out the runner's own
//   work too: samples whose innermost frame with a file is the runner's. Shares, not milliseconds: the machine's load changes both profilers'
//   times alike from run to run, and hotpath's counters add time of their own.
//   The program's own functions are those whose code is a file of the program: its scripts and
//   the packages it loads from node_modules; not Node's internals (`node:`), V8's builtins and
//   pseudo-frames ((garbage collector), (program), (idle)), nor the code of the runner (hotpath's
//   own package and its dependencies; tsx and esbuild under plain node).
// - top five (sample mode): the five own functions with the most self time are the same five in
//   hotpath's profile and node's, as far as node agrees with itself: V8 inlines differently from
//   run to run (a parser's time moves between its functions), so node runs twice. Every function
//   in both runs' five must be in hotpath's five, and hotpath's five must match one run's as well
//   as node's two runs match each other (agreement of two rankings: how many of either's five
//   are in the other's, the lower of the two counts). A function is matched by file, line and name after both profiles' positions
//   are taken through the same source maps (hotpath's SourceMapper; tsx's in-memory maps for
//   TypeScript run by tsx); names match when equal or when one is the other qualified
//   (`Inventory.apply` and `apply`), anonymous ones and `<module>` alike. Sampling makes ranks
//   near the cut uncertain: a function ranked fifth in one profile and sixth or lower in the
//   other still matches when its self time there is within two standard errors of that
//   profile's fifth (tick counts k have a standard error of sqrt(k)).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { readAnyProfileSync } from '../../dist/src/import/read-any.js';
import { loadProfileSync } from '../../dist/src/model/file.js';
import { MappedCode, SourceMapper } from '../../dist/src/capture/source-maps.js';
import { REPO } from './corpus-run.mjs';

/** Lowest share of node's own-function time that hotpath's sample mode must keep. */
export const SHARE_BAR = 0.8;
const TOP = 5;

// The runner's code under each variant, never the program's.
const RUNNER_DIRS = [
  ...['dist', 'bin', 'src'].map((dir) => path.join(REPO, 'packages/hotpath', dir) + path.sep),
  ...['tsx', 'esbuild', '@esbuild', 'ts-blank-space', 'magic-string', '@jridgewell', 'commander', 'get-tsconfig', 'resolve-pkg-maps'].map(
    (name) => path.join(REPO, 'node_modules', name) + path.sep,
  ),
];

/** Whether a frame's file is the runner's code (hotpath and its dependencies; tsx, esbuild). */
export function isRunnerFile(file) {
  return path.isAbsolute(file) && RUNNER_DIRS.some((dir) => file.startsWith(dir));
}

/** Whether a frame's file is code of the program (its scripts, its packages). */
export function isProgramFile(file) {
  return path.isAbsolute(file) && !isRunnerFile(file);
}

// esbuild's keepNames helper, which tsx adds to each module: the runner's code at line 1 of the
// program's file (`__name(fn, "fn")`), which hotpath's loader does not add.
const RUNNER_HELPERS = new Set(['__name']);

/**
 * Whether hotpath's output is the program's: equal stdout (the program's part of it, for
 * `hotpath lines`), stderr and exit code. Returns the reasons it is not, empty when it is.
 */
export function outputDifferences(plain, run, mode) {
  const why = [];
  if (run.exitCode !== plain.exitCode || run.signal !== plain.signal) {
    why.push(`exit ${run.signal ?? run.exitCode}, node ${plain.signal ?? plain.exitCode}`);
  }
  if (mode.startsWith('lines')) {
    if (!run.stdout.startsWith(plain.stdout)) why.push(`stdout differs ${firstDifference(plain.stdout, run.stdout)}`);
    else if (!/^\n?Timer unit:/.test(run.stdout.slice(plain.stdout.length))) why.push("no line table after the program's stdout");
  } else if (run.stdout !== plain.stdout) {
    why.push(`stdout differs ${firstDifference(plain.stdout, run.stdout)}`);
  }
  if (run.stderr !== plain.stderr) {
    const error = errorLine(run.stderr);
    why.push(`stderr differs ${firstDifference(plain.stderr, run.stderr)}${error ? `; hotpath's stderr says: ${error}` : ''}`);
  }
  return why;
}

// The line of a stderr that names the error (`TypeError: ...`, `hotpath lines: ...`).
function errorLine(text) {
  return text
    .split('\n')
    .find((line) => /^(\w*Error\b|Error \[|hotpath\b)/.test(line.trim()))
    ?.trim()
    .slice(0, 300);
}

function firstDifference(expected, actual) {
  let i = 0;
  while (i < expected.length && expected[i] === actual[i]) i++;
  const show = (text) => JSON.stringify(text.slice(i, i + 80));
  return `at byte ${i}: node ${show(expected)}, hotpath ${show(actual)}`;
}

/**
 * Self time of each function of a profile, keyed by file, line and the unqualified name, with
 * each name's inclusive time and the profile's non-idle time: all of it but (idle) and the
 * runner's own work, the samples whose innermost frame with a file is the runner's (tsx
 * compiling a module; code the program runs under the runner's frames is the program's).
 * `place(frame)` gives a frame's source position.
 */
export function functionTimes(profiles, place = (frame) => frame) {
  const byKey = new Map();
  const totalByName = new Map();
  let nonIdle = 0;
  for (const profile of profiles) {
    nonIdle += nonIdleTime(profile);
    for (const fn of profile.functions) {
      const frame = profile.frames[fn.frame];
      if (!isProgramFile(frame.file) || RUNNER_HELPERS.has(frame.name)) continue;
      totalByName.set(baseName(frame.name), (totalByName.get(baseName(frame.name)) ?? 0) + fn.total);
      const at = place(frame);
      const key = `${at.file}:${at.line}:${baseName(frame.name)}`;
      const entry = byKey.get(key) ?? { key, name: frame.name, file: at.file, line: at.line, self: 0 };
      entry.self += fn.self;
      byKey.set(key, entry);
    }
  }
  const own = [...byKey.values()].reduce((sum, entry) => sum + entry.self, 0);
  return { byKey, totalByName, nonIdle, own };
}

// The tree's self times but (idle)'s and the runner's; the functions' where there is no tree.
function nonIdleTime(profile) {
  const idle = (frame) => frame.name === '(idle)' || frame.name === '(root)';
  if (!profile.tree) return profile.functions.filter((fn) => !idle(profile.frames[fn.frame])).reduce((sum, fn) => sum + fn.self, 0);
  const runner = new Array(profile.tree.length);
  let total = 0;
  for (const node of profile.tree) {
    const frame = profile.frames[node.frame];
    const inherited = node.parent >= 0 && runner[node.parent];
    runner[node.id] = isRunnerFile(frame.file) || RUNNER_HELPERS.has(frame.name) ? true : isProgramFile(frame.file) ? false : inherited;
    if (!idle(frame) && !runner[node.id]) total += node.self;
  }
  return total;
}

// `pp$8.parseStatement` and `parseStatement`, `Inventory.apply` and `apply`, `get size` and
// `size` are one function; anonymous functions and a module's top level are all `(anonymous)`.
function baseName(name) {
  if (name === '' || name === '(anonymous)' || name === '<anonymous>' || name === '<module>') return '(anonymous)';
  return (
    name
      .replace(/^(get|set|async) /, '')
      .split('.')
      .at(-1) || '(anonymous)'
  );
}

/** Inclusive time (cumtime) of the functions named `name` (unqualified), ns. */
export function inclusiveTime(times, name) {
  return times.totalByName.get(baseName(name)) ?? 0;
}

/**
 * The profiles `node --cpu-prof` wrote in `dir`, one per thread, but the module-hooks thread's
 * (tsx's loader runs there: the runner's work, not the program's).
 */
export function readCpuProfiles(dir) {
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.cpuprofile'))
    .sort()
    .map((name) => readAnyProfileSync(path.join(dir, name)))
    .filter((profile) => !profile.frames.some((frame) => frame.file === 'node:internal/modules/esm/worker'));
}

/** hotpath's saved profile. */
export function readHotpathProfile(file) {
  return loadProfileSync(file);
}

/**
 * A cpuprofile frame's source position, as hotpath's captures would report it: through the
 * file's source map on disk, or through tsx's map for TypeScript that tsx ran.
 */
export function sourcePlacer(tsxMaps = {}) {
  const mapper = new SourceMapper();
  const tsx = new Map(Object.entries(tsxMaps).map(([url, map]) => [url, new MappedCode(map, url)]));
  return (frame) => {
    if (!path.isAbsolute(frame.file) || frame.line < 1) return frame;
    const url = pathToFileURL(frame.file).href;
    const map = tsx.get(url);
    if (map) return map.original(frame.line, Math.max(frame.column - 1, 0)) ?? frame;
    return mapper.original(url, frame.line - 1, frame.column - 1);
  };
}

/** The file URLs of a profile's frames, for {@link sourcePlacer}'s tsx maps. */
export function frameUrls(profiles) {
  const files = new Set(profiles.flatMap((profile) => profile.frames.map((frame) => frame.file)));
  return [...files].filter((file) => path.isAbsolute(file) && isProgramFile(file)).map((file) => pathToFileURL(file).href);
}

/**
 * The sample-mode bars of hotpath's profile against two runs of node --cpu-prof (`nodeRuns`):
 * own-time share and top five. `intervalNs` turns times into tick counts for the sampling error.
 */
export function compareSample(nodeRuns, hotpath, intervalNs) {
  const nodeShare = mean(nodeRuns.map(ownShare));
  const share = nodeShare > 0 ? ownShare(hotpath) / nodeShare : 0;
  const tops = nodeRuns.map(ranked);
  const hotTop = ranked(hotpath);
  const agreement = (a, aTop, b, bTop) => Math.min(shared(aTop, b, bTop, intervalNs), shared(bTop, a, aTop, intervalNs));
  const nodeSelfAgreement = agreement(nodeRuns[0], tops[0], nodeRuns[1], tops[1]);
  const against = nodeRuns.map((run, i) => agreement(hotpath, hotTop, run, tops[i]));
  const best = against.indexOf(Math.max(...against));
  const topMatched = against[best];
  // The functions both node runs rank in their five (or near it) are what V8 agrees on: each
  // must be in hotpath's five too.
  const stable = unique([
    ...tops[0].slice(0, TOP).filter((e) => nearTop(e, nodeRuns[1], tops[1], intervalNs)),
    ...tops[1].slice(0, TOP).filter((e) => nearTop(e, nodeRuns[0], tops[0], intervalNs)),
  ]);
  const stableMissing = stable.filter((e) => !nearTop(e, hotpath, hotTop, intervalNs));
  const extra = hotTop.slice(0, TOP).filter((e) => !nodeRuns.some((run, i) => nearTop(e, run, tops[i], intervalNs)));
  return {
    share,
    sharePass: share >= SHARE_BAR,
    nodeOwnShare: nodeShare,
    hotpathOwnShare: ownShare(hotpath),
    nodeSelfAgreement,
    topMatched,
    stableMatched: stable.length - stableMissing.length,
    stable: stable.length,
    topPass: hotTop.length > 0 && topMatched >= nodeSelfAgreement && stableMissing.length === 0,
    nodeTop: tops.map((top) => top.slice(0, TOP).map(describe)),
    hotpathTop: hotTop.slice(0, TOP).map(describe),
    topMisses: [
      ...stableMissing.map((e) => `${label(e)} is in node's top five in both runs, not in hotpath's`),
      ...extra.map((e) => `${label(e)} is in hotpath's top five, in no run of node's`),
    ],
  };
}

function unique(entries) {
  return [...new Map(entries.map((e) => [e.key, e])).values()];
}

// How many of `top`'s first five are in `other`'s top five, or near it.
function shared(top, other, otherTop, intervalNs) {
  return top.slice(0, TOP).filter((e) => nearTop(e, other, otherTop, intervalNs)).length;
}

function ownShare(times) {
  return times.nonIdle > 0 ? times.own / times.nonIdle : 0;
}

function mean(values) {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

function ranked(times) {
  return [...times.byKey.values()].filter((e) => e.self > 0).sort((a, b) => b.self - a.self);
}

// Whether `entry` is among the first five of `top` (the ranking of `times`), or within two
// standard errors of sampling below its fifth.
function nearTop(entry, times, top, intervalNs) {
  if (top.slice(0, TOP).some((e) => e.key === entry.key)) return true;
  const cut = top[Math.min(TOP, top.length) - 1];
  const there = times.byKey.get(entry.key)?.self ?? 0;
  if (!cut || there === 0) return false;
  const [k, kCut] = [there / intervalNs, cut.self / intervalNs];
  return kCut - k <= 2 * Math.sqrt(k + kCut);
}

function label(entry) {
  return `${path.relative(REPO, entry.file)}:${entry.line}(${entry.name})`;
}

function describe(entry) {
  return { function: label(entry), selfMs: Math.round(entry.self / 1e4) / 100 };
}
