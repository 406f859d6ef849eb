/**
 * The preload of a profiled program (`node --import <this> script args`), run on the
 * program's main thread before its first module. In this order, it:
 * 1. finds the capture source the settings name (sources/index.ts) and starts it: it loads
 *    its own modules and installs what instrumented code calls (call counters, a recorder):
 *    loaded before the hooks exist, hotpath's code never passes through them;
 * 2. registers the module hooks (hooks.ts: TypeScript, the source's transform) and the
 *    CommonJS hooks (cjs.ts), and has the program's errors shown as without hotpath
 *    (program-errors.ts);
 * 3. tells the source the program starts (`begin`: sample mode starts V8's sampler there);
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
import { isMainThread, threadId } from 'node:worker_threads';
import { installCommonJsHooks, requiredAsCommonJs } from './cjs.js';
import { CAPTURE_FORMAT, threadPartPath, writeCaptureSync } from './capture-file.js';
import { cleanExecArgv, passToChildren, processOutput } from './children.js';
import { isInstrumented, takeChildConfig } from './config.js';
import { onProgramEnd, onThreadEnd, type Ending } from './flush.js';
import { exitOnOwnErrors } from './own-errors.js';
import { showErrorsAsWithoutHotpath } from './program-errors.js';
import { listenForStop } from './stop-listener.js';
import { PROGRAM_START_KEY, sourceNamed, type Capture, type ModuleTransform, type ThreadContext } from './sources/index.js';
import { newShare, takeShare, watchWorkers, type ThreadShare } from './threads.js';
import { isTypeScript } from './typescript-file.js';

const PRELOAD_URL = import.meta.url;
const share = isMainThread ? mainThreadShare() : takeShare();
if (share) await startProfiling(share);

/** The main thread's settings (from the environment), made ready for its workers and children. */
function mainThreadShare(): ThreadShare | null {
  const config = takeChildConfig();
  if (!config) return null;
  cleanExecArgv(config, PRELOAD_URL);
  if (config.includeChildren) passToChildren(config, PRELOAD_URL);
  // A TypeScript program's errors show as under tsx, which turns Node's source maps on, and
  // so do a program's that node was told to map (`--enable-source-maps`).
  const programMaps = (process.argv[1] !== undefined && isTypeScript(process.argv[1])) || process.sourceMapsEnabled === true;
  return newShare({ ...config, output: processOutput(config), programMaps });
}

async function startProfiling(share: ThreadShare): Promise<void> {
  const { config } = share;
  // hotpath's own errors end the process, so the main thread watches for them.
  if (isMainThread) exitOnOwnErrors(config.output);
  const output = threadPartPath(config.output, threadId);
  const source = sourceNamed(config.source);
  const thread: ThreadContext = {
    source: source.name,
    settings: source.forThread ? source.forThread(config.settings, output) : config.settings,
    instrumentNodeModules: config.instrumentNodeModules,
    programPackage: config.programPackage,
    idCounter: new SharedArrayBuffer(4),
    programMaps: config.programMaps ?? false,
  };
  // Before any capture starts: starting its worker takes the main thread a few ms.
  const stopListener = config.stopFd === undefined || !isMainThread ? null : listenForStop(config.stopFd);
  const capture = await source.start(thread);
  installHooks(thread, (await source.transform?.(thread)) ?? null);
  showErrorsAsWithoutHotpath({ programMaps: thread.programMaps });
  capture.begin?.(); // where the capture starts: hotpath's start-up is nobody's
  let startTime = new Date().toISOString();
  let start = process.hrtime.bigint();
  onProgramStart(capture, () => {
    startTime = new Date().toISOString();
    start = process.hrtime.bigint();
  });
  const cwd = process.cwd();
  // What a request from the thread that created this worker runs (it is about to stop it).
  let writePart = (): void => {};
  const watch = watchWorkers(share, () => writePart());
  const write = (ending: Ending): void => {
    watch.flushWorkers(); // their parts first: the program's end ends them
    const data = capture.collect();
    writeCaptureSync(output, {
      format: CAPTURE_FORMAT,
      version: 1,
      source: config.source,
      startTime,
      durationNs: Number(process.hrtime.bigint() - start),
      nodeVersion: process.version,
      cwd,
      ...ending,
      data,
      threadId,
      workers: watch.workers,
      pid: process.pid,
      ppid: process.ppid,
      argv: process.argv.slice(1),
      requiredAsCommonJs: [...requiredAsCommonJs],
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
 * The first program-start call of an instrumented module (hooks.ts) starts the capture's
 * and the duration's clock again; later ones do nothing.
 */
function onProgramStart(capture: Capture, restart: () => void): void {
  if (!capture.programStart) return;
  let started = false;
  const programStart = (): void => {
    if (started) return;
    started = true;
    capture.programStart!();
    restart();
  };
  Object.defineProperty(globalThis, Symbol.for(PROGRAM_START_KEY), { value: programStart, configurable: true });
}

/**
 * Registers the module hooks, and the CommonJS side of the transform they apply (if any).
 * Called after hotpath's own modules are loaded (so they never pass through the hooks) and
 * after the runtime that instrumented code calls is installed.
 */
function installHooks(data: ThreadContext, transform: ModuleTransform | null): void {
  register(new URL('./hooks.js', import.meta.url), { data });
  const { programMaps } = data;
  if (!transform) return installCommonJsHooks({ programMaps });
  installCommonJsHooks({
    programMaps,
    transform: {
      // ES modules are named by URL, as V8 and the module hooks name them; CommonJS by path.
      apply: (code, filename, format) => transform(code, format === 'module' ? pathToFileURL(filename).href : filename, format),
      traces: (filename) => isInstrumented(pathToFileURL(filename).href, data),
    },
  });
}
