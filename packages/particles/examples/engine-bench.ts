// The chapter benchmark on one engine: 1000 random particles evolved for 0.1 time units.
// `hotpath profile packages/particles/examples/engine-bench.ts wasm` profiles it on wasm;
// the engine is the first argument (objects, typed, wasm or workers; typed by default).
import { randomParticles } from 'particles';
import { ENGINES, createSimulation, type EngineName } from 'particles/engines';

const engine = (process.argv[2] ?? 'typed') as EngineName;
if (!ENGINES.includes(engine)) {
  console.error(`engine-bench: unknown engine '${engine}'; choose from ${ENGINES.join(', ')}`);
  process.exit(2);
}
const simulation = await createSimulation(randomParticles(1000, 1), { engine });
const start = performance.now();
await simulation.evolve(0.1);
const elapsed = performance.now() - start;
await simulation.close();
console.log(`${engine}: evolve(0.1) of 1000 particles: ${elapsed.toFixed(1)} ms`);
