// The animation as an animated GIF, rendered without a browser: the page's drawScene paints
// each frame into a Raster, and gifenc encodes it.
import gifenc from 'gifenc';
import type { ViewConfig } from './config.js';
import { BACKGROUND, drawScene, sceneInks, type Rgb } from './draw.js';
import { Playback } from './playback.js';
import { Raster } from './raster.js';

/** Delay between GIF frames: 20 ms, 50 frames per second (browsers slow anything under 20 ms). */
export const GIF_FRAME_DELAY_MS = 20;

/** How to render a GIF. */
export interface GifOptions {
  /** How many frames, each one FRAME_DT of simulated time; the first shows time 0. */
  frames: number;
  /** Width and height in pixels. */
  size: number;
  /** Called after each frame is encoded, with the count done so far. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Renders the animation `config` describes to the bytes of a looping GIF89a.
 *
 * One global palette serves every frame: the background plus, for each colour the scene
 * uses, shades blended from the background towards it (which is what anti-aliased edges
 * and faded trails are). Frames after the first mark unchanged pixels transparent and leave
 * the previous frame in place, so each stores only what moved and the file stays small.
 */
export function renderGif(config: ViewConfig, options: GifOptions): Uint8Array {
  const { frames, size } = options;
  const playback = new Playback(config);
  const palette = shadePalette(sceneInks(playback.particles.length));
  // One spare slot past the real colours is the transparent index; applyPalette never picks it.
  const transparentIndex = palette.length;
  const raster = new Raster(size, size);
  const encoder = gifenc.GIFEncoder();
  // Every frame stays on screen under the next (dispose 1), whose transparent pixels show it.
  const common = { delay: GIF_FRAME_DELAY_MS, dispose: 1 };
  let previous: Uint8Array | null = null;
  for (let frame = 0; frame < frames; frame++) {
    if (frame > 0) playback.step();
    drawScene(raster, playback.scene());
    const index = gifenc.applyPalette(raster.rgba, palette);
    if (previous === null) {
      // The first frame carries the global palette (with the spare slot) and loops forever.
      encoder.writeFrame(index, size, size, {
        ...common,
        palette: [...palette, [0, 0, 0]],
        repeat: 0,
      });
    } else {
      const delta = unchangedToTransparent(index, previous, transparentIndex);
      encoder.writeFrame(delta, size, size, { ...common, transparent: true, transparentIndex });
    }
    previous = index;
    options.onProgress?.(frame + 1, frames);
  }
  encoder.finish();
  return encoder.bytes();
}

/**
 * The background, then for each ink as many evenly spaced shades between the background and
 * the ink as fit in 255 colours (the 256th is kept for transparency).
 */
export function shadePalette(inks: readonly Rgb[]): number[][] {
  const palette: number[][] = [[...BACKGROUND]];
  const shades = Math.floor(254 / inks.length);
  for (const ink of inks) {
    for (let s = 1; s <= shades; s++) {
      palette.push(BACKGROUND.map((b, c) => Math.round(b + ((ink[c]! - b) * s) / shades)));
    }
  }
  return palette;
}

function unchangedToTransparent(index: Uint8Array, previous: Uint8Array, transparent: number): Uint8Array {
  return index.map((value, i) => (value === previous[i] ? transparent : value));
}
