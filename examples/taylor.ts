// The chapter's first profiling example: Taylor series terms from a recursive factorial.
// `hotpath profile examples/taylor.ts` shows factorial with 188000 calls (188000/750 in
// trace mode: 750 calls from taylorExp and taylorSin, 187250 from itself).

function factorial(n: number): number {
  return n === 0 ? 1.0 : n * factorial(n - 1);
}

function taylorExp(n: number): number[] {
  const terms: number[] = [];
  for (let i = 0; i < n; i++) terms.push(1 / factorial(i));
  return terms;
}

function taylorSin(n: number): number[] {
  const terms: number[] = [];
  for (let i = 0; i < n; i++) {
    terms.push(i % 2 === 1 ? (-1) ** ((i - 1) / 2) / factorial(i) : 0);
  }
  return terms;
}

function main(): void {
  taylorExp(500);
  taylorSin(500);
}

main();
