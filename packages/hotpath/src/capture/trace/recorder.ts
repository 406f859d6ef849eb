// The tracing runtime: what instrumented code calls on every function entry and exit.
//
// Cost is what matters here (the bar is cProfile's ~160 ns per call). On Node 20 a clock
// read costs ~55-65 ns and everything else little, so:
// - one clock read per event: each event charges the time since the previous event to the
//   function on top of the stack, so self times add up without a second read per event;
// - no allocation per call: the call tree and the stack live in typed arrays; a node's
//   children are a linked list, most-recently-created first, and the hot path only checks
//   the first child (a function mostly calls the same function again: loops, recursion);
// - tokens are node ids: exit(token) checks the token is on the stack where its depth
//   says, so an exit that does not match (a frame suspended, an exception thrown inside
//   the recorder) unwinds or is ignored instead of corrupting the stack.
// The profiler's own cost, which each event adds to the interval it closes, is measured
// afterwards (calibrate.ts) and subtracted per event in the snapshot, as Python's
// profile.py does with its bias; line_profiler's second clock read would double our cost.
//
// Async functions and generators: each stretch of code between suspension points (await,
// yield, for-await steps) is entered and exited like a call, on whatever stack resumes it:
// the first stretch counts as the call, later ones (resumptions) add time but no call. So
// ncalls are invocations, time while suspended is charged to nobody, a generator's work
// shows under whoever called next(), and an async function's continuation under the root.
import { performance } from 'node:perf_hooks';
import { leastOverhead } from './calibrate.js';
import { wrapForAwait } from './for-await.js';

/** Function id of the calibration probe; instrumented functions get ids from 1. */
export const CALIBRATION_ID = 0;

/** A clock in milliseconds, like `performance` (the default); tests inject a fake one. */
export interface Clock {
  now(): number;
}

/** One activation of an async function or generator: its function id and the node it is in (-1 while suspended). */
export class ActivationCell {
  constructor(
    readonly id: number,
    public node: number,
  ) {}
}

/** A function as registered by instrumented code: `[name, file index, line, column]`. */
export type FrameRecord = [name: string, file: number, line: number, column: number];

/** A registered function's name and position. */
export interface FunctionInfo {
  name: string;
  file: string;
  line: number;
  column: number;
}

/** The raw call tree, times in the clock's milliseconds, before any overhead is subtracted. */
export interface RawTree {
  /** Function id of each node; -1 for the root. */
  frame: Int32Array;
  parent: Int32Array;
  calls: Float64Array;
  /** Self time of each node, in clock milliseconds. */
  self: Float64Array;
  /** Events that closed an interval charged to the node: what overhead subtraction scales with. */
  events: Float64Array;
  /** Functions registered so far, by id. */
  functions: ReadonlyMap<number, FunctionInfo>;
}

/**
 * The calls instrumented code makes (see planner.ts for where). Names are short because
 * they are written into every instrumented function.
 */
export interface TraceRuntime {
  /** Enters function `id`; returns the token to pass to {@link TraceRuntime.x}. */
  e(id: number): number;
  /** Exits the activation `token` came from. */
  x(token: number): void;
  /** Enters an async function or generator (when its body starts running). */
  ea(id: number): ActivationCell;
  /** Exits it for good (finally of its body), unless it is suspended. */
  xa(cell: ActivationCell): void;
  /** Suspends the activation (its operand has run); returns `value`. */
  s<T>(value: T, cell: ActivationCell): T;
  /** Resumes the activation, without counting a call; returns `value`. */
  r<T>(value: T, cell: ActivationCell): T;
  /** Resumes the activation if it is suspended (catch/finally blocks, for-await bodies). */
  q(cell: ActivationCell): void;
  /** Wraps the iterable of a `for await` loop (see for-await.ts). */
  fa(iterable: unknown, cell: ActivationCell): unknown;
  /** Registers functions `firstId, firstId + 1, ...` of one instrumented file. */
  register(firstId: number, files: string[], frames: FrameRecord[]): void;
}

/** A {@link TraceRuntime} that also hands out what it recorded. */
export interface Recorder extends TraceRuntime {
  /**
   * Marks the program's start: what the root holds so far (hotpath's own start-up: module
   * hooks, the loader thread) is dropped and the clock starts again now. Call it where the
   * profile's duration starts, so the tree's times add up to at most that duration.
   */
  begin(): void;
  /**
   * The call tree so far, usable mid-run: the interval still open is charged to the
   * function on top of the stack, so functions still running get their time so far.
   * Recording goes on undisturbed.
   */
  raw(): RawTree;
  /**
   * The recorder's own cost per event, in clock ms, measured on its warm code (calibrate.ts).
   * Takes a few milliseconds, which are charged to nobody.
   */
  overheadPerEvent(): number;
}

