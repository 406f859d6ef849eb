/**
 * The preload of a profiled program (`node --import <this> script args`), run on the
 * program's main thread before its first module. In this order, it:
 * 1. loads hotpath's own modules and installs what instrumented code calls (the call
 *    counters of count-bridge.ts, or trace mode's recorder): loaded before the hooks exist,
 *    hotpath's code never passes through them;
 * 2. registers the module hooks (hooks.ts: TypeScript, instrumentation) and the CommonJS
 *    hooks (cjs.ts);
 * 3. in sample mode, starts V8's sampler (and V8 block coverage with `--counts coverage`,
 *    which must start before the program's modules are compiled, or their counts come out
 *    wrong);
 * 4. writes the capture when the program ends, however it ends (flush.ts), or when
 *    `hotpath profile` asks it to stop, even in the middle of synchronous code
 *    (stop-listener.ts).
 *
 * In a worker thread it does the same for the worker, with the settings the thread that
 * created the worker shares with it (threads.ts), and writes the worker's own part of the
 * capture. Without settings (a process the program spawns, unless `--include-children`:
 * children.ts) it does nothing.
 */
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { runInThisContext } from 'node:vm';
import { isMainThread, threadId } from 'node:worker_threads';
import { SampleCapture } from '../capture/sample-capture.js';
import type { ScriptCounts } from '../capture/v8-types.js';
import { installCommonJsHooks } from './cjs.js';
import { CAPTURE_FORMAT, threadPartPath, writeCaptureSync, type CaptureFile } from './capture-file.js';
import { cleanExecArgv, passToChildren, processOutput } from './children.js';
import { isInstrumented, type ChildConfig, type LoaderData, takeChildConfig } from './config.js';
import { onProgramEnd, onThreadEnd, type Ending } from './flush.js';
import { isOwnUrl } from './own-code.js';
import { exitOnOwnErrors } from './own-errors.js';
import { listenForStop } from './stop-listener.js';
import { newShare, takeShare, watchWorkers, type ThreadShare } from './threads.js';

type Stop = () => Pick<CaptureFile, 'sample' | 'trace' | 'lineSample' | 'lineTrace'>;
type ModuleTransform = (code: string, location: string, format: 'module' | 'commonjs') => string;

const PRELOAD_URL = import.meta.url;
const share = isMainThread ? mainThreadShare() : takeShare();
if (share) await startProfiling(share);

/** The main thread's settings (from the environment), made ready for its workers and children. */
function mainThreadShare(): ThreadShare | null {
  const config = takeChildConfig();
  if (!config) return null;
  cleanExecArgv(config, PRELOAD_URL);
  if (config.includeChildren) passToChildren(config, PRELOAD_URL);
  return newShare({ ...config, output: processOutput(config) });
}

async function startProfiling(share: ThreadShare): Promise<void> {
  const { config } = share;
  // hotpath's own errors end the process, so the main thread watches for them.
  if (isMainThread) exitOnOwnErrors(config.output);
  const output = threadPartPath(config.output, threadId);
  const data: LoaderData = {
    mode: config.mode,
    counts: config.mode === 'sample' ? config.counts : 'none',
    instrumentNodeModules: config.instrumentNodeModules,
    programPackage: config.programPackage,
    idCounter: new SharedArrayBuffer(4),
    countsFile: `${output}.functions`,
  };
  if (config.lineSample) {
    data.counts = 'none';
    data.lineSample = { ...config.lineSample, recordFile: `${output}.lines` };
    markThreadLog();
  }
  // Each thread its own record: slots and counters are per thread.
  if (config.lineTrace) data.lineTrace = { ...config.lineTrace, recordFile: `${output}.line-trace` };
  // Before any capture starts: starting its worker takes the main thread a few ms.
  const stopListener = config.stopFd === undefined || !isMainThread ? null : listenForStop(config.stopFd);
  const stop = data.lineTrace ? await startLineTrace(data) : config.mode === 'trace' ? await startTrace(data) : data.lineSample ? await startLineSample(data) : await startSample(config, data);
  const startTime = new Date().toISOString();
  const start = process.hrtime.bigint();
  const cwd = process.cwd();
  // What a request from the thread that created this worker runs (it is about to stop it).
  let writePart = (): void => {};
  const watch = watchWorkers(share, () => writePart());
  const write = (ending: Ending): void => {
    watch.flushWorkers(); // their parts first: the program's end ends them
    const captured = stop();
    writeCaptureSync(output, {
      format: CAPTURE_FORMAT,
      version: 1,
      mode: config.mode,
      intervalNs: config.intervalNs,
      startTime,
      durationNs: Number(process.hrtime.bigint() - start),
      nodeVersion: process.version,
      cwd,
      ...ending,
      ...captured,
      threadId,
      workers: watch.workers,
      pid: process.pid,
      ppid: process.ppid,
      argv: process.argv.slice(1),
    });
    watch.written();
  };
  if (!isMainThread) {
    writePart = onThreadEnd(write);
    return;
  }
  const endBySignal = onProgramEnd(write, stopListener?.raise);
  stopListener?.serve(endBySignal);
}

