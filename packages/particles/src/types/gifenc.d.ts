// Types for the part of gifenc (https://github.com/mattdesl/gifenc) that src/view/gif.ts
// uses; the package ships none. gifenc is CommonJS whose named exports Node cannot detect,
// so it is imported as a default export.
declare module 'gifenc' {
  /** A colour table: [r, g, b] triples. */
  type Palette = number[][];

  interface FrameOptions {
    palette?: Palette;
    delay?: number;
    repeat?: number;
    transparent?: boolean;
    transparentIndex?: number;
    dispose?: number;
  }

  interface Encoder {
    writeFrame(index: Uint8Array, width: number, height: number, options?: FrameOptions): void;
    finish(): void;
    bytes(): Uint8Array;
  }

  const gifenc: {
    GIFEncoder(options?: { auto?: boolean; initialCapacity?: number }): Encoder;
    applyPalette(rgba: Uint8Array | Uint8ClampedArray, palette: Palette, format?: 'rgb565' | 'rgb444' | 'rgba4444'): Uint8Array;
  };
  export default gifenc;
}
