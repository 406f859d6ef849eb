// One frame of the animation, drawn against a small canvas-like interface. The page paints
// it on a <canvas> (web/canvas-painter.ts), the GIF renderer into its own raster
// (raster.ts): one drawing routine, so the GIF shows what the page shows.
import type { Point, Trails } from './trails.js';

/** A colour as red, green, blue in 0..255. */
export type Rgb = readonly [number, number, number];

/** Where a text's x coordinate sits: at its left edge, centre or right edge. */
export type TextAlign = 'left' | 'center' | 'right';

/** What {@link drawScene} needs from a drawing surface. Coordinates are pixels, y down. */
export interface Painter {
  readonly width: number;
  readonly height: number;
  /** Fills the whole surface with `color`. */
  clear(color: Rgb): void;
  /**
   * Strokes the lines through `[x0, y0, x1, y1, ...]` with round joins and flat ends,
   * blended over what is there with opacity `alpha`.
   */
  polyline(xy: readonly number[], width: number, color: Rgb, alpha: number): void;
  /** Fills an opaque disc. */
  disc(x: number, y: number, radius: number, color: Rgb): void;
  /** Writes `text` with its top at `y`; `size` is the height of a digit in pixels. */
  text(text: string, x: number, y: number, size: number, color: Rgb, align: TextAlign): void;
}

/** What one frame shows. */
export interface Scene {
  readonly particles: readonly Point[];
  /** Recent positions, drawn as fading trails; `null` for none. */
  readonly trails: Trails | null;
  /** Simulated time, shown in the corner. */
  readonly time: number;
  /** Half the width of the square of the plane shown, in world units (at least 1). */
  readonly extent: number;
}

export const BACKGROUND: Rgb = [14, 18, 28];
export const AXIS: Rgb = [88, 98, 118];
export const LABEL: Rgb = [160, 170, 188];
/** Particle i is drawn in colour i modulo this list (the demo uses the first three). */
export const PARTICLE_COLORS: readonly Rgb[] = [
  [255, 107, 107],
  [77, 171, 247],
  [255, 212, 59],
  [105, 219, 124],
  [204, 93, 232],
  [255, 146, 43],
  [59, 201, 219],
  [240, 101, 149],
];

/** How many trail bands of decreasing opacity a trail is drawn in. */
const TRAIL_BANDS = 6;

/** Maps the plane to pixels: the origin at the centre, y up, `extent` to the nearer edge. */
interface Viewport {
  readonly cx: number;
  readonly cy: number;
  /** Pixels per world unit. */
  readonly scale: number;
  /** Pixels per 1/360 of the shorter side: line widths and text scale with the surface. */
  readonly unit: number;
}

/** The colour of particle `index`. */
export function particleColor(index: number): Rgb {
  return PARTICLE_COLORS[index % PARTICLE_COLORS.length]!;
}

/** Every colour {@link drawScene} draws with for `count` particles (for a GIF palette). */
export function sceneInks(count: number): Rgb[] {
  const particles = PARTICLE_COLORS.slice(0, Math.min(count, PARTICLE_COLORS.length));
  return [AXIS, LABEL, ...particles];
}

/**
 * The extent that shows every particle of the set with a margin: the particles keep their
 * distance from the origin (the Euler methods drift outwards by about 1e-5 per time unit),
 * so the view is fixed once from the starting positions.
 */
export function sceneExtent(particles: readonly Point[]): number {
  const radius = particles.reduce((r, p) => Math.max(r, Math.hypot(p.x, p.y)), 1);
  return radius * 1.12;
}

/** Draws one frame: background, axes from -1 to 1, trails, particles and the time. */
export function drawScene(painter: Painter, scene: Scene): void {
  const view = viewport(painter, scene.extent);
  painter.clear(BACKGROUND);
  drawAxes(painter, view);
  if (scene.trails !== null) {
    drawTrails(painter, view, scene.trails, particleRadius(view, scene.particles.length));
  }
  drawParticles(painter, view, scene.particles);
  painter.text(`t = ${scene.time.toFixed(2)}`, 8 * view.unit, 8 * view.unit, 10 * view.unit, LABEL, 'left');
}

function viewport(painter: Painter, extent: number): Viewport {
  const side = Math.min(painter.width, painter.height);
  return {
    cx: painter.width / 2,
    cy: painter.height / 2,
    scale: side / 2 / extent,
    unit: side / 360,
  };
}

function toPixels(view: Viewport, x: number, y: number): [number, number] {
  return [view.cx + x * view.scale, view.cy - y * view.scale];
}

/** Both axes from -1 to 1, ticks every 0.5, labels at the ends. */
function drawAxes(painter: Painter, view: Viewport): void {
  const width = Math.max(1, view.unit);
  painter.polyline([...toPixels(view, -1, 0), ...toPixels(view, 1, 0)], width, AXIS, 1);
  painter.polyline([...toPixels(view, 0, -1), ...toPixels(view, 0, 1)], width, AXIS, 1);
  const tick = 4 * view.unit;
  for (const at of [-1, -0.5, 0.5, 1]) {
    const [x, y0] = toPixels(view, at, 0);
    painter.polyline([x, y0 - tick, x, y0 + tick], width, AXIS, 1);
    const [x0, y] = toPixels(view, 0, at);
    painter.polyline([x0 - tick, y, x0 + tick, y], width, AXIS, 1);
  }
  const size = 8 * view.unit;
  for (const at of [-1, 1]) {
    const [x, y0] = toPixels(view, at, 0);
    painter.text(String(at), x, y0 + 2 * tick, size, LABEL, 'center');
    const [x0, y] = toPixels(view, 0, at);
    painter.text(String(at), x0 - 2 * tick, y - size / 2, size, LABEL, 'right');
  }
}

/**
 * Each trail in {@link TRAIL_BANDS} polylines, older bands fainter: a few strokes per
 * particle instead of one per segment keeps a thousand-particle page fast.
 */
function drawTrails(painter: Painter, view: Viewport, trails: Trails, radius: number): void {
  const band = Math.ceil(trails.capacity / TRAIL_BANDS);
  const width = Math.max(1, radius / 2.5);
  for (let i = 0; i < trails.count; i++) {
    for (let b = 0; b < TRAIL_BANDS; b++) {
      // Bands share their end point with the next band's start, so the trail is unbroken.
      const xy = trails.slice(i, b * band, (b + 1) * band + 1);
      if (xy.length < 4) continue;
      const alpha = 0.1 + (0.6 * (b + 1)) / TRAIL_BANDS;
      painter.polyline(pointsToPixels(view, xy), width, particleColor(i), alpha);
    }
  }
}

function pointsToPixels(view: Viewport, xy: readonly number[]): number[] {
  return xy.map((v, k) => (k % 2 === 0 ? view.cx + v * view.scale : view.cy - v * view.scale));
}

function drawParticles(painter: Painter, view: Viewport, particles: readonly Point[]): void {
  const radius = particleRadius(view, particles.length);
  particles.forEach((p, i) => {
    painter.disc(...toPixels(view, p.x, p.y), radius, particleColor(i));
  });
}

/** Discs shrink as particles multiply, so a thousand still leave the plane visible. */
function particleRadius(view: Viewport, count: number): number {
  return Math.max(1.2, (6 * view.unit) / Math.max(1, count / 3) ** 0.25);
}
