// The state of a running animation: the simulator, the frame count and the trails. The page
// and the GIF renderer both advance through this class, one FRAME_DT per frame, so a frame
// number means the same positions everywhere.
import type { Particle } from '../particle.js';
import { ParticleSimulator, type Method } from '../simulator.js';
import { createSimulation } from '../engines/create.js';
import type { SyncArraySimulation } from '../engines/simulation.js';
import { FRAME_DT, initialParticles, type ViewConfig } from './config.js';
import { sceneExtent, type Scene } from './draw.js';
import { Trails, type Point } from './trails.js';

/** How many frames of positions a trail keeps by default (1.2 time units). */
export const TRAIL_FRAMES = 120;

/** The engines a view can run on: those that compute on the page's own thread. */
export const VIEW_ENGINES = ['objects', 'typed', 'wasm'] as const;
/** One of {@link VIEW_ENGINES}. */
export type ViewEngine = (typeof VIEW_ENGINES)[number];

/** A simulation advanced frame by frame, with what is needed to draw it. */
export class Playback {
  /** The settings it was started with; `method` may be changed since. */
  readonly config: ViewConfig;
  /** The method each frame calls. Changing it continues from the current positions. */
  method: Method;
  /** Half the width of the square shown, fixed at the start so the view does not jump. */
  readonly extent: number;
  readonly trails: Trails;
  private sim: ParticleSimulator;
  /** The typed or wasm engine frames run on, or null for the library's objects. */
  private fast: SyncArraySimulation | null = null;
  private engineName: ViewEngine = 'objects';
  private frames = 0;
  private startRadii: number[];

  /** @throws RangeError when the config's particles are invalid (see ParticleSimulator). */
  constructor(config: ViewConfig, trailFrames = TRAIL_FRAMES) {
    this.config = config;
    this.method = config.method;
    this.sim = new ParticleSimulator(initialParticles(config));
    this.extent = sceneExtent(this.sim.particles);
    this.trails = new Trails(this.sim.particles.length, trailFrames);
    this.trails.record(this.sim.particles);
    this.startRadii = radii(this.sim.particles);
  }

  /**
   * The engine frames run on. `objects` advances the library's ParticleSimulator with
   * `method`; `typed` and `wasm` run the Euler `evolve` (whatever `method` says), with the
   * same positions bit for bit.
   */
  get engine(): ViewEngine {
    return this.engineName;
  }

  /**
   * Switches the engine; the particles carry on from where they are. Asynchronous because
   * the wasm engine compiles its module the first time.
   *
   * @throws RangeError (as a rejection) for an engine that is not one of {@link VIEW_ENGINES}.
   */
  async setEngine(engine: ViewEngine): Promise<void> {
    if (!(VIEW_ENGINES as readonly string[]).includes(engine)) {
      throw new RangeError(`engine must be one of ${VIEW_ENGINES.join(', ')}, got '${engine}'`);
    }
    this.fast = engine === 'objects' ? null : ((await createSimulation(this.sim.particles, { engine })) as SyncArraySimulation);
    this.engineName = engine;
  }

  /** Frames advanced since the start (or the last reset). */
  get frame(): number {
    return this.frames;
  }

  /**
   * Simulated time, `frame * FRAME_DT`. Computed, not summed frame by frame, so 50 frames
   * read 0.5 exactly rather than an accumulated 0.5000000000000002.
   */
  get time(): number {
    return this.frames * FRAME_DT;
  }

  /** The simulator's particles (live objects: read, do not modify). */
  get particles(): readonly Particle[] {
    return this.sim.particles;
  }

  /** A copy of the current positions. */
  positions(): Point[] {
    return this.sim.particles.map((p) => ({ x: p.x, y: p.y }));
  }

  /** Advances `frames` frames, each one `advance(method, FRAME_DT)` call. */
  step(frames = 1): void {
    if (!Number.isSafeInteger(frames) || frames < 0) {
      throw new RangeError(`frames must be a non-negative integer, got ${frames}`);
    }
    for (let i = 0; i < frames; i++) {
      if (this.fast === null) this.sim.advance(this.method, FRAME_DT);
      else this.stepFast(this.fast);
      this.frames++;
      this.trails.record(this.sim.particles);
    }
  }

  /** One frame on the typed or wasm engine, its positions copied back into the objects drawn. */
  private stepFast(fast: SyncArraySimulation): void {
    fast.evolveSync(FRAME_DT);
    const { x, y } = fast.getArrays();
    this.sim.particles.forEach((p, i) => {
      p.x = x[i]!;
      p.y = y[i]!;
    });
  }

  /** Back to frame 0 with fresh particles from the config (the method and engine are kept). */
  reset(): void {
    this.sim = new ParticleSimulator(initialParticles(this.config));
    this.fast?.setParticles(this.sim.particles);
    this.frames = 0;
    this.trails.clear();
    this.trails.record(this.sim.particles);
    this.startRadii = radii(this.sim.particles);
  }

  /**
   * The largest relative change of a particle's distance from the origin since frame 0.
   * The exact method keeps it at rounding level; the Euler methods drift outwards.
   */
  radiusDrift(): number {
    return radii(this.sim.particles).reduce((worst, r, i) => Math.max(worst, Math.abs(r / this.startRadii[i]! - 1)), 0);
  }

  /** What to draw now; `trails: false` leaves them out. */
  scene(trails = true): Scene {
    return {
      particles: this.sim.particles,
      trails: trails ? this.trails : null,
      time: this.time,
      extent: this.extent,
    };
  }
}

function radii(points: readonly Point[]): number[] {
  return points.map((p) => Math.hypot(p.x, p.y));
}
