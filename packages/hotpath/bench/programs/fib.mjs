// Benchmark program: fib(25) by naive recursion, 242,785 calls per repetition.
// As a script: node fib.mjs [reps] prints one JSON line of per-repetition times in ns.
import { runAsScript } from './repeat.mjs';

function fib(n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

export const name = 'fib';
export const callsPerRep = 242785;
export const rep = () => fib(25);

runAsScript(import.meta.url, { name, callsPerRep, rep }, 9);
