/**
 * Line profiling inside a running process, as line_profiler swaps a function's code object:
 * the script that defines a picked function is instrumented by `hotpath lines --mode trace`'s
 * transform (insertions only, so lines stay put) and swapped in with V8's LiveEdit
 * (`Debugger.setScriptSource`), while the statement runs; then the original is put back.
 * Existing closures, instances and imports keep working: LiveEdit changes the code of the
 * functions in place. Only function bodies may change (V8 refuses a change to a module's
 * top level), so the script's trailing source map comment is kept as it was.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LineTraceData } from '../capture/lines-trace/capture.js';
import { MappedCode, sourceMapOf } from '../capture/source-maps.js';
import type { MemoryBackend } from '../capture/memory/clock.js';
import type { Profile } from '../model/profile.js';
import { lineTraceProfile, lineTraceTransform, startLineRecorder } from '../runner/lines-trace-bridge.js';
import { memoryProfile, startMemoryRecorder } from '../runner/memory-bridge.js';
import { VERSION } from '../version.js';
import { MagicUsageError } from './arguments.js';

/** A function to measure: what the user typed for it, and its value. */
export interface PickedFunction {
  name: string;
  value: unknown;
}

interface ScriptInfo {
  url: string;
  isModule: boolean;
}

interface Patch {
  scriptId: string;
  original: string;
}

/** Options of {@link profileLinesLive}. */
export interface LiveOptions {
  /** Measure memory instead of time (`hotpath memory`'s recorder, reading this backend). */
  memory?: MemoryBackend;
}

