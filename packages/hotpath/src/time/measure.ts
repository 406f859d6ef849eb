/**
 * One timed run of a command: wall time from spawn to exit on the monotonic clock, user and
 * sys time and maximum resident memory from the kernel (proc.ts), and how it ended.
 */
import { spawn, type StdioOptions } from 'node:child_process';
import { constants } from 'node:os';
import type { TimedCommand } from './command.js';
import { watchPeakRss } from './peak-rss.js';
import { childrenCpuNs } from './proc.js';

/** What one run measured; CPU and memory figures are null where /proc is not available. */
export interface RunFigures {
  realNs: number;
  userNs: number | null;
  sysNs: number | null;
  maxRssKiB: number | null;
  /** The exit code, with a signal folded into 128 + its number as shells do. */
  exitCode: number;
  signal: NodeJS.Signals | null;
}

/** The command could not be started at all (not found, not executable). */
export class CommandStartError extends Error {
  override name = 'CommandStartError';
  constructor(
    readonly command: TimedCommand,
    readonly code: string | undefined,
  ) {
    const why = code === 'ENOENT' ? 'command not found' : code === 'EACCES' ? 'permission denied' : (code ?? 'failed');
    super(`cannot run ${command.file}: ${why}`);
  }
  /** The shell's exit code for it: 127 not found, 126 found but not runnable. */
  get exitCode(): number {
    return this.code === 'ENOENT' ? 127 : 126;
  }
}

/** Runs `command` once and measures it. `stdio` decides where its output goes. */
export function measureRun(command: TimedCommand, stdio: StdioOptions): Promise<RunFigures> {
  return new Promise((resolve, reject) => {
    const cpuBefore = childrenCpuNs();
    const start = process.hrtime.bigint();
    const child = spawn(command.file, command.args, { stdio });
    const peak = child.pid === undefined ? null : watchPeakRss(child.pid);
    child.once('error', (error: NodeJS.ErrnoException) => {
      peak?.stop();
      reject(new CommandStartError(command, error.code));
    });
    child.once('exit', (code, signal) => {
      const realNs = Number(process.hrtime.bigint() - start);
      const maxRssKiB = peak?.stop() ?? null;
      const cpuAfter = childrenCpuNs();
      const exitCode = signal ? 128 + (constants.signals[signal] ?? 0) : (code ?? 1);
      resolve({
        realNs,
        userNs: cpuBefore && cpuAfter ? cpuAfter.userNs - cpuBefore.userNs : null,
        sysNs: cpuBefore && cpuAfter ? cpuAfter.sysNs - cpuBefore.sysNs : null,
        maxRssKiB,
        exitCode,
        signal,
      });
    });
  });
}
