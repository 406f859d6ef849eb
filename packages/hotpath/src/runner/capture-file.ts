/**
 * The capture file: what the profiled process hands back to `hotpath profile`, raw (its
 * capture source's data: V8's, a recorder's), written atomically when the program ends. The parent
 * turns it into a {@link Profile}; keeping that work out of the program's process keeps
 * its exit quick and its globals untouched.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomicSync } from '../atomic-file.js';
import type { Ending } from './flush.js';
import type { WorkerUrls } from './threads.js';

/** The `format` marker of a capture file. */
export const CAPTURE_FORMAT = 'hotpath-capture';

/** The contents of a capture file. */
export interface CaptureFile extends Ending {
  format: typeof CAPTURE_FORMAT;
  version: 1;
  /** The capture source that wrote it (sources/index.ts). */
  source: string;
  /** Start of the capture, ISO 8601. */
  startTime: string;
  /** From the start of the capture to its end, ns. */
  durationNs: number;
  nodeVersion: string;
  /** The program's working directory when it started. */
  cwd: string;
  /** The source's capture (its `collect()`), read back by the source's `profile`. */
  data: unknown;
  /** The thread that wrote this part: 0 the main thread, else a worker's `threadId`. */
  threadId?: number;
  /** The workers this thread started (thread id -> script URL). */
  workers?: WorkerUrls;
  /** The process: its pid, its parent's, and its argv after node. */
  pid?: number;
  ppid?: number;
  argv?: string[];
  /** TypeScript files of ES module packages this thread ran as CommonJS (cjs.ts). */
  requiredAsCommonJs?: string[];
}

/**
 * Where thread `id` writes its part of the capture: the main thread's is `output` itself,
 * a worker's sits beside it, so that each thread writes its own file (no thread waits on
 * another to write, and a worker that never ends cleanly cannot spoil the main thread's).
 */
export function threadPartPath(output: string, id: number): string {
  return id === 0 ? output : `${output}.thread-${id}`;
}

/** The parts of a capture written so far: the main thread's first, then the workers' by id. */
export function readCaptureParts(output: string): CaptureFile[] {
  const main = readCapture(output);
  if (!main) return [];
  const prefix = `${path.basename(output)}.thread-`;
  const workers = readdirSync(path.dirname(output))
    .filter((name) => name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length)))
    .map((name) => readCapture(path.join(path.dirname(output), name)))
    .filter((part): part is CaptureFile => part !== null);
  return [main, ...workers.sort((a, b) => (a.threadId ?? 0) - (b.threadId ?? 0))];
}

/** The captures of the program's child processes (`--include-children`) in `dir`, by pid. */
export function childCapturePaths(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /^process-\d+\.json$/.test(name))
    .sort((a, b) => Number(a.slice(8, -5)) - Number(b.slice(8, -5)))
    .map((name) => path.join(dir, name));
}

/** Where a child process of the program writes its capture (`--include-children`). */
export function childCapturePath(dir: string, pid: number): string {
  return path.join(dir, `process-${pid}.json`);
}

/** Writes a capture file atomically (see atomic-file.ts). */
export function writeCaptureSync(file: string, capture: CaptureFile): void {
  writeFileAtomicSync(file, JSON.stringify(capture));
}

/** Reads a capture file; `null` when the process ended before writing one. */
export function readCapture(file: string): CaptureFile | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const capture = JSON.parse(text) as CaptureFile;
  if (capture.format !== CAPTURE_FORMAT) throw new Error(`${file} is not a hotpath capture`);
  return capture;
}