/** Runs `run` with the picked functions' lines measured; the line profile of that run. */
export async function profileLinesLive(
  picked: readonly PickedFunction[],
  run: () => Promise<unknown>,
  label: string[],
  options: LiveOptions = {},
): Promise<{ profile: Profile; error: unknown }> {
  const session = new Session();
  session.connect();
  const scripts = new Map<string, ScriptInfo>();
  session.on('Debugger.scriptParsed', ({ params }) => scripts.set(params.scriptId, { url: params.url, isModule: params.isModule === true }));
  const dir = mkdtempSync(path.join(tmpdir(), 'hotpath-lprun-'));
  const patches: Patch[] = [];
  try {
    await session.post('Debugger.enable');
    const targets = await Promise.all(picked.map((p) => locate(session, scripts, p)));
    const settings = { targets: targets.map((t) => t.target), recordFile: path.join(dir, 'lines.jsonl'), cwd: process.cwd(), backend: options.memory ?? 'heap' };
    const collect = options.memory ? startMemoryRecorder(settings) : lineTraceOf(startLineRecorder(settings));
    const transform = lineTraceTransform(settings, new SharedArrayBuffer(4));
    for (const scriptId of new Set(targets.map((t) => t.scriptId))) patches.push(await patch(session, scriptId, scripts.get(scriptId)!, transform));
    const start = process.hrtime.bigint();
    const startTime = new Date().toISOString();
    let error: unknown = null;
    try {
      await run();
    } catch (thrown) {
      error = thrown;
    }
    const duration = Number(process.hrtime.bigint() - start);
    await restore(session, patches.splice(0));
    const data: LineTraceData = collect();
    const meta = { command: label, interval: null, startTime, duration, nodeVersion: process.version, exitCode: null, signal: null, cwd: process.cwd(), hotpathVersion: VERSION };
    return { profile: options.memory ? memoryProfile(data, settings, meta) : lineTraceProfile(data, meta), error };
  } finally {
    await restore(session, patches).catch(() => {});
    await session.post('Debugger.disable').catch(() => {});
    session.disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}

function lineTraceOf(stop: () => { lineTrace: LineTraceData }): () => LineTraceData {
  return () => stop().lineTrace;
}

/** Where a picked function is: its script, and the `file:line` target the transform reads. */
async function locate(session: Session, scripts: Map<string, ScriptInfo>, picked: PickedFunction): Promise<{ scriptId: string; target: string }> {
  if (typeof picked.value !== 'function') throw new MagicUsageError(`-f ${picked.name}: not a function (${typeof picked.value})`);
  const holder = `__hotpathLprun${process.hrtime.bigint()}`;
  (globalThis as Record<string, unknown>)[holder] = picked.value;
  let location: { scriptId: string; lineNumber: number; columnNumber: number } | undefined;
  try {
    const { result } = await session.post('Runtime.evaluate', { expression: `globalThis.${holder}` });
    const { internalProperties } = await session.post('Runtime.getProperties', { objectId: result.objectId! });
    location = internalProperties?.find((p) => p.name === '[[FunctionLocation]]')?.value?.value;
  } finally {
    delete (globalThis as Record<string, unknown>)[holder];
  }
  const script = location && scripts.get(location.scriptId);
  if (!location || !script) throw new MagicUsageError(`-f ${picked.name}: a built-in or bound function has no source to measure`);
  if (!script.url.startsWith('file:')) {
    throw new MagicUsageError(`-f ${picked.name}: defined at the prompt; %lprun measures functions of modules (put it in a file and import it)`);
  }
  const { scriptSource } = await session.post('Debugger.getScriptSource', { scriptId: location.scriptId });
  const file = fileURLToPath(script.url);
  const map = sourceMapOf(scriptSource, script.url);
  const original = map ? new MappedCode(map.text, map.url).original(location.lineNumber + 1, location.columnNumber) : null;
  return { scriptId: location.scriptId, target: `${original?.file ?? file}:${original?.line ?? location.lineNumber + 1}` };
}

type Transform = ReturnType<typeof lineTraceTransform>;

async function patch(session: Session, scriptId: string, script: ScriptInfo, transform: Transform): Promise<Patch> {
  const { scriptSource: original } = await session.post('Debugger.getScriptSource', { scriptId });
  const measured = transform(original, script.url, script.isModule ? 'module' : 'commonjs')?.code ?? original;
  const instrumented = closersApart(keepMapComment(measured, original), original);
  // Node 20's protocol types predate `status` (V8 answers with it rather than failing).
  const { status } = (await session.post('Debugger.setScriptSource', { scriptId, scriptSource: instrumented })) as { status?: string };
  if (status !== undefined && status !== 'Ok') throw new Error(`V8 would not swap in the measured code of ${fileURLToPath(script.url)} (${status})`);
  return { scriptId, original };
}

async function restore(session: Session, patches: Patch[]): Promise<void> {
  for (const { scriptId, original } of patches.reverse()) {
    const { status } = (await session.post('Debugger.setScriptSource', { scriptId, scriptSource: original })) as { status?: string };
    if (status !== undefined && status !== 'Ok') throw new Error(`V8 would not put back the original code of script ${scriptId} (${status}): it runs on measured`);
  }
}

const MAP_COMMENT = /\/\/[#@] sourceMappingURL=\S+\s*$/;

/** The instrumented code with the original's map comment: the one top-level change V8 would refuse. */
function keepMapComment(instrumented: string, original: string): string {
  const before = MAP_COMMENT.exec(original);
  const after = MAP_COMMENT.exec(instrumented);
  if (!after) return before ? `${instrumented}${original.slice(before.index)}` : instrumented;
  // Without a comment of its own the original got the map on a line added for it: that line
  // break goes too. V8 lets the swap in add it, but not the swap back take it away (a change
  // at the top level), and the original would stay instrumented.
  if (!before) return instrumented.slice(0, after.index).replace(/\n$/, '');
  return instrumented.slice(0, after.index) + original.slice(before.index);
}

/**
 * V8 diffs the two sources line by line, then token by token within changed lines. Where the
 * transform inserts code before a function's closing brace (`}finally{...}}` for `}`), the
 * token diff may take the original brace for the first inserted one and put the rest after
 * the function, at the module's top level, which V8 refuses. A line of closing brackets is
 * kept whole on a line of its own, so the line diff pins it. The line numbers of the swapped-in
 * code do not matter: what a counter counts was fixed by the transform.
 */
function closersApart(instrumented: string, original: string): string {
  const before = original.split('\n');
  return instrumented
    .split('\n')
    .map((line, i) => {
      const old = before[i];
      if (old === undefined || line === old || !/^\s*[})\];,]+\s*$/.test(old) || !line.endsWith(old.trim())) return line;
      return `${line.slice(0, line.length - old.trim().length)}\n${old}`;
    })
    .join('\n');
}
