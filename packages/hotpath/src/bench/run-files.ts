/**
 * Runs benchmark files the way `hotpath bench` does: one `node --test` process over all of
 * them, one file at a time (`--test-concurrency=1`: benchmarks running side by side would
 * slow each other), with `--expose-gc` (see gc.ts) and, for TypeScript files, the TypeScript
 * hooks preloaded. The results come back through the side channel (channel.ts), which is
 * polled while the tests run so that progress can be shown.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCH_ENV, parseChannel, type BenchIdentity, type BenchRecord, type BenchSettings } from './channel.js';
import { isTypeScript, REGISTER_MODULE } from './typescript.js';

/** What to run and how. */
export interface RunFilesOptions {
  files: readonly string[];
  /** Harness settings for every `bench()` (the output file is added here). */
  settings: Omit<BenchSettings, 'output'>;
  /** Only tests whose name matches (node's `--test-name-pattern`). */
  namePattern?: string;
  /** `--disable-gc`: collections made as rare as V8 allows (see {@link RARE_GC_FLAGS}). */
  rareGc?: boolean;
  cwd?: string;
  /** A benchmark started measuring. */
  onStart?: (id: BenchIdentity) => void;
  /** A benchmark finished. */
  onResult?: (record: BenchRecord) => void;
}

/** The outcome of a run. */
export interface FilesRun {
  records: BenchRecord[];
  /** The test runner's exit code (non-zero: a test failed). */
  exitCode: number;
  /** What the test runner printed (its reporter and the tests' stderr). */
  output: string;
}

const POLL_MS = 100;

/** Runs `files` under `node --test` with bench() measuring; resolves when they finish. */
export async function runBenchFiles(options: RunFilesOptions): Promise<FilesRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-bench-'));
  const output = path.join(dir, 'results.jsonl');
  fs.writeFileSync(output, '');
  const settings: BenchSettings = { ...options.settings, output };
  const records: BenchRecord[] = [];
  const reader = channelReader(output, (record) => {
    if (record.type === 'start') options.onStart?.(record);
    else {
      const { type: _type, ...result } = record;
      records.push(result);
      options.onResult?.(result);
    }
  });
  const timer = setInterval(reader, POLL_MS);
  try {
    const { exitCode, text } = await runNode(nodeArgs(options), settings, options.cwd);
    reader();
    return { records, exitCode, output: text };
  } finally {
    clearInterval(timer);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What `--disable-gc` gives the test processes. V8 has no switch to turn collection off (Python
 * has `gc.disable()`); a young generation fixed at 64 MB is the nearest: scavenges, the
 * collections a benchmark's garbage causes, become rare (an allocating loop measured here: 202
 * collections with the default, 12 with these flags). Old-generation collections still run.
 */
export const RARE_GC_FLAGS = ['--min-semi-space-size=64', '--max-semi-space-size=64'];

function nodeArgs(options: RunFilesOptions): string[] {
  const args = ['--expose-gc', ...(options.rareGc ? RARE_GC_FLAGS : [])];
  if (options.files.some(isTypeScript)) args.push('--import', REGISTER_MODULE.href);
  args.push('--test', '--test-concurrency=1', '--test-reporter=spec');
  if (options.namePattern !== undefined) args.push(`--test-name-pattern=${options.namePattern}`);
  return [...args, ...options.files];
}

function runNode(args: string[], settings: BenchSettings, cwd?: string): Promise<{ exitCode: number; text: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, [BENCH_ENV]: JSON.stringify(settings) };
  // Set when hotpath bench itself runs inside a test: the nested runner would then report to
  // an outer runner that is not listening instead of printing.
  delete env.NODE_TEST_CONTEXT;
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const text = Buffer.concat(chunks).toString('utf8');
      resolve({ exitCode: code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1), text });
    });
  });
}

// Reads the records appended since the last call; a line still being written waits.
function channelReader(file: string, onRecord: (record: ReturnType<typeof parseChannel>[number]) => void): () => void {
  let offset = 0;
  return () => {
    const size = fs.statSync(file).size;
    if (size <= offset) return;
    const buffer = Buffer.alloc(size - offset);
    const fd = fs.openSync(file, 'r');
    try {
      fs.readSync(fd, buffer, 0, buffer.length, offset);
    } finally {
      fs.closeSync(fd);
    }
    const text = buffer.toString('utf8');
    const complete = text.slice(0, text.lastIndexOf('\n') + 1);
    offset += Buffer.byteLength(complete);
    parseChannel(complete).forEach(onRecord);
  };
}
