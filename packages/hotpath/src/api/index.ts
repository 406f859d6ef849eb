// The programmatic API: cProfile's Profile for in-process code, whole programs run like
// `hotpath profile` does, and IPython's %memit for one call's memory.
export { Profiler, type ProfilerOptions } from './profiler.js';
export { profile, type ProfileResult } from './profile.js';
export { memoryProfile, type MemoryProfileOptions, type MemoryProfileResult } from './memory.js';
export type { MemoryBackend } from '../capture/memory/clock.js';
export { run, type RunOptions, type RunResult } from './run.js';
export { formatMemit, memit, type MemitOptions, type MemitResult } from './memit.js';
export type { CaptureMode, CountMethod } from '../runner/config.js';
