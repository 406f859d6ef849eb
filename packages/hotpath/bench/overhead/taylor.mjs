// examples/taylor.ts as JavaScript for the overhead measurement: main() once (188,003
// calls). Prints one JSON line: the wall and CPU time of main, ns.
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
  for (let i = 0; i < n; i++) terms.push(i % 2 === 1 ? (-1) ** ((i - 1) / 2) / factorial(i) : 0);
  return terms;
}

function main() {
  return taylorExp(500).length + taylorSin(500).length;
}

const cpu = process.cpuUsage();
const start = process.hrtime.bigint();
const sink = main();
const wall = Number(process.hrtime.bigint() - start);
const used = process.cpuUsage(cpu);
console.log(JSON.stringify({ wall, cpu: (used.user + used.system) * 1000, sink }));
