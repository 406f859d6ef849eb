/**
 * The node options that make V8 write the log sample mode's line times come from.
 *
 * - `--prof`: V8's tick sampler; every tick records the whole stack as code addresses
 *   (unlike the inspector's cpuprofile, whose `positionTicks` are the leaf's line only).
 * - `--log-source-position`: each code object's position table (`code-source-info`) and
 *   each script's source (`script-source`), to turn addresses into lines.
 * - `--logfile=DIR/v8.log` with per-isolate files (the default): Node's module hooks run
 *   in a second isolate; two isolates writing one file corrupt it. V8 names each file
 *   `DIR/isolate-<address>-<pid>-v8.log`.
 * - `--prof-sampling-interval` (µs): V8's flag; node refuses `--interval`.
 * - `--no-sparkplug`: baseline (Sparkplug) code is logged without a position table, so its
 *   ticks could not be placed on a line; without it code goes from the interpreter (whose
 *   ticks carry the bytecode offset) straight to optimised code (which has a table).
 */
import * as path from 'node:path';

/** Node options for a V8 log of ticks in `dir`, sampled every `intervalUs`. */
export function v8LogFlags(dir: string, intervalUs: number): string[] {
  return [
    '--prof',
    '--log-source-position',
    `--logfile=${path.join(dir, 'v8.log')}`,
    '--logfile-per-isolate',
    `--prof-sampling-interval=${Math.max(1, Math.round(intervalUs))}`,
    '--no-sparkplug',
  ];
}

/** Whether a file name is one of the per-isolate logs {@link v8LogFlags} asks for. */
export function isV8Log(name: string): boolean {
  return /^isolate-.*-v8\.log$/.test(name);
}
