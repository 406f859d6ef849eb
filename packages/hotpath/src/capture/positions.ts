import type { GeneratedPosition } from './v8-types.js';

/**
 * Converts character offsets of a source text to 0-based `[line, column]`, counting line
 * terminators the way V8 does (`\n`, `\r\n`, a lone `\r`, U+2028, U+2029), so positions
 * agree with the ones V8 puts in cpuprofiles.
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(source: string) {
    const terminator = /\r\n|[\n\r\u2028\u2029]/g;
    for (let match = terminator.exec(source); match; match = terminator.exec(source)) {
      this.starts.push(match.index + match[0].length);
    }
  }

  /** The 0-based line and column of a character offset. */
  position(offset: number): GeneratedPosition {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return [low, offset - this.starts[low]!];
  }

  /** The character offset of a 0-based line and column. */
  offset(line: number, column: number): number {
    return (this.starts[line] ?? this.starts.at(-1)!) + column;
  }
}

/** Orders two positions: negative, zero or positive like a sort comparator. */
export function comparePositions(a: GeneratedPosition, b: GeneratedPosition): number {
  return a[0] - b[0] || a[1] - b[1];
}
