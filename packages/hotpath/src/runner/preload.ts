/**
 * The preload of a profiled program (`node --import <this> script args`), run on the
 * program's main thread before its first module. It:
 * 1. registers the module hooks (hooks.ts: TypeScript, trace instrumentation) and the
 *    CommonJS hooks (cjs.ts);
 * 2. starts the capture: in sample mode V8's sampler and block coverage — coverage must
 *    start before the program's modules are compiled, or their counts come out wrong; in
 *    trace mode the recorder (trace-bridge.ts);
 * 3. writes the capture when the program ends, however it ends (flush.ts).
 *
 * Without the settings variable (a worker thread, or a process the program spawns with
 * our execArgv) it does nothing.
 */
import { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';
import { SampleCapture } from '../capture/sample-capture.js';
import { installCommonJsHooks } from './cjs.js';
import { CAPTURE_FORMAT, writeCaptureSync, type CaptureFile } from './capture-file.js';
import { takeChildConfig, type ChildConfig, type LoaderData } from './config.js';
import { onProgramEnd } from './flush.js';
import { isOwnUrl } from './own-code.js';

const config = isMainThread ? takeChildConfig() : null;
if (config) await startProfiling(config);

async function startProfiling(config: ChildConfig): Promise<void> {
  const data: LoaderData = { mode: config.mode, traceNodeModules: config.traceNodeModules };
  register(new URL('./hooks.js', import.meta.url), { data });
  let stop: () => Pick<CaptureFile, 'sample' | 'trace'>;
  if (config.mode === 'trace') {
    const bridge = await import('./trace-bridge.js');
    installCommonJsHooks(bridge.commonJsTransform(data));
    stop = bridge.startRecorder();
  } else {
    installCommonJsHooks();
    const capture = new SampleCapture({ intervalNs: config.intervalNs, counts: true, keepCounts: (url) => !isOwnUrl(url) });
    stop = () => ({ sample: capture.stop() });
  }
  const startTime = new Date().toISOString();
  const start = process.hrtime.bigint();
  const cwd = process.cwd();
  onProgramEnd((ending) => {
    const data = stop();
    const durationNs = Number(process.hrtime.bigint() - start);
    writeCaptureSync(config.output, {
      format: CAPTURE_FORMAT,
      version: 1,
      mode: config.mode,
      intervalNs: config.intervalNs,
      startTime,
      durationNs,
      nodeVersion: process.version,
      cwd,
      ...ending,
      ...data,
    });
  });
}
