/** IPython's `_format_time`: `1.23 ms`, `456 ns`, `2min 3s`, as `%timeit` and `%time` print them. */
import { formatG } from '../bench/timeit-format.js';

const UNITS = ['s', 'ms', 'µs', 'ns'] as const;

/** `seconds` with `precision` significant digits in s, ms, µs or ns; minutes and up as `1h 2min 3s`. */
export function formatTimespan(seconds: number, precision = 3): string {
  if (seconds >= 60) return longTimespan(seconds);
  const order = seconds > 0 ? Math.min(-Math.floor(Math.floor(Math.log10(seconds)) / 3), 3) : 3;
  const scaled = seconds * 1000 ** Math.max(order, 0);
  return `${formatG(scaled, precision)} ${UNITS[Math.max(order, 0)]}`;
}

function longTimespan(seconds: number): string {
  const parts: Array<[string, number]> = [
    ['d', 86400],
    ['h', 3600],
    ['min', 60],
    ['s', 1],
  ];
  const out: string[] = [];
  let left = seconds;
  for (const [suffix, length] of parts) {
    const value = Math.floor(left / length);
    if (value > 0) {
      left %= length;
      out.push(`${value}${suffix}`);
    }
    if (left < 1) break;
  }
  return out.join(' ');
}
