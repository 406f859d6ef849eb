// Benchmark program: fib(25) by naive recursion, 242,785 calls per repetition.
// Usage: node fib.mjs [reps]; prints one JSON line: per-repetition times in ns.
function fib(n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

const reps = Number(process.argv[2] ?? 7);
const times = [];
let sink = 0;
for (let r = 0; r < reps; r++) {
  const start = process.hrtime.bigint();
  sink += fib(25);
  times.push(Number(process.hrtime.bigint() - start));
}
console.log(JSON.stringify({ program: 'fib', callsPerRep: 242785, times, sink }));
