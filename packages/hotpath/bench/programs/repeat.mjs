// The timing loop the benchmark programs share: repetitions timed one by one, setup
// (if any) outside the timing, a sink against dead-code elimination, one JSON line out.
import { fileURLToPath } from 'node:url';

/** Times `program.rep` once; returns ns. */
export function timeRep(program) {
  const state = program.setup?.();
  const start = process.hrtime.bigint();
  const value = program.rep(state);
  const elapsed = Number(process.hrtime.bigint() - start);
  if (value === 'never') console.log(value); // keeps the result alive
  return elapsed;
}

/** When `moduleUrl` is the script node runs: repetitions from argv[2], times printed as JSON. */
export function runAsScript(moduleUrl, program, defaultReps) {
  if (fileURLToPath(moduleUrl) !== process.argv[1]) return;
  const reps = Number(process.argv[2] ?? defaultReps);
  const times = [];
  for (let r = 0; r < reps; r++) times.push(timeRep(program));
  console.log(JSON.stringify({ program: program.name, callsPerRep: program.callsPerRep, times }));
}