/** Options of {@link createRecorder}. */
export interface RecorderOptions {
  /**
   * Run the recorder through every path a program takes before handing it out, until V8
   * has optimized them (a few milliseconds; the tree is emptied after). Without it an event
   * cost ~400 ns until enter and exit were optimized (~40 ns after, the amount calibration
   * measures and subtracts), and optimized code that had never seen a new node, a deeper
   * stack or an unwind was thrown away at the program's first ones: a cheap function
   * called early in a run was overstated several times over. Tests with fake clocks leave
   * it off.
   */
  warmUp?: boolean;
}

const INITIAL_NODES = 1024;
const INITIAL_DEPTH = 1024;

/**
 * Creates a recorder with an empty call tree whose root (node 0) is on the stack.
 *
 * @param options - {@link RecorderOptions}.
 */
export function createRecorder(clock: Clock = performance, options: RecorderOptions = {}): Recorder {
  let capacity = INITIAL_NODES;
  let frameOf = new Int32Array(capacity);
  let parentOf = new Int32Array(capacity);
  let depthOf = new Int32Array(capacity);
  let firstChild = new Int32Array(capacity).fill(-1);
  let nextSibling = new Int32Array(capacity).fill(-1);
  let calls = new Float64Array(capacity);
  let self = new Float64Array(capacity);
  let events = new Float64Array(capacity);
  let nodeCount = 1;
  frameOf[0] = -1;
  parentOf[0] = -1;

  let stack = new Int32Array(INITIAL_DEPTH);
  let sp = 0;
  // The time of the last event. In a typed array, not a `let`: a double in a closure
  // variable is boxed, and V8 (11.3, Node 20) allocates a new heap number on every store:
  // that alone doubled the cost per call and filled the young generation.
  const last = new Float64Array([clock.now()]);
  const functions = new Map<number, FunctionInfo>();

  function grow(): void {
    capacity *= 2;
    const bigger = <T extends Int32Array | Float64Array>(a: T, fill = 0): T => {
      const b = new (a.constructor as new (n: number) => T)(capacity);
      b.fill(fill, a.length);
      b.set(a);
      return b;
    };
    frameOf = bigger(frameOf);
    parentOf = bigger(parentOf);
    depthOf = bigger(depthOf);
    firstChild = bigger(firstChild, -1);
    nextSibling = bigger(nextSibling, -1);
    calls = bigger(calls);
    self = bigger(self);
    events = bigger(events);
  }

  /** The child of `node` for function `id`, found in its sibling list or created. */
  function childOf(node: number, id: number): number {
    let child = firstChild[node]!;
    while (child >= 0) {
      if (frameOf[child] === id) return child;
      child = nextSibling[child]!;
    }
    if (nodeCount === capacity) grow();
    child = nodeCount++;
    frameOf[child] = id;
    parentOf[child] = node;
    depthOf[child] = depthOf[node]! + 1;
    nextSibling[child] = firstChild[node]!;
    firstChild[node] = child;
    return child;
  }

  function deepenStack(): void {
    const deeper = new Int32Array(stack.length * 2);
    deeper.set(stack);
    stack = deeper;
  }

  /** Enters function `id` below the top of the stack, counting a call: the hot path. */
  function enterCall(id: number): number {
    const now = clock.now();
    const top = stack[sp]!;
    self[top]! += now - last[0]!;
    events[top]!++;
    let child = firstChild[top]!;
    if (child < 0 || frameOf[child] !== id) child = childOf(top, id);
    calls[child]!++;
    if (++sp === stack.length) deepenStack();
    stack[sp] = child;
    last[0] = now;
    return child;
  }

  /** Enters function `id` again after a suspension: time is charged, no call counted. */
  function enterResumed(id: number): number {
    const node = enterCall(id);
    calls[node]!--;
    return node;
  }

  function exit(node: number): void {
    const now = clock.now();
    const top = stack[sp]!;
    self[top]! += now - last[0]!;
    events[top]!++;
    last[0] = now;
    if (top === node) sp--;
    else unwind(node);
  }

  /** Pops `node` and whatever is above it, if `node` is on the stack at all. */
  function unwind(node: number): void {
    const depth = depthOf[node]!;
    if (depth > 0 && depth <= sp && stack[depth] === node) sp = depth - 1;
  }

  function suspend(cell: ActivationCell): void {
    if (cell.node >= 0) {
      exit(cell.node);
      cell.node = -1;
    }
  }

  function resume(cell: ActivationCell): void {
    if (cell.node < 0) cell.node = enterResumed(cell.id);
  }

  /** An empty instrumented function, calling this recorder's own (warm) enter and exit. */
  function probe(calls: number): void {
    for (let i = 0; i < calls; i++) {
      const token = enterCall(CALIBRATION_ID);
      try {
        continue;
      } finally {
        exit(token);
      }
    }
  }

  /** Empties the tree and the stack: the state of a new recorder, its arrays kept. */
  function reset(): void {
    nodeCount = 1;
    firstChild.fill(-1);
    nextSibling.fill(-1);
    calls.fill(0);
    self.fill(0);
    events.fill(0);
    sp = 0;
    stack[0] = 0;
    last[0] = clock.now();
  }

  const runtime: Recorder = {
    begin() {
      self[0] = 0;
      events[0] = 0;
      last[0] = clock.now();
    },
    e: enterCall,
    x: exit,
    ea: (id) => new ActivationCell(id, enterCall(id)),
    xa: suspend,
    s(value, cell) {
      suspend(cell);
      return value;
    },
    r(value, cell) {
      resume(cell);
      return value;
    },
    q: resume,
    fa: (iterable, cell) => wrapForAwait(iterable, cell, suspend),
    register(firstId, files, frames) {
      frames.forEach(([name, file, line, column], i) => {
        functions.set(firstId + i, { name, file: files[file] ?? '', line, column });
      });
    },
    raw() {
      const n = nodeCount;
      const tree: RawTree = {
        frame: frameOf.slice(0, n),
        parent: parentOf.slice(0, n),
        calls: calls.slice(0, n),
        self: self.slice(0, n),
        events: events.slice(0, n),
        functions: new Map(functions),
      };
      tree.self[stack[sp]!]! += clock.now() - last[0]!;
      return tree;
    },
    overheadPerEvent() {
      // The probe's calls land in a node of their own (filtered out of snapshots); what
      // the probe loop charges to the function on top is taken back afterwards.
      const top = stack[sp]!;
      self[top]! += clock.now() - last[0]!;
      const saved = { self: self[top]!, events: events[top]! };
      const node = childOf(top, CALIBRATION_ID);
      const overhead = leastOverhead(probe, () => ({ self: self[node]!, events: events[node]! }));
      self[top] = saved.self;
      events[top] = saved.events;
      last[0] = clock.now();
      return overhead;
    },
  };
  if (options.warmUp) {
    // On this recorder's own closures: optimized code is specialised to the closures it
    // calls (childOf, grow), so warming another recorder would not do.
    warmUp(runtime);
    reset();
  }
  return runtime;
}

