/**
 * The runner's side of `hotpath memory` (../capture/memory/): the line tracer's transform
 * and recorder (lines-trace-bridge.ts), with a recorder whose clock reads memory.
 */
import { collectLineTrace, type LineTraceData } from '../capture/lines-trace/capture.js';
import type { LineTraceMeta } from '../capture/lines-trace/profile.js';
import { LINES_GLOBAL } from '../capture/lines-trace/protocol.js';
import { createLineRecorder } from '../capture/lines-trace/runtime.js';
import { memoryClock } from '../capture/memory/clock.js';
import { buildMemoryProfile } from '../capture/memory/profile.js';
import type { Profile } from '../model/profile.js';
import type { MemorySettings } from './sources/memory.js';

/** Installs the memory recorder; the returned function takes the capture's data. */
export function startMemoryRecorder(settings: MemorySettings): () => LineTraceData {
  const recorder = createLineRecorder(memoryClock(settings.backend), { memory: true });
  Object.defineProperty(globalThis, LINES_GLOBAL, { value: recorder, enumerable: false, writable: true });
  return () => collectLineTrace(settings.recordFile, recorder, settings.targets, settings.cwd, 'memory');
}

/** The profile of a memory capture. */
export function memoryProfile(data: unknown, settings: MemorySettings, meta: LineTraceMeta): Profile {
  return buildMemoryProfile(data as LineTraceData, meta, settings.backend);
}
