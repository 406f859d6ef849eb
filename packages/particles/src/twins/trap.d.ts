// Types for trap.js, written by hand: the main project does not read .js files (no
// `allowJs`; see tsconfig.json here). Same API as the library's Particle and
// ParticleSimulator.

/** A particle of the class-field trap twin: fields declared `x; y; angVel;`. */
export declare class Particle {
  x: number;
  y: number;
  angVel: number;
  constructor(x: number, y: number, angVel: number);
}

/** The class-field trap twin of the library's ParticleSimulator. */
export declare class ParticleSimulator {
  readonly particles: Particle[];
  constructor(particles: Particle[]);
  evolve(dt: number): void;
  evolveFast(dt: number): void;
  evolveExact(dt: number): void;
  advance(method: 'evolve' | 'evolveFast' | 'evolveExact', dt: number): void;
}
