// Benchmark program: examples/taylor.ts as JavaScript (the chapter's first profiling
// example); main() makes 188,003 calls (factorial 188,000 of them) per repetition.
// As a script: node taylor.mjs [reps] prints one JSON line of per-repetition times in ns.
// (overhead/taylor.mjs times one main() of this module for profile-overhead.mjs.)
import { runAsScript } from './repeat.mjs';

function factorial(n) {
  return n === 0 ? 1.0 : n * factorial(n - 1);
}

function taylorExp(n) {
  const terms = [];
  for (let i = 0; i < n; i++) terms.push(1 / factorial(i));
  return terms;
}

function taylorSin(n) {
  const terms = [];
  for (let i = 0; i < n; i++) {
    terms.push(i % 2 === 1 ? (-1) ** ((i - 1) / 2) / factorial(i) : 0);
  }
  return terms;
}

function main() {
  return taylorExp(500).length + taylorSin(500).length;
}

export const name = 'taylor';
export const callsPerRep = 188003;
export const rep = main;

runAsScript(import.meta.url, { name, callsPerRep, rep }, 9);
