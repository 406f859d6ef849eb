// gprof2dot's default colour map ("color" theme), so graphs look the way Python users know
// them: hue, saturation and lightness interpolated from dark blue (cold) to red (hot), in HSL.
// See `Theme` and `TEMPERATURE_COLORMAP` in https://github.com/jrfonseca/gprof2dot.

const COLD: readonly [number, number, number] = [2 / 3, 0.8, 0.25];
const HOT: readonly [number, number, number] = [0, 1, 0.5];
const MIN_PEN_WIDTH = 0.5;
const MAX_PEN_WIDTH = 4;

/** The colour of a share of the total, `weight` in [0, 1], as `#rrggbb`. */
export function heatColor(weight: number): string {
  const w = Math.min(Math.max(weight, 0), 1);
  const [h, s, l] = COLD.map((cold, i) => cold + w * (HOT[i]! - cold)) as [number, number, number];
  return '#' + hslToRgb(h, s, l).map(hexByte).join('');
}

function hexByte(channel: number): string {
  return Math.round(channel * 255)
    .toString(16)
    .padStart(2, '0');
}

/** gprof2dot's edge pen width for a share of the total. */
export function penWidth(weight: number): number {
  return Math.max(weight * MAX_PEN_WIDTH, MIN_PEN_WIDTH);
}

/** gprof2dot's arrow size: it grows with the square root of the pen width. */
export function arrowSize(weight: number): number {
  return 0.5 * Math.sqrt(penWidth(weight));
}

// CSS3's HSL -> RGB (http://www.w3.org/TR/css3-color/#hsl-color), as gprof2dot computes it.
function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  const m2 = l <= 0.5 ? l * (s + 1) : l + s - l * s;
  const m1 = l * 2 - m2;
  return [hueToRgb(m1, m2, h + 1 / 3), hueToRgb(m1, m2, h), hueToRgb(m1, m2, h - 1 / 3)];
}

function hueToRgb(m1: number, m2: number, hue: number): number {
  const h = hue < 0 ? hue + 1 : hue > 1 ? hue - 1 : hue;
  if (h * 6 < 1) return m1 + (m2 - m1) * h * 6;
  if (h * 2 < 1) return m2;
  if (h * 3 < 2) return m1 + (m2 - m1) * (2 / 3 - h) * 6;
  return m1;
}
