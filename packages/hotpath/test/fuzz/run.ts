/**
 * Runs hotpath's reading commands on generated inputs (see `inputs.ts`) the way a user runs
 * them, one process each with a time limit, and judges each run:
 * - `error`: exit 2 and one stderr line naming the input file; the output file, if any, is as
 *   it was (absent, or the previous content) and no temporary file is left;
 * - `accepted`: exit 0 (bench: 1 for a regression) and an output its consumer reads (the
 *   formats' own checks below; pstats through Python's `pstats`, callgrind through
 *   `callgrind_annotate` where installed), with no NaN or Infinity printed;
 * - `crash` (any other exit, a signal, a stack trace), `hang` (the time limit) or `bad-output`.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Profile as PprofProfile } from 'pprof-format';
import { parseAnyProfile } from '../../src/import/read-any.js';
import { deepChain, seededRandom, type FuzzInput, type Seed } from './inputs.js';

/** How a run ended. */
export type Verdict = 'error' | 'accepted' | 'crash' | 'hang' | 'bad-output';

/** One judged run. */
export interface RunResult {
  verdict: Verdict;
  command: string;
  input: FuzzInput;
  /** Why it is not `error` or `accepted`: the exit, the first lines of stderr, what is wrong. */
  detail: string;
}

/** What the runs need. */
export interface FuzzContext {
  /** hotpath's `bin/hotpath.js`. */
  bin: string;
  /** A directory for the runs (one folder each). */
  dir: string;
  /** A benchmark file for `bench --compare`. */
  benchFile: string;
  /** Valid files of each kind, for runs that read two files. */
  seeds: readonly Seed[];
  timeoutMs: number;
  /** Whether to check pstats and callgrind outputs with Python and callgrind_annotate. */
  externalCheckers: boolean;
}

const FORMATS = ['json', 'callgrind', 'dot', 'svg', 'pstats', 'speedscope.json', 'cpuprofile', 'pb.gz'] as const;
const PREVIOUS = 'previous content\n';

interface Plan {
  name: string;
  args: string[];
  /** The output file the command writes, if any. */
  output?: string;
}

function plan(input: FuzzInput, file: string, other: string | null, ctx: FuzzContext, roll: number, pickFormat: number): Plan {
  if (input.kind === 'bench') {
    return { name: 'bench --compare', args: ['bench', ctx.benchFile, '--compare', file, '--min-rounds', '3', '--max-time', '0', '--warmup', '0'] };
  }
  if (input.kind === 'lines' && roll < 0.6) return { name: 'lines --show', args: ['lines', '--show', file] };
  if (input.kind === 'lines' && roll < 0.75 && other) return { name: 'lines --show (2 files)', args: ['lines', '--show', other, file] };
  if (roll < 0.2) return { name: 'stats', args: ['stats', file] };
  if (roll < 0.27 && other) return { name: 'stats (2 files)', args: ['stats', other, file] };
  if (roll < 0.42) return { name: 'view', args: ['view', file, '-o', 'out.html'], output: 'out.html' };
  const format = FORMATS[Math.floor(pickFormat * FORMATS.length)]!;
  return { name: `convert ${format}`, args: ['convert', file, '-o', `out.${format}`], output: `out.${format}` };
}

