// The contract between instrumented code and the recorder: the global the recorder is
// installed under, the locals the transform declares, and the snippets it inserts. Kept
// in one place so the transform and the runtime cannot drift apart.

/** Property of `globalThis` holding the installed {@link TraceRuntime}. */
export const RUNTIME_GLOBAL = '__hpTrace';

/** Local holding a synchronous activation's token (the call-tree node entered). */
const TOKEN = '__hpt';
/** Local holding an async function's or generator's activation cell. */
const CELL = '__hpc';

const R = RUNTIME_GLOBAL;

/** A runtime that records nothing and changes nothing, as an object literal. */
const NO_OP_RUNTIME = '{e(){return 0},x(){},ea(){return{node:-1}},xa(){},s(v){return v},r(v){return v},q(){},fa(i){return i},register(){}}';

/** Code inserted around function bodies and suspension points, as text. */
export const snippet = {
  /** Opens a synchronous function body: enter, then `try {`. */
  enter: (id: number): string => `const ${TOKEN}=${R}.e(${id});try{`,
  /** Closes a synchronous function body. */
  exit: `}finally{${R}.x(${TOKEN})}`,
  /** Opens an async function's or generator's body. */
  enterCell: (id: number): string => `const ${CELL}=${R}.ea(${id});try{`,
  /** Closes an async function's or generator's body. */
  exitCell: `}finally{${R}.xa(${CELL})}`,
  /** Before `await`/`yield`: the result passes through `r`, which resumes the activation. */
  resumeOpen: `${R}.r(`,
  resumeClose: `,${CELL})`,
  /** Around the awaited or yielded operand: `s` suspends the activation, after the operand ran. */
  suspendOpen: `${R}.s(`,
  suspendClose: `,${CELL})`,
  /** The operand of an argument-less `yield`. */
  undefinedOperand: ` ${R}.s(void 0,${CELL})`,
  /** Resumes the activation if it is suspended: at catch/finally entry and in for-await bodies. */
  resume: `${R}.q(${CELL});`,
  /** Wraps the iterable of `for await` so each implicit await suspends the activation. */
  forAwaitOpen: `${R}.fa(`,
  forAwaitClose: `,${CELL})`,
  /**
   * Registers a file's functions; `files` and `frames` are JSON text. Where no recorder is
   * installed (a worker thread the preload left alone), a no-op runtime is, so the code
   * still runs as written.
   */
  register: (firstId: number, files: string, frames: string): string => `(globalThis.${R}??=${NO_OP_RUNTIME}).register(${firstId},${files},${frames});`,
} as const;
