// Benchmark program: examples/taylor.ts as JavaScript (the chapter's first profiling
// example); main() makes 188,003 calls (factorial 188,000 of them) per repetition.
// Usage: node taylor.mjs [reps]; prints one JSON line: per-repetition times in ns.
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

const reps = Number(process.argv[2] ?? 7);
const times = [];
let sink = 0;
for (let r = 0; r < reps; r++) {
  const start = process.hrtime.bigint();
  sink += main();
  times.push(Number(process.hrtime.bigint() - start));
}
console.log(JSON.stringify({ program: 'taylor', callsPerRep: 188003, times, sink }));
