// Squarified treemap layout (Bruls, Huizing, van Wijk 2000): rectangles with areas in
// proportion to values and aspect ratios close to 1, so small callees stay clickable. Pure.

/** A rectangle in pixels. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Rectangles for `values` (sorted largest first for good aspect ratios) filling `rect`, in the
 * order of `values`. Rows are laid along the shorter side; a row grows while that improves its
 * worst aspect ratio. Zero values get empty rectangles.
 */
export function squarify(values: readonly number[], rect: Rect): Rect[] {
  const out: Rect[] = values.map(() => ({ x: rect.x, y: rect.y, w: 0, h: 0 }));
  const sum = values.reduce((a, v) => a + Math.max(0, v), 0);
  if (sum <= 0 || rect.w <= 0 || rect.h <= 0) return out;
  const areas = values.map((v) => (Math.max(0, v) * rect.w * rect.h) / sum);
  let { x, y, w, h } = rect;
  let i = 0;
  while (i < areas.length && areas[i]! > 0) {
    const side = Math.min(w, h);
    let end = i + 1;
    let rowArea = areas[i]!;
    while (end < areas.length && areas[end]! > 0) {
      const grown = rowArea + areas[end]!;
      if (worst(areas[i]!, areas[end]!, grown, side) > worst(areas[i]!, areas[end - 1]!, rowArea, side)) break;
      rowArea = grown;
      end++;
    }
    const thickness = rowArea / side;
    let offset = 0;
    for (let k = i; k < end; k++) {
      const length = areas[k]! / thickness;
      out[k] = w >= h ? { x, y: y + offset, w: thickness, h: length } : { x: x + offset, y, w: length, h: thickness };
      offset += length;
    }
    if (w >= h) {
      x += thickness;
      w -= thickness;
    } else {
      y += thickness;
      h -= thickness;
    }
    i = end;
  }
  return out;
}

// The worst aspect ratio in a row of total area `sum` along `side`, whose largest and
// smallest areas are `max` and `min`.
function worst(max: number, min: number, sum: number, side: number): number {
  const s2 = sum * sum;
  const side2 = side * side;
  return Math.max((side2 * max) / s2, s2 / (side2 * min));
}
