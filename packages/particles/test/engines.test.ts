import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Particle, ParticleSimulator, demoParticles, randomParticles } from '../src/index.js';
import { ENGINES, MAX_THREADS, createSimulation, randomArrays, type EngineName, type Simulation } from '../src/engines/index.js';
import { INLINE_WORK, WorkersSimulation } from '../src/engines/workers.js';
import { layout } from '../src/engines/wasm.js';

/** evolve's positions after `dt`, the reference every engine must equal. */
function evolved(particles: Particle[], dt: number): Particle[] {
  new ParticleSimulator(particles).evolve(dt);
  return particles;
}

/** Bit for bit: Object.is tells -0 from 0 and would see any last-bit difference. */
function assertSamePositions(actual: readonly Particle[], expected: readonly Particle[], label: string): void {
  assert.equal(actual.length, expected.length, `${label}: count`);
  expected.forEach((p, i) => {
    const q = actual[i]!;
    assert.ok(Object.is(q.x, p.x) && Object.is(q.y, p.y), `${label}, particle ${i}: (${q.x}, ${q.y}) vs evolve's (${p.x}, ${p.y})`);
    assert.equal(q.angVel, p.angVel);
  });
}

async function withSimulation<T>(particles: Particle[], engine: EngineName, body: (sim: Simulation) => Promise<T>, threads?: number): Promise<T> {
  const sim = await createSimulation(particles, threads === undefined ? { engine } : { engine, threads });
  try {
    return await body(sim);
  } finally {
    await sim.close();
  }
}

for (const engine of ENGINES) {
  test(`${engine}: the chapter's three particles, evolve(0.1), equal evolve bit for bit`, async () => {
    const positions = await withSimulation(demoParticles(), engine, async (sim) => {
      await sim.evolve(0.1);
      return sim.getParticles();
    });
    assertSamePositions(positions, evolved(demoParticles(), 0.1), engine);
    // and they are the chapter's reference values
    assert.ok(Math.abs(positions[0]!.x - 0.210269) < 1e-5 && Math.abs(positions[2]!.y - -0.365227) < 1e-5);
  });

  test(`${engine}: random sets of 0, 1, 2 and 1001 particles equal evolve bit for bit`, async () => {
    for (const n of [0, 1, 2, 1001]) {
      const positions = await withSimulation(randomParticles(n, 5), engine, async (sim) => {
        await sim.evolve(0.002);
        await sim.evolve(0.003);
        return sim.getParticles();
      });
      assertSamePositions(positions, evolved(evolved(randomParticles(n, 5), 0.002), 0.003), `${engine}, n ${n}`);
    }
  });

  test(`${engine}: particles read and written as Particles and as arrays`, async () => {
    await withSimulation(randomParticles(5, 1), engine, async (sim) => {
      assert.equal(sim.count, 5);
      assertSamePositions(sim.getParticles(), randomParticles(5, 1), 'as created');
      sim.setParticles(randomArrays(5, 2));
      const arrays = sim.getArrays();
      assert.deepEqual(
        [...arrays.x],
        randomParticles(5, 2).map((p) => p.x),
      );
      arrays.x[0] = 99; // a copy: the simulation's own particles stay
      assert.notEqual(sim.getParticles()[0]!.x, 99);
      assert.throws(() => sim.setParticles(randomParticles(4, 1)), /holds 5 particles, got 4/);
      assert.throws(() => sim.setParticles([...randomParticles(4, 1), new Particle(0, 0, 1)]), /particle 4 is at the origin/);
      await assert.rejects(sim.evolve(-1), /dt must be a finite number >= 0/);
    });
  });
}

test('randomArrays draws the set of randomParticles with the same seed', () => {
  const arrays = randomArrays(100, 42);
  randomParticles(100, 42).forEach((p, i) => {
    assert.deepEqual([arrays.x[i], arrays.y[i], arrays.angVel[i]], [p.x, p.y, p.angVel]);
  });
});

test('workers: a set large enough to hand off runs on every thread and equals evolve bit for bit', async () => {
  const n = 3001;
  const dt = 0.001; // 99 steps: 3002 * 99 particle-steps, above INLINE_WORK
  assert.ok(3002 * 99 > INLINE_WORK);
  for (const threads of [2, 3]) {
    const sim = (await createSimulation(randomParticles(n, 9), { engine: 'workers', threads })) as WorkersSimulation;
    try {
      await sim.evolve(dt);
      assert.equal(sim.workers.length, threads, 'every thread took a slice');
      assertSamePositions(sim.getParticles(), evolved(randomParticles(n, 9), dt), `${threads} threads`);
    } finally {
      await sim.close();
    }
  }
});

test('workers: a small set stays on the calling thread', async () => {
  const sim = (await createSimulation(randomParticles(100, 9), { engine: 'workers', threads: 2 })) as WorkersSimulation;
  await sim.evolve(0.01);
  assert.equal(sim.workers.length, 0);
  await sim.close();
});

test('workers: a worker killed mid-evolve rejects evolve naming it, and the positions are refused after', async () => {
  const sim = (await createSimulation(randomParticles(4000, 3), { engine: 'workers', threads: 2 })) as WorkersSimulation;
  try {
    await sim.evolve(0.001); // starts the workers
    // two million steps: seconds of work. The assertion is attached before the kill, so the
    // rejection is never unhandled.
    const rejected = assert.rejects(sim.evolve(20), /worker 2 of 2 \(thread \d+\) exited with code 1; the positions are incomplete/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await sim.workers[1]!.terminate();
    await rejected;
    assert.throws(() => sim.getParticles(), /worker 2 of 2/);
    await assert.rejects(sim.evolve(0.001), /worker 2 of 2/);
  } finally {
    await sim.close();
  }
});

test('workers: closing during an evolve rejects it instead of leaving it pending', async () => {
  const sim = await createSimulation(randomParticles(4000, 3), { engine: 'workers', threads: 2 });
  const rejected = assert.rejects(sim.evolve(20), /the simulation was closed during evolve/);
  await new Promise((resolve) => setTimeout(resolve, 50));
  await sim.close();
  await rejected;
});

test('bad engine options are refused before any work', async () => {
  const particles = randomParticles(3, 1);
  await assert.rejects(createSimulation(particles, { engine: 'gpu' as EngineName }), /unknown engine 'gpu'; choose from objects, typed, wasm, workers/);
  for (const threads of [0, MAX_THREADS + 1, 1.5]) {
    await assert.rejects(createSimulation(particles, { engine: 'workers', threads }), /threads must be an integer from 1 to 256/);
  }
  await assert.rejects(createSimulation(particles, { engine: 'wasm', threads: 2 }), /threads is an option of the workers engine/);
  assert.throws(() => layout(2e8), /200000000 particles do not fit in WebAssembly memory \(at most 178956970\)/);
});
