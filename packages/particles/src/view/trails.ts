// The recent positions of each particle, drawn as fading trails. A fixed-size ring buffer
// per particle, so a long-running page uses constant memory.

/** A position in the plane. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** The last `capacity` positions of each of `count` particles. */
export class Trails {
  readonly count: number;
  readonly capacity: number;
  // Position j of particle i lives at index i * capacity + slot(j): one flat array per
  // coordinate instead of count * capacity small objects.
  private readonly xs: Float64Array;
  private readonly ys: Float64Array;
  private next = 0;
  private filled = 0;

  /**
   * @param count - how many particles are tracked
   * @param capacity - how many positions each trail keeps (at least 2)
   */
  constructor(count: number, capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 2) {
      throw new RangeError(`trail capacity must be an integer >= 2, got ${capacity}`);
    }
    this.count = count;
    this.capacity = capacity;
    this.xs = new Float64Array(count * capacity);
    this.ys = new Float64Array(count * capacity);
  }

  /** How many positions each trail holds now (at most `capacity`). */
  get length(): number {
    return this.filled;
  }

  /** Appends the current position of every particle, dropping the oldest when full. */
  record(points: readonly Point[]): void {
    if (points.length !== this.count) {
      throw new RangeError(`expected ${this.count} positions, got ${points.length}`);
    }
    points.forEach((p, i) => {
      this.xs[i * this.capacity + this.next] = p.x;
      this.ys[i * this.capacity + this.next] = p.y;
    });
    this.next = (this.next + 1) % this.capacity;
    this.filled = Math.min(this.filled + 1, this.capacity);
  }

  /** Forgets every recorded position. */
  clear(): void {
    this.next = 0;
    this.filled = 0;
  }

  /**
   * Positions `from` to `to` (exclusive) of particle `particle`, oldest first, as a flat
   * `[x0, y0, x1, y1, ...]` array: index 0 is the oldest position kept.
   */
  slice(particle: number, from: number, to: number): number[] {
    const start = (this.next - this.filled + this.capacity) % this.capacity;
    const base = particle * this.capacity;
    const out: number[] = [];
    for (let j = Math.max(0, from); j < Math.min(to, this.filled); j++) {
      const slot = base + ((start + j) % this.capacity);
      out.push(this.xs[slot]!, this.ys[slot]!);
    }
    return out;
  }
}