/**
 * Sample mode's line capture: V8 writes one log per isolate, named by the isolate's address.
 * A script named for the thread lands in its own log, so the parent can tell whose it is.
 */
function markThreadLog(): void {
  runInThisContext('0', { filename: `hotpath-thread:${threadId}` });
}

/**
 * Registers the module hooks, and the CommonJS side of the transform they apply (if any).
 * Called after hotpath's own modules are loaded (so they never pass through the hooks) and
 * after the runtime that instrumented code calls is installed.
 */
function installHooks(data: LoaderData, transform: ModuleTransform | null): void {
  register(new URL('./hooks.js', import.meta.url), { data });
  if (!transform) return installCommonJsHooks();
  installCommonJsHooks({
    apply: (code, filename) => transform(code, filename, 'commonjs'),
    traces: (filename) => isInstrumented(pathToFileURL(filename).href, data),
  });
}

async function startTrace(data: LoaderData): Promise<Stop> {
  const bridge = await import('./trace-bridge.js');
  const recording = bridge.startRecorder();
  installHooks(data, bridge.loaderTransform(data));
  recording.begin(); // where the profile's duration starts: hotpath's start-up is nobody's
  return recording.stop;
}

/** Trace mode's line capture: line events in the picked functions (runner/lines-trace-bridge.ts). */
async function startLineTrace(data: LoaderData): Promise<Stop> {
  const bridge = await import('./lines-trace-bridge.js');
  const stop = bridge.startLineRecorder(data.lineTrace!);
  installHooks(data, bridge.lineTraceTransform(data.lineTrace!, data.idCounter!));
  return stop;
}

/** Sample mode's line capture: counters in the picked functions; node writes V8's log itself. */
async function startLineSample(data: LoaderData): Promise<Stop> {
  const child = await import('../capture/lines-sample/child.js');
  const counters = child.installLineCounters();
  installHooks(data, child.linesTransform(data.lineSample!, data.idCounter!));
  return () => ({ lineSample: child.collectLines(data.lineSample!, counters) });
}

async function startSample(config: ChildConfig, data: LoaderData): Promise<Stop> {
  let collect: (() => ScriptCounts[]) | null = null;
  if (data.counts === 'instrument') {
    const bridge = await import('./count-bridge.js');
    const counters = bridge.installCounters();
    installHooks(data, bridge.countTransform(data));
    collect = () => bridge.collectCounts(data, counters);
  } else {
    installHooks(data, null);
  }
  // Last: coverage deoptimises everything, and neither source should record the above.
  const capture = new SampleCapture({
    intervalNs: config.intervalNs,
    counts: data.counts === 'coverage',
    keepCounts: (url) => !isOwnUrl(url),
  });
  return () => {
    const sample = capture.stop();
    if (collect) return { sample: { ...sample, counts: collect(), countedBy: 'instrument' } };
    return { sample: data.counts === 'coverage' ? { ...sample, countedBy: 'coverage' } : sample };
  };
}
