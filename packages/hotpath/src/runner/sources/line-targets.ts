/**
 * The line captures' targets are matched per thread, but a target that picked a function on
 * any thread picked something: each part learns what the others found, so that "no
 * function matched" is said only of targets no thread matched, naming every thread's functions.
 */
import type { LinesSampleData } from '../../capture/lines-sample/protocol.js';
import type { LineTraceData } from '../../capture/lines-trace/capture.js';
import { matchesAny } from '../../capture/instrument/targets.js';

/** Sample mode's line capture: every part sees every thread's modules (its own picks only). */
export function shareLineTargets(parts: LinesSampleData[]): void {
  const own = parts.map((d) => d.modules);
  parts.forEach((data, i) => {
    const others = own.filter((_, j) => j !== i).flatMap((modules) => modules.map((m) => ({ ...m, picked: [] })));
    data.modules = [...own[i]!, ...others];
  });
}

/** Trace mode's line capture: targets no thread matched, and every thread's modules. */
export function shareLineTraceTargets(parts: LineTraceData[]): void {
  if (parts.length === 0) return;
  const unmatched = parts[0]!.targets.filter((t) => !parts.some((d) => matchesAny(d.functions, t, d.cwd)));
  const modules = parts.flatMap((d) => d.modules);
  for (const data of parts) Object.assign(data, { targets: unmatched, modules });
}
