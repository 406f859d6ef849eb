/**
 * The Node processes a profiled program starts (`fork`, `spawn('node', ...)`, `execFile` of
 * `process.execPath`). Without `--include-children` they run as under `node`: the preload
 * takes its flags out of `process.execArgv` (which `fork` passes on) and its settings out
 * of the environment, so a child sees neither and does nothing. With it, the settings stay
 * in the environment (marked as a descendant's) and `NODE_OPTIONS` gains the preload, which
 * reaches every child node, however it is started, as long as the program passes the
 * environment on; each child then writes its own capture (`process-<pid>.json`) beside the
 * main one, and so do its children.
 */
import * as path from 'node:path';
import { childCapturePath } from './capture-file.js';
import { CONFIG_ENV, type ChildConfig } from './config.js';

/** Takes the flags `hotpath` gave node (the preload, its capture source's) out of `process.execArgv`. */
export function cleanExecArgv(config: ChildConfig, preloadUrl: string): void {
  const own = new Set(config.nodeFlags);
  const argv = process.execArgv;
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--import' && argv[i + 1] === preloadUrl) i++;
    else if (argv[i] !== `--import=${preloadUrl}` && !own.has(argv[i]!)) kept.push(argv[i]!);
  }
  argv.splice(0, argv.length, ...kept);
}

/** Where this process writes its capture: the main one's path, or a child's beside it. */
export function processOutput(config: ChildConfig): string {
  return config.descendant ? childCapturePath(path.dirname(config.output), process.pid) : config.output;
}

/** Leaves the settings to the program's child processes (`--include-children`). */
export function passToChildren(config: ChildConfig, preloadUrl: string): void {
  const inherited: ChildConfig = { ...config, descendant: true };
  delete inherited.stopFd; // the first process's pipe
  process.env[CONFIG_ENV] = JSON.stringify(inherited);
  if (config.descendant) return; // NODE_OPTIONS already holds the preload
  const quoted = `"--import=${preloadUrl.replace(/(["\\])/g, '\\$1')}"`;
  process.env.NODE_OPTIONS = [process.env.NODE_OPTIONS, quoted].filter(Boolean).join(' ');
}
