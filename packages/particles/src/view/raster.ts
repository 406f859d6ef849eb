// A small anti-aliased rasterizer for what drawScene draws (lines, discs, pixel text), into
// an RGBA buffer: the GIF renderer's stand-in for a browser canvas.
import type { Painter, Rgb, TextAlign } from './draw.js';
import { GLYPH_HEIGHT, glyphPixels, textWidth } from './font.js';

/** An opaque RGBA image (4 bytes per pixel, rows top to bottom) that implements {@link Painter}. */
export class Raster implements Painter {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8ClampedArray;

  constructor(width: number, height: number) {
    if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height) || width < 1 || height < 1) {
      throw new RangeError(`raster size must be positive integers, got ${width}x${height}`);
    }
    this.width = width;
    this.height = height;
    this.rgba = new Uint8ClampedArray(width * height * 4);
  }

  /** The colour of pixel (x, y). */
  pixel(x: number, y: number): Rgb {
    const i = (y * this.width + x) * 4;
    return [this.rgba[i]!, this.rgba[i + 1]!, this.rgba[i + 2]!];
  }

  clear(color: Rgb): void {
    for (let i = 0; i < this.rgba.length; i += 4) {
      this.rgba.set(color, i);
      this.rgba[i + 3] = 255;
    }
  }

  /**
   * Strokes the polyline with round joins and flat (butt) ends, as the page's canvas does.
   * Each pixel takes the largest coverage any segment gives it and is blended once, so
   * joints are not drawn twice (brighter).
   */
  polyline(xy: readonly number[], width: number, color: Rgb, alpha: number): void {
    const half = width / 2;
    const box = this.clip(boundsOf(xy, half + 1));
    if (box === null) return;
    const boxWidth = box.x1 - box.x0;
    const coverage = new Float32Array(boxWidth * (box.y1 - box.y0));
    for (let k = 0; k + 3 < xy.length; k += 2) {
      const segment = [xy[k]!, xy[k + 1]!, xy[k + 2]!, xy[k + 3]!] as const;
      const ends = { start: k === 0, end: k + 4 >= xy.length };
      const sbox = this.clip(boundsOf(segment, half + 1))!;
      for (let y = sbox.y0; y < sbox.y1; y++) {
        for (let x = sbox.x0; x < sbox.x1; x++) {
          const cover = clamp01(half + 0.5 - segmentDistance(x + 0.5, y + 0.5, segment, ends));
          const c = (y - box.y0) * boxWidth + (x - box.x0);
          if (cover > coverage[c]!) coverage[c] = cover;
        }
      }
    }
    coverage.forEach((cover, c) => {
      if (cover > 0) this.blend(box.x0 + (c % boxWidth), box.y0 + Math.floor(c / boxWidth), color, cover * alpha);
    });
  }

  disc(cx: number, cy: number, radius: number, color: Rgb): void {
    const box = this.clip({
      x0: cx - radius - 1,
      y0: cy - radius - 1,
      x1: cx + radius + 1,
      y1: cy + radius + 1,
    });
    if (box === null) return;
    for (let y = box.y0; y < box.y1; y++) {
      for (let x = box.x0; x < box.x1; x++) {
        const cover = clamp01(radius + 0.5 - Math.hypot(x + 0.5 - cx, y + 0.5 - cy));
        if (cover > 0) this.blend(x, y, color, cover);
      }
    }
  }

  /** Pixel text from the built-in 3x5 font, scaled by a whole factor close to `size / 5`. */
  text(text: string, x: number, y: number, size: number, color: Rgb, align: TextAlign): void {
    const scale = Math.max(1, Math.round(size / GLYPH_HEIGHT));
    const width = textWidth(text) * scale;
    const left = Math.round(align === 'left' ? x : align === 'center' ? x - width / 2 : x - width);
    const top = Math.round(y);
    for (const [gx, gy] of glyphPixels(text)) {
      this.fillRect(left + gx * scale, top + gy * scale, scale, scale, color);
    }
  }

  private fillRect(x0: number, y0: number, w: number, h: number, color: Rgb): void {
    const box = this.clip({ x0, y0, x1: x0 + w, y1: y0 + h });
    if (box === null) return;
    for (let y = box.y0; y < box.y1; y++) {
      for (let x = box.x0; x < box.x1; x++) this.blend(x, y, color, 1);
    }
  }

  /** Mixes `color` into pixel (x, y) with opacity `alpha` in [0, 1]. */
  private blend(x: number, y: number, color: Rgb, alpha: number): void {
    const i = (y * this.width + x) * 4;
    for (let channel = 0; channel < 3; channel++) {
      const dst = this.rgba[i + channel]!;
      this.rgba[i + channel] = dst + (color[channel]! - dst) * alpha;
    }
  }

  /** The whole pixels of `box` inside the raster, or null when none are. */
  private clip(box: Box): Box | null {
    const x0 = Math.max(0, Math.floor(box.x0));
    const y0 = Math.max(0, Math.floor(box.y0));
    const x1 = Math.min(this.width, Math.ceil(box.x1));
    const y1 = Math.min(this.height, Math.ceil(box.y1));
    return x0 < x1 && y0 < y1 ? { x0, y0, x1, y1 } : null;
  }
}

/** A rectangle of pixels: x0 <= x < x1, y0 <= y < y1. */
interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

function boundsOf(xy: readonly number[], margin: number): Box {
  const xs = xy.filter((_, k) => k % 2 === 0);
  const ys = xy.filter((_, k) => k % 2 === 1);
  return {
    x0: Math.min(...xs) - margin,
    y0: Math.min(...ys) - margin,
    x1: Math.max(...xs) + margin,
    y1: Math.max(...ys) + margin,
  };
}

/**
 * Distance from (px, py) to the segment [x0, y0, x1, y1]; Infinity for a point beyond an
 * end flagged in `butt` (the polyline's own ends are cut flat, its joints are round).
 */
function segmentDistance(px: number, py: number, [x0, y0, x1, y1]: readonly [number, number, number, number], butt: { start: boolean; end: boolean }): number {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : ((px - x0) * dx + (py - y0) * dy) / length2;
  if ((butt.start && t < 0) || (butt.end && t > 1)) return Infinity;
  const along = clamp01(t);
  return Math.hypot(px - (x0 + along * dx), py - (y0 + along * dy));
}

function clamp01(value: number): number {
  return value < 0 ? 0 : value > 1 ? 1 : value;
}
