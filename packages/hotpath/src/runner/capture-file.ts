/**
 * The capture file: what the profiled process hands back to `hotpath profile`, raw (V8's
 * data, or the trace recorder's), written atomically when the program ends. The parent
 * turns it into a {@link Profile}; keeping that work out of the program's process keeps
 * its exit quick and its globals untouched.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { LinesSampleData } from '../capture/lines-sample/protocol.js';
import type { SampleData } from '../capture/sample-profile.js';
import type { CaptureMode } from './config.js';
import type { Ending } from './flush.js';

/** The `format` marker of a capture file. */
export const CAPTURE_FORMAT = 'hotpath-capture';

/** The contents of a capture file. */
export interface CaptureFile extends Ending {
  format: typeof CAPTURE_FORMAT;
  version: 1;
  mode: CaptureMode;
  /** Sampling interval asked for, ns. */
  intervalNs: number;
  /** Start of the capture, ISO 8601. */
  startTime: string;
  /** From the start of the capture to its end, ns. */
  durationNs: number;
  nodeVersion: string;
  /** The program's working directory when it started. */
  cwd: string;
  /** Sample mode's data. */
  sample?: SampleData;
  /** Trace mode's data: the recorder's snapshot. */
  trace?: unknown;
  /** Sample mode's line capture (`hotpath lines`): counters and what they count. */
  lineSample?: LinesSampleData;
  /** Trace mode's line capture (`hotpath lines --mode trace`): capture/lines-trace/capture.ts. */
  lineTrace?: unknown;
}

/** Writes a capture file atomically (a temporary file, flushed, then renamed). */
export function writeCaptureSync(file: string, capture: CaptureFile): void {
  const text = JSON.stringify(capture);
  const temp = `${file}.${process.pid}.tmp`;
  try {
    const fd = openSync(temp, 'w');
    try {
      writeFileSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
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
