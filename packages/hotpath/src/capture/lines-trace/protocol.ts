// The contract between code instrumented for line tracing and its runtime: the global, the
// local, and the snippets inserted (see walker.ts for where). Kept in one place so the
// transform and the runtime cannot drift apart.

/** Property of `globalThis` holding the installed line recorder. */
export const LINES_GLOBAL = '__hpLineTrace';

/** Local holding the activation of the measured function. */
const ACTIVATION = '__hpl';

/** A runtime that records nothing, for code running where no recorder is installed (a worker). */
const NO_OP_RUNTIME = '{le(){return{l(){},j(){},k(){},x(){}}}}';

/** Code inserted into measured functions, as text. */
export const lineSnippet = {
  /** Opens a measured function's body: a new activation, then `try {`. */
  enter: (functionSlot: number): string => `const ${ACTIVATION}=(globalThis.${LINES_GLOBAL}??=${NO_OP_RUNTIME}).le(${functionSlot});try{`,
  /** Closes the body: the last line's time is charged however the function leaves. */
  exit: `}finally{${ACTIVATION}.x()}`,
  /** A line starts: one hit, and the time since the previous line event goes to that line. */
  line: (slot: number): string => `${ACTIVATION}.l(${slot});`,
  /** Back to a loop's header (no hit): what runs next (test, update, iterator step) is the header's. */
  jump: (slot: number): string => `${ACTIVATION}.j(${slot})`,
  /** A loop's body is entered: one hit for its header, no clock read. */
  hit: (slot: number): string => `${ACTIVATION}.k(${slot});`,
} as const;
