// Trace mode: deterministic profiling like cProfile. The transform (instrument.ts) makes
// every function report its calls; the recorder (recorder.ts) builds the call tree; the
// snapshot and profile builders turn it into the profile model. See README.md here.
export { instrument, withInlineMap, idAllocatorFrom, sharedIdAllocator, threadIdAllocator } from './instrument.js';
export type { FunctionSite, IdAllocator, InstrumentOptions, InstrumentResult } from './instrument.js';
export { createLoaderTransform, readInputMap, type LoaderTransform, type LoaderTransformOptions } from './loader.js';
export { createRecorder, ActivationCell, CALIBRATION_ID } from './recorder.js';
export type { Clock, FrameRecord, FunctionInfo, RawTree, Recorder, TraceRuntime } from './recorder.js';
export { installRecorder, traceSnapshot, type SnapshotOptions } from './install.js';
export { snapshotFromRaw, ROOT_NAME, type TraceSnapshot } from './snapshot.js';
export { buildTraceProfile, traceNotes, type TraceMeta } from './profile.js';
export { RUNTIME_GLOBAL } from './protocol.js';