/** Rounds of {@link warmUp}: enough for V8 (11.3, Node 20) to optimize every path. */
const WARM_UP_ROUNDS = 12;
/** Deeper than the initial stack and, over the rounds, wider than the initial tree. */
const WARM_UP_DEPTH = INITIAL_DEPTH + 100;
const WARM_UP_IDS = 7;

/**
 * What a program does to a recorder, in a few milliseconds: new nodes and known ones,
 * sibling lists, a growing tree and stack, loops at a leaf, an unwinding exit, async
 * activations (see {@link RecorderOptions.warmUp}).
 */
function warmUp(runtime: TraceRuntime): void {
  const descend = (depth: number, round: number): void => {
    const token = runtime.e(1 + ((depth + round) % WARM_UP_IDS));
    try {
      if (depth < WARM_UP_DEPTH) descend(depth + 1, round);
      for (let i = 0; i < 4; i++) runtime.x(runtime.e(1));
    } finally {
      runtime.x(token);
    }
  };
  for (let round = 0; round < WARM_UP_ROUNDS; round++) {
    descend(0, round);
    const outer = runtime.e(2);
    runtime.e(3);
    runtime.x(outer); // an exit past a frame left open: unwinds
    const cell = runtime.ea(4);
    runtime.r(runtime.s(0, cell), cell);
    runtime.q(cell);
    runtime.xa(cell);
  }
}
