// The programmatic API: cProfile's Profile for in-process code, and whole programs run
// like `hotpath profile` does.
export { Profiler, type ProfilerOptions } from './profiler.js';
export { profile, type ProfileResult } from './profile.js';
export { memoryProfile, type MemoryProfileOptions, type MemoryProfileResult } from './memory.js';
export type { MemoryBackend } from '../capture/memory/clock.js';
export { run, type RunOptions, type RunResult } from './run.js';
export type { CaptureMode, CountMethod } from '../runner/config.js';
