/**
 * A point in the plane that circles the origin (0, 0).
 *
 * `angVel` is a signed speed along the circle: positive turns counter-clockwise,
 * negative clockwise. Particles are plain mutable objects: the simulator moves the
 * caller's objects in place.
 */
export class Particle {
  // Declared, not initialised: the build compiles with `useDefineForClassFields: false`,
  // so these emit nothing and the constructor's stores give V8 double fields from the
  // start. (With define semantics they would start as `undefined` and every `p.x += d`
  // would box a heap number; see src/twins/trap.js.)
  x: number;
  y: number;
  angVel: number;

  /**
   * @param x - horizontal position
   * @param y - vertical position
   * @param angVel - signed speed along the circle (distance per time unit)
   */
  constructor(x: number, y: number, angVel: number) {
    this.x = x;
    this.y = y;
    this.angVel = angVel;
  }
}
