/// <reference lib="dom" />
// drawScene's Painter on a browser canvas.
import type { Painter, Rgb, TextAlign } from '../src/view/draw.js';

/** Paints on a 2D canvas context, in the canvas's own (device) pixels. */
export class CanvasPainter implements Painter {
  private readonly context: CanvasRenderingContext2D;

  constructor(context: CanvasRenderingContext2D) {
    this.context = context;
  }

  get width(): number {
    return this.context.canvas.width;
  }

  get height(): number {
    return this.context.canvas.height;
  }

  clear(color: Rgb): void {
    this.context.fillStyle = css(color);
    this.context.fillRect(0, 0, this.width, this.height);
  }

  polyline(xy: readonly number[], width: number, color: Rgb, alpha: number): void {
    const c = this.context;
    c.beginPath();
    c.moveTo(xy[0]!, xy[1]!);
    for (let k = 2; k + 1 < xy.length; k += 2) c.lineTo(xy[k]!, xy[k + 1]!);
    c.lineWidth = width;
    c.lineCap = 'butt'; // trail bands meet end to end: round caps would overlap in dots
    c.lineJoin = 'round';
    c.strokeStyle = css(color);
    c.globalAlpha = alpha;
    c.stroke();
    c.globalAlpha = 1;
  }

  disc(x: number, y: number, radius: number, color: Rgb): void {
    this.context.beginPath();
    this.context.arc(x, y, radius, 0, 2 * Math.PI);
    this.context.fillStyle = css(color);
    this.context.fill();
  }

  text(text: string, x: number, y: number, size: number, color: Rgb, align: TextAlign): void {
    // `size` is the height of a digit; a monospace font's digits are about 0.72 em tall.
    this.context.font = `${Math.round(size / 0.72)}px ui-monospace, monospace`;
    this.context.textAlign = align;
    this.context.textBaseline = 'top';
    this.context.fillStyle = css(color);
    this.context.fillText(text, x, y);
  }
}

function css([r, g, b]: Rgb): string {
  return `rgb(${r}, ${g}, ${b})`;
}
