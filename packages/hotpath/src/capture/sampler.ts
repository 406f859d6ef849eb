import type { InspectorSession } from './inspector.js';
import type { V8CpuProfile } from './v8-types.js';

/**
 * Starts V8's sampling profiler.
 *
 * @param intervalNs - sampling interval asked for; V8 takes whole microseconds and, on this
 *   kind of machine, really samples about every interval + 65 us.
 */
export function startSampling(session: InspectorSession, intervalNs: number): void {
  session.post('Profiler.enable');
  // Must precede Profiler.start: V8 reads the interval only when a profile starts.
  session.post('Profiler.setSamplingInterval', { interval: Math.max(1, Math.round(intervalNs / 1000)) });
  session.post('Profiler.start');
}

/** Stops the sampler and returns what it recorded. */
export function stopSampling(session: InspectorSession): V8CpuProfile {
  return session.post<{ profile: V8CpuProfile }>('Profiler.stop').profile;
}
