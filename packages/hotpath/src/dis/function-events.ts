/**
 * Where each compiled function is: V8's `--log-function-events` log, whose `interpreter`
 * events (a function compiled to bytecode) come in the order the bytecode is printed:
 *
 * ```text
 * script-details,99,file:///tmp/t.mjs,0,0,
 * function,interpreter,99,12,99,0.003,32745,add
 * ```
 *
 * (script id, start and end offsets in the script, time, timestamp, V8's name). The start is
 * the offset of the parameter list's `(`.
 */

/** One function compiled to bytecode. */
export interface CompiledFunction {
  scriptId: number;
  start: number;
  end: number;
  name: string;
}

/** The log, read: the scripts' URLs and the functions compiled, in order. */
export interface FunctionEvents {
  scripts: Map<number, string>;
  compiled: CompiledFunction[];
}

/** Reads the log text. */
export function parseFunctionEvents(log: string): FunctionEvents {
  const scripts = new Map<number, string>();
  const compiled: CompiledFunction[] = [];
  for (const line of log.split('\n')) {
    if (line.startsWith('script-details,')) {
      const [, id, url] = line.split(',');
      if (url) scripts.set(Number(id), url);
    } else if (line.startsWith('function,interpreter,')) {
      const fields = line.split(',');
      // The name is the last field and may itself hold commas.
      compiled.push({ scriptId: Number(fields[2]), start: Number(fields[3]), end: Number(fields[4]), name: fields.slice(7).join(',') });
    }
  }
  return { scripts, compiled };
}

/** V8's tiers by the marker `--log-code` ends a `code-creation` line with. */
export const TIERS: Record<string, string> = { '~': 'Ignition', '^': 'Sparkplug', '+': 'Maglev', '*': 'TurboFan' };

/** Code for one function made by one tier: `code-creation,JS,kind,time µs,address,size,name,sfi,marker`. */
export interface TierCode {
  sfi: bigint;
  tier: string;
  /** Microseconds since V8's log started (about the process's start). */
  timeUs: number;
}

/** The JavaScript code V8 made, with its tier, from a `--log-code` log. */
export function parseTierCode(log: string): TierCode[] {
  const out: TierCode[] = [];
  for (const line of log.split('\n')) {
    if (!line.startsWith('code-creation,JS,')) continue;
    const fields = line.split(',');
    const tier = TIERS[fields.at(-1) ?? ''];
    const sfi = fields.at(-2);
    if (tier && sfi?.startsWith('0x')) out.push({ sfi: BigInt(sfi), tier, timeUs: Number(fields[3]) });
  }
  return out;
}