/** Runs one input through one command (picked from the input's index) and judges it. */
export async function runInput(input: FuzzInput, index: number, ctx: FuzzContext): Promise<RunResult> {
  const random = seededRandom(index * 7919 + 17);
  const dir = path.join(ctx.dir, `run-${index}`);
  fs.mkdirSync(dir, { recursive: true });
  const file = `in-${index}${input.kind === 'cpuprofile' ? '.cpuprofile' : '.json'}`;
  fs.writeFileSync(path.join(dir, file), input.bytes);
  const seed = ctx.seeds.find((s) => s.kind === input.kind && s.kind !== 'bench');
  const other = seed ? `seed${seed.kind === 'cpuprofile' ? '.cpuprofile' : '.json'}` : null;
  if (other) fs.writeFileSync(path.join(dir, other), seed!.text);
  const p = plan(input, file, other, ctx, random(), random());
  const previous = p.output !== undefined && random() < 0.5;
  if (previous) fs.writeFileSync(path.join(dir, p.output!), PREVIOUS);
  const before = new Set(fs.readdirSync(dir));
  const run = await spawnLimited(process.execPath, [ctx.bin, ...p.args], dir, ctx.timeoutMs);
  const result = (verdict: Verdict, detail = ''): RunResult => ({ verdict, command: p.name, input, detail });
  try {
    if (run.timedOut) return result('hang', `no exit in ${ctx.timeoutMs} ms`);
    const extra = fs.readdirSync(dir).filter((name) => !before.has(name) && name !== p.output);
    const stderrLines = run.stderr.split('\n').filter((line) => line !== '');
    const exit = run.signal ?? `exit ${run.code}`;
    const head = `${exit}: ${stderrLines.slice(0, 3).join(' | ').slice(0, 400)}`;
    if (run.code === 2) {
      if (extra.length > 0) return result('bad-output', `left ${extra.join(', ')} behind; ${head}`);
      const problem = failedOutputProblem(dir, p.output, previous);
      if (problem) return result('bad-output', `${problem}; ${head}`);
      if (stderrLines.length !== 1 || !stderrLines[0]!.includes(file)) {
        const stack = /\n\s+at /.test(run.stderr);
        return result(stack ? 'crash' : 'bad-output', `not one line naming ${file}: ${head}`);
      }
      return result('error');
    }
    const regressed = p.name.startsWith('bench') && run.code === 1 && /Performance has regressed/.test(run.stderr);
    if (run.code !== 0 && !regressed) return result('crash', head);
    if (extra.length > 0) return result('bad-output', `left ${extra.join(', ')} behind`);
    const problem = await acceptedOutputProblem(p, dir, run.stdout, ctx, input.bytes);
    return problem ? result('bad-output', problem) : result('accepted');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// After a refusal the output is untouched: absent, or what was there before.
function failedOutputProblem(dir: string, output: string | undefined, previous: boolean): string | null {
  if (output === undefined) return null;
  const file = path.join(dir, output);
  if (!fs.existsSync(file)) return previous ? `the existing ${output} was removed` : null;
  if (!previous) return `a failed run left ${output}`;
  return fs.readFileSync(file, 'utf8') === PREVIOUS ? null : `a failed run replaced ${output}`;
}

// An exponent of three digits (1e+299) is a magnitude no real profile has; line_profiler's
// own `%5.1g` (9e+12) is fine. A word the input itself holds as a string (a function named
// "NaN") may be printed as it is.
const BAD_WORDS = ['NaN', 'Infinity', 'undefined'] as const;

/** The first number-like nonsense in `text` (NaN, Infinity, undefined, 1e+299), or null. */
export function badNumber(text: string, input: Buffer = Buffer.alloc(0)): string | null {
  for (const word of BAD_WORDS) {
    if (new RegExp(`\\b${word}\\b`).test(text) && !input.includes(word)) return `${word}: ${lineWith(text, new RegExp(`\\b${word}\\b`))}`;
  }
  const huge = /\de\+\d{3}/.exec(text);
  return huge ? `${huge[0]}: ${lineWith(text, /\de\+\d{3}/)}` : null;
}

async function acceptedOutputProblem(p: Plan, dir: string, stdout: string, ctx: FuzzContext, input: Buffer): Promise<string | null> {
  const bad = badNumber(stdout, input);
  if (bad) return `stdout shows ${bad}`;
  if (p.output === undefined) return stdout.trim() === '' ? 'printed nothing' : null;
  const file = path.join(dir, p.output);
  if (!fs.existsSync(file)) return `wrote no ${p.output}`;
  const bytes = fs.readFileSync(file);
  if (bytes.toString('utf8') === PREVIOUS) return `${p.output} was not written`;
  try {
    return await checkFormat(p.output, file, bytes, ctx, input);
  } catch (error) {
    return `${p.output} does not read back: ${(error as Error).message.split('\n')[0]}`;
  }
}

function lineWith(text: string, pattern: RegExp): string {
  return (text.split('\n').find((line) => pattern.test(line)) ?? '').trim().slice(0, 200);
}

/** Why an output of `output`'s format is not valid, or null: each checked as its consumer reads it. */
export async function checkFormat(output: string, file: string, bytes: Buffer, ctx: FuzzContext, input: Buffer = Buffer.alloc(0)): Promise<string | null> {
  const text = bytes.toString('utf8');
  const ext = output.slice('out.'.length);
  if (ext === 'html') return checkHtml(text);
  if (ext === 'json' || ext === 'cpuprofile') {
    if (badNumber(text, input)) return `${output} holds ${badNumber(text, input)}`;
    const profile = parseAnyProfile(bytes, output); // throws when hotpath cannot read it back
    return profile.functions.every((f) => Number.isFinite(f.self) && Number.isFinite(f.total)) ? null : `${output}: times not finite`;
  }
  if (ext === 'speedscope.json') return checkSpeedscope(JSON.parse(text) as SpeedscopeFile);
  if (ext === 'dot') return /^digraph \{\n[\s\S]*\n\}\n$/.test(text) && !badNumber(text, input) ? null : 'not a whole dot graph';
  if (ext === 'svg') return /<svg[\s\S]*<\/svg>\s*$/.test(text) && !badNumber(text, input) ? null : 'not a whole svg';
  if (ext === 'pb.gz') return checkPprof(bytes);
  if (ext === 'callgrind') {
    if (!/^# callgrind format\n/.test(text) || badNumber(text, input)) return `not a callgrind file: ${badNumber(text, input) ?? 'no header'}`;
    return ctx.externalCheckers ? runChecker('callgrind_annotate', [file], ctx.timeoutMs) : null;
  }
  if (ext === 'pstats') return ctx.externalCheckers ? runChecker('python3', ['-c', PSTATS_CHECK, file], ctx.timeoutMs) : null;
  return `no check for ${output}`;
}

/** Why a `hotpath view` report is not valid, or null. */
export function checkHtml(text: string): string | null {
  if (!text.trimEnd().endsWith('</html>')) return 'the report is cut short';
  const match = /<script type="application\/json" id="hotpath-data">([\s\S]*?)<\/script>/.exec(text);
  if (!match) return 'the report holds no data';
  const data = JSON.parse(match[1]!) as { totalTime: unknown; functions: Array<{ self: unknown; total: unknown }> };
  const finite = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
  if (!finite(data.totalTime) || !data.functions.every((f) => finite(f.self) && finite(f.total))) {
    return 'the report data holds times that are not numbers (NaN or Infinity written as null)';
  }
  return null;
}

interface SpeedscopeFile {
  profiles: Array<{ type: string; endValue: number; events?: Array<{ type: string; at: number }>; weights?: number[] }>;
}

function checkSpeedscope(file: SpeedscopeFile): string | null {
  for (const profile of file.profiles) {
    if (!Number.isFinite(profile.endValue)) return 'speedscope endValue is not finite';
    let depth = 0;
    let at = 0;
    for (const event of profile.events ?? []) {
      if (!Number.isFinite(event.at) || event.at < at) return 'speedscope events go back in time';
      at = event.at;
      depth += event.type === 'O' ? 1 : -1;
      if (depth < 0) return 'speedscope closes a frame it did not open';
    }
    if (depth !== 0) return 'speedscope leaves frames open';
    if (profile.weights && !profile.weights.every((w) => Number.isFinite(w) && w >= 0)) return 'speedscope weights not finite';
  }
  return null;
}

function checkPprof(bytes: Buffer): string | null {
  const profile = PprofProfile.decode(gunzipSync(bytes));
  const locations = new Set(profile.location.map((l) => Number(l.id)));
  for (const sample of profile.sample) {
    if (!sample.value.every((v) => Number.isFinite(Number(v)) && Number(v) >= 0)) return 'pprof sample values not finite';
    if (!sample.locationId.every((id) => locations.has(Number(id)))) return 'pprof sample of a missing location';
  }
  return null;
}

const PSTATS_CHECK = [
  'import pstats, sys, io, math',
  's = pstats.Stats(sys.argv[1], stream=io.StringIO())',
  'bad = [k for k, v in s.stats.items() if not all(math.isfinite(x) and x >= 0 for x in v[:4])]',
  'sys.exit("pstats values not finite: %r" % bad[:1] if bad else 0)',
].join('\n');

async function runChecker(command: string, args: string[], timeoutMs: number): Promise<string | null> {
  const run = await spawnLimited(command, args, process.cwd(), timeoutMs);
  if (run.timedOut) return `${command} did not finish`;
  return run.code === 0 ? null : `${command} refused it: ${run.stderr.trim().split('\n').at(-1)}`;
}

interface Spawned {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Runs a command, killing its process group after `timeoutMs`. */
export function spawnLimited(command: string, args: string[], cwd: string, timeoutMs: number): Promise<Spawned> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, TZ: 'UTC' }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    const keep = (chunks: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size < 64 << 20) chunks.push(chunk); // a runaway writer still ends by the timeout
    };
    child.stdout.on('data', keep(out));
    child.stderr.on('data', keep(err));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: null, signal: null, stdout: '', stderr: error.message, timedOut: false });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), timedOut });
    });
  });
}

