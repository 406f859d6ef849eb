// The one heat palette of the page: every view colours a function by the same number, its
// self time relative to the hottest function's, so factorial is the same red in the flame
// graph, the callee map, the call graph and the table. The source view uses the same colours
// for a line's time relative to the function's hottest line.

// Pale sand (cool) through amber and orange to red (hot); dark text stays readable on all
// but the last stretch, where text turns white.
const STOPS: readonly (readonly [number, number, number])[] = [
  [244, 239, 226],
  [249, 220, 150],
  [246, 172, 98],
  [234, 112, 72],
  [196, 46, 46],
];

/** The colour of heat `x` in [0, 1] (clamped). */
export function heatColor(x: number): string {
  const t = Math.min(1, Math.max(0, Number.isFinite(x) ? x : 0)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(t));
  const f = t - i;
  const [a, b] = [STOPS[i]!, STOPS[i + 1]!];
  const mix = (k: 0 | 1 | 2): number => Math.round(a[k] + (b[k] - a[k]) * f);
  return `rgb(${mix(0)}, ${mix(1)}, ${mix(2)})`;
}

/** Text colour that reads on {@link heatColor}(x). */
export function heatTextColor(x: number): string {
  return x > 0.82 ? '#ffffff' : '#1f2328';
}

/**
 * Heat of a time relative to the largest: a square root spreads the small values, which
 * would otherwise all look equally pale next to one hot function.
 */
export function heatOf(value: number, max: number): number {
  return max > 0 && value > 0 ? Math.sqrt(value / max) : 0;
}

/** Colours with a fixed meaning in every view. */
export const COLORS = {
  /** The selected function. */
  selected: '#7ea6f6',
  selectedText: '#0b1f4d',
  /** Outlines of the selected function (where a fill would hide the heat). */
  selectedLine: '#2563eb',
  /** Functions matching the flame graph's search. */
  match: '#c026d3',
  matchText: '#ffffff',
  /** `(other)` nodes: merged small subtrees. */
  other: '#d4d4d8',
  /** The root of the tree (all of the program). */
  root: '#e5e7eb',
  text: '#1f2328',
} as const;
