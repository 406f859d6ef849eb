// What the animated view shows, and how its settings are read from text. Shared by the
// CLI (`particles visualize --n ...`) and the page (`?n=...`), so both refuse the same input
// with the same words. Uses no Node-only API: the page imports this module.
import { demoParticles } from '../demo.js';
import type { Particle } from '../particle.js';
import { randomParticles } from '../random.js';
import { METHODS, type Method } from '../simulator.js';

/** Simulated time advanced by one animation frame, in time units. */
export const FRAME_DT = 0.01;

/** The most particles the view accepts: more make each frame too slow to animate. */
export const MAX_PARTICLES = 10_000;

/** The settings of one view: which particles, advanced with which method. */
export interface ViewConfig {
  /** How many random particles, or `null` for the three-particle demo. */
  n: number | null;
  /** Seed of the random set; unused for the demo. */
  seed: number;
  /** The simulator method each frame calls. */
  method: Method;
}

/** The demo, advanced with the chapter's naive `evolve`. */
export const DEFAULT_CONFIG: ViewConfig = { n: null, seed: 1, method: 'evolve' };

/**
 * Reads an integer written in plain decimal digits, refusing `1e3`, `0x10`, `1.0` and ''
 * (which `Number()` would accept) so that what the user typed is what is used.
 *
 * @throws RangeError naming `what`, when the text is not such an integer in [min, max].
 */
export function parseInteger(text: string, what: string, min: number, max: number, range = `from ${min} to ${max}`): number {
  const value = /^-?\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new RangeError(`${what} must be an integer ${range}, got '${text}'`);
  }
  return value;
}

/** Reads a particle count (1 to {@link MAX_PARTICLES}). @throws RangeError */
export function parseCount(text: string): number {
  return parseInteger(text, 'n', 1, MAX_PARTICLES);
}

/** Reads a seed for {@link randomParticles} (any safe integer). @throws RangeError */
export function parseSeed(text: string): number {
  return parseInteger(text, 'seed', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 'below 2^53 in size');
}

/** Reads a method name, one of {@link METHODS}. @throws RangeError */
export function parseMethod(text: string): Method {
  const method = METHODS.find((m) => m === text);
  if (method === undefined) {
    throw new RangeError(`method must be one of ${METHODS.join(', ')}, got '${text}'`);
  }
  return method;
}

/**
 * The config a page URL asks for: each query parameter present (`n`, `seed`, `method`)
 * replaces the matching field of `defaults` (what the server was started with).
 *
 * @throws RangeError for a parameter that does not parse.
 */
export function configFromQuery(query: URLSearchParams, defaults: ViewConfig): ViewConfig {
  const n = query.get('n');
  const seed = query.get('seed');
  const method = query.get('method');
  return {
    n: n === null ? defaults.n : parseCount(n),
    seed: seed === null ? defaults.seed : parseSeed(seed),
    method: method === null ? defaults.method : parseMethod(method),
  };
}

/** The particles a view starts from: the demo, or `randomParticles(n, seed)`. */
export function initialParticles(config: ViewConfig): Particle[] {
  return config.n === null ? demoParticles() : randomParticles(config.n, config.seed);
}

/** Which particles, e.g. `demo (3 particles)` or `100 random particles, seed 7`. */
export function describeSet(config: ViewConfig): string {
  return config.n === null ? 'demo (3 particles)' : `${config.n} random particles, seed ${config.seed}`;
}

/** A one-line description, e.g. `demo (3 particles), evolve`. */
export function describeConfig(config: ViewConfig): string {
  return `${describeSet(config)}, ${config.method}`;
}