/** Runs `inputs` with `jobs` at a time; stops starting new runs after `budgetMs`. */
export async function runAll(
  inputs: readonly FuzzInput[],
  ctx: FuzzContext,
  jobs: number,
  budgetMs = Infinity,
  onResult?: (r: RunResult, done: number) => void,
): Promise<RunResult[]> {
  const results: RunResult[] = [];
  const started = Date.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < inputs.length && Date.now() - started < budgetMs) {
      const index = next++;
      const result = await runInput(inputs[index]!, index, ctx);
      results.push(result);
      onResult?.(result, results.length);
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  return results;
}

/** Whether the external checkers (python3, callgrind_annotate) are on PATH. */
export function haveExternalCheckers(): boolean {
  // callgrind_annotate --version exits 255 after printing its version.
  const runs = (command: string, args: string[]): boolean => spawnSync(command, args, { stdio: 'ignore' }).error === undefined;
  return spawnSync('python3', ['-c', 'import pstats'], { stdio: 'ignore' }).status === 0 && runs('callgrind_annotate', ['--version']);
}

/**
 * Real seed files: `hotpath profile -o` (sample and trace mode), `node --cpu-prof`, `hotpath
 * lines -o` (both modes) and `hotpath bench --save`, of the programs under `programs/`.
 * Returns the seeds and the benchmark file the bench runs use.
 */
