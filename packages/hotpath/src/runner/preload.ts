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
 * Without the settings variable (a worker thread, or a process the program spawns with
 * our execArgv) it does nothing.
 */
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import { SampleCapture } from '../capture/sample-capture.js';
import type { ScriptCounts } from '../capture/v8-types.js';
import { installCommonJsHooks } from './cjs.js';
import { CAPTURE_FORMAT, writeCaptureSync, type CaptureFile } from './capture-file.js';
import { isInstrumented, type ChildConfig, type LoaderData, takeChildConfig } from './config.js';
import { onProgramEnd } from './flush.js';
import { isOwnUrl } from './own-code.js';
import { exitOnOwnErrors } from './own-errors.js';
import { listenForStop } from './stop-listener.js';

type Stop = () => Pick<CaptureFile, 'sample' | 'trace' | 'lineSample' | 'lineTrace'>;
type ModuleTransform = (code: string, location: string, format: 'module' | 'commonjs') => string;

const config = isMainThread ? takeChildConfig() : null;
if (config) await startProfiling(config);

async function startProfiling(config: ChildConfig): Promise<void> {
  exitOnOwnErrors(config.output);
  const data: LoaderData = {
    mode: config.mode,
    counts: config.mode === 'sample' ? config.counts : 'none',
    instrumentNodeModules: config.instrumentNodeModules,
    programPackage: config.programPackage,
    idCounter: new SharedArrayBuffer(4),
    countsFile: `${config.output}.functions`,
  };
  if (config.lineSample) {
    data.counts = 'none';
    data.lineSample = { ...config.lineSample, recordFile: `${config.output}.lines` };
  }
  if (config.lineTrace) data.lineTrace = config.lineTrace;
  // Before any capture starts: starting its worker takes the main thread a few ms.
  const stopListener = config.stopFd === undefined ? null : listenForStop(config.stopFd);
  const stop = data.lineTrace ? await startLineTrace(data) : config.mode === 'trace' ? await startTrace(data) : data.lineSample ? await startLineSample(data) : await startSample(config, data);
  const startTime = new Date().toISOString();
  const start = process.hrtime.bigint();
  const cwd = process.cwd();
  const endBySignal = onProgramEnd((ending) => {
    const captured = stop();
    writeCaptureSync(config.output, {
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
    });
  }, stopListener?.raise);
  stopListener?.serve(endBySignal);
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
