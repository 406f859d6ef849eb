// The corpus's workloads (packages/hotpath/test/corpus/<name>/workload.json) and the runs the
// harness makes of each: plain node (tsx for TypeScript), node --cpu-prof, and hotpath in each
// mode, every one from the workload's folder with the same arguments and the same stdin.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
export const CORPUS = path.join(REPO, 'packages/hotpath/test/corpus');
const BIN = path.join(REPO, 'packages/hotpath/bin/hotpath.js');
const TSX = pathToFileURL(createRequire(path.join(REPO, 'package.json')).resolve('tsx')).href;
const MAP_DUMPER = fileURLToPath(new URL('./tsx-maps.mjs', import.meta.url));

/** How long one run may take before it is killed and reported as such. */
const RUN_TIMEOUT_MS = 180_000;

/** The hotpath modes the harness knows, in table order. */
export const MODES = ['sample', 'trace', 'lines-sample', 'lines-trace'];

/**
 * The workloads of the corpus, in name order; `only` (names) picks some.
 * `<repo>/` in a workload's script, args and stdin stands for the repository's root.
 */
export function loadWorkloads(only = []) {
  const names = fs
    .readdirSync(CORPUS)
    .filter((name) => fs.existsSync(path.join(CORPUS, name, 'workload.json')))
    .sort();
  const unknown = only.filter((name) => !names.includes(name));
  if (unknown.length > 0) throw new Error(`no workload ${unknown.join(', ')} in ${CORPUS} (there are: ${names.join(', ')})`);
  return names.filter((name) => only.length === 0 || only.includes(name)).map((name) => readWorkload(name));
}

function readWorkload(name) {
  const dir = path.join(CORPUS, name);
  const spec = JSON.parse(fs.readFileSync(path.join(dir, 'workload.json'), 'utf8'));
  const fill = (text) => text.replace(/^<repo>\//, REPO);
  return {
    name,
    dir,
    description: spec.description,
    script: fill(spec.script),
    args: (spec.args ?? []).map(fill),
    stdin: spec.stdin ? fs.readFileSync(path.resolve(dir, fill(spec.stdin))) : Buffer.alloc(0),
    typescript: spec.typescript === true,
    lines: spec.lines,
    expect: { exitCode: spec.expect.exitCode, stdout: new RegExp(spec.expect.stdout) },
  };
}

/** Runs `node ...argv` in the workload's folder; resolves with its exit code, output and wall time. */
export function runNode(workload, argv, env = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, argv, { cwd: workload.dir, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('error', reject);
    child.stdin.on('error', () => {}); // a program that never reads its stdin closes it early
    child.stdin.end(workload.stdin);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        argv,
        exitCode: code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        wallMs: Number(process.hrtime.bigint() - started) / 1e6,
      });
    });
  });
}

/** The program as the user runs it without hotpath: node, with tsx's loader for TypeScript. */
export function plainArgv(workload, nodeFlags = []) {
  return [...nodeFlags, ...(workload.typescript ? ['--import', TSX] : []), workload.script, ...workload.args];
}

/** `node --cpu-prof`: one .cpuprofile per thread, in `dir`. */
export function cpuProfArgv(workload, dir, intervalUs) {
  return plainArgv(workload, ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', String(intervalUs)]);
}

/** `hotpath profile` or `hotpath lines` in `mode`, saving what it measured to `output`. */
export function hotpathArgv(workload, mode, output, intervalUs) {
  const target = [workload.script, ...workload.args];
  switch (mode) {
    case 'sample':
      return [BIN, 'profile', '--interval', String(intervalUs / 1000), '-o', output, ...target];
    case 'trace':
      return [BIN, 'profile', '--mode', 'trace', '-o', output, ...target];
    case 'lines-sample':
      return [BIN, 'lines', '--mode', 'sample', '-o', output, ...workload.lines, ...target];
    case 'lines-trace':
      return [BIN, 'lines', '--mode', 'trace', '-o', output, ...workload.lines, ...target];
    default:
      throw new Error(`unknown mode ${mode} (the modes: ${MODES.join(', ')})`);
  }
}

/**
 * The source maps that tsx made for the TypeScript files in `urls`, from a run of its own
 * (tsx transforms in memory; the map of each file is what Node's `findSourceMap` holds at
 * exit). esbuild's output is deterministic, so they are the maps of the profiled run too.
 */
export async function tsxSourceMaps(workload, urls, dir) {
  const out = path.join(dir, 'tsx-maps.json');
  const env = { HOTPATH_CORPUS_MAP_URLS: JSON.stringify(urls), HOTPATH_CORPUS_MAP_OUT: out };
  const run = await runNode(workload, plainArgv(workload, ['--import', pathToFileURL(MAP_DUMPER).href]), env);
  if (!fs.existsSync(out)) throw new Error(`tsx's source maps of ${workload.name} were not written: ${run.stderr.slice(0, 500)}`);
  return JSON.parse(fs.readFileSync(out, 'utf8'));
}
