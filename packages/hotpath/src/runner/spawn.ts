import { spawn, type StdioOptions } from 'node:child_process';
import { constants } from 'node:os';
import type { Writable } from 'node:stream';
import { preloadUrl } from './child-bundle.js';
import { CONFIG_ENV, type ChildConfig } from './config.js';

/** How to start the profiled program. */
export interface SpawnOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Default `'inherit'`: the program reads and writes the terminal as under `node`. */
  stdio?: StdioOptions;
  /** Extra options for node itself, before the script (`--max-old-space-size=...`). */
  nodeArgs?: string[];
  /**
   * Relay SIGINT, SIGTERM and SIGHUP sent to this process to the program, and stay alive until
   * it has written its profile (the CLI does; a library caller decides for itself).
   * The program stops even in the middle of synchronous code (stop-listener.ts; it gets
   * one more pipe, after its stdio, for that). A second SIGINT kills the program at once,
   * without a profile.
   */
  relaySignals?: boolean;
}

/** How the program ended; `exitCode` folds a signal into 128 + its number, as shells do. */
export interface ChildEnding {
  exitCode: number;
  signal: NodeJS.Signals | null;
}

/** Runs `node --import <preload> script args` with the capture settings, and waits for it. */
export function spawnProfiled(script: string, args: readonly string[], config: ChildConfig, options: SpawnOptions): Promise<ChildEnding> {
  let stdio = options.stdio ?? 'inherit';
  let stopFd: number | undefined;
  if (options.relaySignals) {
    const fds = typeof stdio === 'string' ? [stdio, stdio, stdio] : [...stdio];
    while (fds.length < 3) fds.push(undefined); // as node fills it: no hole before the pipe
    stopFd = fds.push('pipe') - 1;
    stdio = fds;
  }
  const env = { ...(options.env ?? process.env), [CONFIG_ENV]: JSON.stringify({ ...config, stopFd } satisfies ChildConfig) };
  const argv = [...(options.nodeArgs ?? []), '--import', preloadUrl(), script, ...args];
  const child = spawn(process.execPath, argv, { cwd: options.cwd, env, stdio });
  const unrelay = stopFd === undefined ? () => {} : relaySignals(child, child.stdio[stopFd] as Writable);
  return new Promise((resolve, reject) => {
    child.once('error', (error) => {
      unrelay();
      reject(error);
    });
    child.once('exit', (code, signal) => {
      unrelay();
      const exitCode = signal ? 128 + (constants.signals[signal] ?? 0) : (code ?? 1);
      resolve({ exitCode, signal });
    });
  });
}

/**
 * While the program runs this process must not die of SIGINT, or the profile is lost.
 * A terminal's Ctrl-C reaches the program directly too (same process group); relaying
 * covers `kill <pid of hotpath>`. Each signal is also written to the program's `stop`
 * pipe, which reaches it even while it is busy in synchronous code (stop-listener.ts).
 * The program writes its profile once, so a doubled SIGINT is harmless; a second Ctrl-C
 * means "stop now".
 */
function relaySignals(child: ReturnType<typeof spawn>, stop: Writable): () => void {
  stop.on('error', () => {}); // EPIPE: the program has just ended, or closed the pipe
  const relay = (signal: NodeJS.Signals): void => {
    stop.write(`${signal}\n`);
    child.kill(signal);
  };
  let interrupts = 0;
  const onInterrupt = (): void => {
    interrupts++;
    if (interrupts > 1) child.kill('SIGKILL');
    else relay('SIGINT');
  };
  const onTerminate = (): void => relay('SIGTERM');
  const onHangUp = (): void => relay('SIGHUP');
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onTerminate);
  process.on('SIGHUP', onHangUp);
  return () => {
    process.removeListener('SIGINT', onInterrupt);
    process.removeListener('SIGTERM', onTerminate);
    process.removeListener('SIGHUP', onHangUp);
    stop.destroy();
  };
}
