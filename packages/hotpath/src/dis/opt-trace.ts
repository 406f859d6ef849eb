/**
 * What V8's optimising compiler did, from `--trace-opt --trace-deopt --trace-turbo-inlining`
 * on stdout:
 *
 * ```text
 * [marking 0x2640... <JSFunction area (sfi = 0x1296876b231)> for optimization to TURBOFAN, ConcurrencyMode::kConcurrent, reason: small function]
 * [completed optimizing 0x2f5e... <JSFunction area (sfi = 0x1296876b231)> (target TURBOFAN)]
 * [completed compiling 0x211c... <JSFunction area (sfi = 0x3e02122b2c1)> (target TURBOFAN) - took 0.031, 0.609, 0.013 ms]
 * [bailout (kind: deopt-eager, reason: wrong map): begin. deoptimizing 0x3a52... <JSFunction area (sfi = 0x1296876b231)>, 0x0129... <Code TURBOFAN>, opt id 0, bytecode offset 0, deopt exit 1, ...]
 * ```
 *
 * A concurrent compile ends in "completed optimizing", a synchronous one (OSR on some paths,
 * `--no-concurrent-recompilation`, V8's own test hooks) in "completed compiling".
 *
 * Each event names the function by its SharedFunctionInfo's address, as the bytecode
 * printout's header does, so events and bytecode pair exactly.
 */

/** One event of a function's life in V8's tiers. */
export type OptEvent =
  | { kind: 'marked'; sfi: bigint; name: string; tier: string; reason: string; osr: false }
  | { kind: 'optimized'; sfi: bigint; name: string; tier: string; osr: boolean }
  | { kind: 'deopt'; sfi: bigint; name: string; bailout: string; reason: string; bytecodeOffset: number }
  /** TurboFan inlined `inlined` into the function (`--trace-turbo-inlining`). */
  | { kind: 'inlined'; sfi: bigint; name: string; inlined: string };

const FUNCTION = /<JSFunction ?(.*?) \(sfi = (0x[0-9a-f]+)\)>/;

/** The events of the trace, in order; other lines are ignored. */
export function parseOptTrace(text: string): OptEvent[] {
  const events: OptEvent[] = [];
  for (const line of text.split('\n')) {
    // `Inlining 0x.. {0x2e23fb9e15a9 <SharedFunctionInfo add>} into 0x.. {0x2e23fb9e14e9 <SharedFunctionInfo>}`
    const inlining = /^Inlining 0x[0-9a-f]+ \{0x[0-9a-f]+ <SharedFunctionInfo ?(.*?)>\} into 0x[0-9a-f]+ \{(0x[0-9a-f]+) <SharedFunctionInfo ?(.*?)>\}/.exec(line);
    if (inlining) events.push({ kind: 'inlined', sfi: BigInt(inlining[2]!), name: inlining[3] ?? '', inlined: inlining[1] || '(anonymous)' });
    const fn = FUNCTION.exec(line);
    if (!fn) continue;
    const [name, sfi] = [fn[1] ?? '', BigInt(fn[2]!)];
    const marked = /^\[marking .* for optimization to (\w+),.* reason: (.*)\]$/.exec(line);
    if (marked) events.push({ kind: 'marked', sfi, name, tier: marked[1]!, reason: marked[2]!, osr: false });
    const done = /^\[completed (?:optimizing|compiling) .*\(target (\w+)\)( OSR)?(?:\]$| - took )/.exec(line);
    if (done) events.push({ kind: 'optimized', sfi, name, tier: done[1]!, osr: done[2] !== undefined });
    const bailout = /^\[bailout \(kind: ([\w-]+), reason: (.*?)\): begin\..* bytecode offset (\d+)/.exec(line);
    if (bailout) events.push({ kind: 'deopt', sfi, name, bailout: bailout[1]!, reason: bailout[2]!, bytecodeOffset: Number(bailout[3]) });
  }
  return events;
}
