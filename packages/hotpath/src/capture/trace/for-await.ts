// `for await (x of iterable)` awaits at each step without an `await` in the source, so
// the transform cannot mark those suspension points. Instead the iterable is wrapped: the
// wrapper's next()/return() call the real ones (whose synchronous work stays a child of
// the looping function) and then suspend the function's activation, right before the
// engine awaits what they returned. The wrapper returns the very same results and adds
// no promise of its own, so the program's microtask order is unchanged.

/** Suspends an activation (see recorder.ts); called after each step's synchronous part. */
export type Suspend<Cell> = (cell: Cell) => void;

type Step = (value?: unknown) => unknown;
interface IteratorLike {
  next: Step;
  return?: Step;
}
type Iterable = Record<symbol, unknown>;

/**
 * Wraps the iterable of a `for await` loop. The engine gets the async iterator if there is
 * one, else the sync iterator (which it adapts itself, as it would have): the same lookup
 * order as `for await`. Anything that is not iterable is returned unchanged so the engine
 * throws its usual TypeError.
 */
export function wrapForAwait<Cell>(iterable: unknown, cell: Cell, suspend: Suspend<Cell>): unknown {
  if (iterable === null || iterable === undefined) return iterable;
  const object = iterable as Iterable;
  const asyncMethod = object[Symbol.asyncIterator];
  if (asyncMethod !== undefined && asyncMethod !== null) {
    return { [Symbol.asyncIterator]: () => wrapIterator(call(asyncMethod, object), cell, suspend) };
  }
  const syncMethod = object[Symbol.iterator];
  if (syncMethod === undefined || syncMethod === null) return iterable;
  return { [Symbol.iterator]: () => wrapIterator(call(syncMethod, object), cell, suspend) };
}

function call(method: unknown, self: unknown): IteratorLike {
  return (method as (this: unknown) => IteratorLike).call(self);
}

function wrapIterator<Cell>(iterator: IteratorLike, cell: Cell, suspend: Suspend<Cell>): IteratorLike {
  // The loop reads `next` once, as the engine would from the real iterator.
  const next = iterator.next;
  const wrapped: IteratorLike = {
    next(value) {
      const result = next.call(iterator, value);
      suspend(cell);
      return result;
    },
  };
  // `return` only where the real iterator has one: the engine checks for it on `break`.
  if (iterator.return !== undefined && iterator.return !== null) {
    const close = iterator.return;
    wrapped.return = (value) => {
      const result = close.call(iterator, value);
      suspend(cell);
      return result;
    };
  }
  return wrapped;
}