export function captureSeeds(bin: string, dir: string, programs: { script: string; plain: string; benchImport: string }): { seeds: Seed[]; benchFile: string } {
  fs.mkdirSync(dir, { recursive: true });
  const node = (args: string[]): void => {
    const run = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${run.stderr}`);
  };
  node([bin, 'profile', '-o', 'sample.json', programs.script]);
  node([bin, 'profile', '--mode', 'trace', '-o', 'trace.json', programs.script]);
  node([bin, 'lines', '-o', 'lines.json', '--all', programs.script]);
  node([bin, 'lines', '--mode', 'trace', '-o', 'lines-trace.json', '--all', programs.script]);
  node(['--cpu-prof', '--cpu-prof-dir', 'cpu', programs.plain]);
  node([bin, 'convert', 'sample.json', '-o', 'hotpath.cpuprofile']);
  const benchFile = path.join(dir, 'tiny.bench.mjs');
  fs.writeFileSync(
    benchFile,
    `import { test } from 'node:test';\nimport { bench } from ${JSON.stringify(programs.benchImport)};\n` +
      `test('sum', (t) => { bench(t, () => { let s = 0; for (let i = 0; i < 100; i++) s += i; return s; }); });\n`,
  );
  node([bin, 'bench', benchFile, '--save', 'base', '--min-rounds', '5', '--max-time', '0', '--warmup', '0']);
  const read = (file: string): string => fs.readFileSync(path.join(dir, file), 'utf8');
  const cpu = fs.readdirSync(path.join(dir, 'cpu'))[0]!;
  const saved = path.join('.benchmarks', fs.readdirSync(path.join(dir, '.benchmarks'))[0]!);
  const run = fs.readdirSync(path.join(dir, saved))[0]!;
  const seeds: Seed[] = [
    { kind: 'profile', name: 'sample.json', text: read('sample.json') },
    { kind: 'profile', name: 'trace.json', text: read('trace.json') },
    { kind: 'lines', name: 'lines.json', text: read('lines.json') },
    { kind: 'lines', name: 'lines-trace.json', text: read('lines-trace.json') },
    { kind: 'cpuprofile', name: 'node --cpu-prof', text: read(path.join('cpu', cpu)) },
    { kind: 'cpuprofile', name: 'hotpath.cpuprofile', text: read('hotpath.cpuprofile') },
    { kind: 'bench', name: 'bench --save', text: read(path.join(saved, run)) },
  ];
  return { seeds, benchFile };
}

/** Counts of each verdict. */
export function tally(results: readonly RunResult[]): Record<Verdict, number> {
  const counts: Record<Verdict, number> = { error: 0, accepted: 0, crash: 0, hang: 0, 'bad-output': 0 };
  for (const r of results) counts[r.verdict]++;
  return counts;
}

export { deepChain };
