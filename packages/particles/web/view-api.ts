// The page's state as tests and tools see it: `window.particlesView`.
import type { Method } from '../src/simulator.js';
import type { ViewConfig } from '../src/view/config.js';
import type { Point } from '../src/view/trails.js';
import type { ViewEngine } from '../src/view/playback.js';

/**
 * What the page exposes on `window.particlesView` once it is running. Frames are the unit of
 * progress: each one is `advance(method, frameDt)` on the page's ParticleSimulator, so
 * after `reset()` and `step(k)` the positions equal k such calls made anywhere else.
 */
export interface ParticlesView {
  /** The settings the page started with (server defaults, then query parameters). */
  readonly config: ViewConfig;
  /** The method frames use now (the method menu or `setMethod` change it). */
  readonly method: Method;
  /** Simulated time per frame: 0.01. */
  readonly frameDt: number;
  /** Frames advanced since the start or the last reset. */
  readonly frame: number;
  /** Simulated time, `frame * frameDt`. */
  readonly time: number;
  /** Whether the animation advances by itself. */
  readonly playing: boolean;
  /** A copy of the current positions, in particle order. */
  positions(): Point[];
  /** Largest relative change of a distance from the origin since frame 0. */
  radiusDrift(): number;
  play(): void;
  pause(): void;
  /** Advances `frames` frames at once (default 1) and redraws; playing or not. */
  step(frames?: number): void;
  /** Back to frame 0 with the starting particles; keeps the method and play state. */
  reset(): void;
  /** Switches the method; the particles carry on from where they are. */
  setMethod(method: string): void;
  /** The engine frames run on (the engine menu or `setEngine` change it). */
  readonly engine: ViewEngine;
  /**
   * Switches the engine (objects, typed, wasm: wasm runs the SIMD kernel in the page); the
   * particles carry on from where they are. Resolves once frames run on it.
   */
  setEngine(engine: string): Promise<void>;
}
