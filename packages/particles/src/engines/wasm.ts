/**
 * The WebAssembly kernel (wasm/evolve.wat, assembled into dist/wasm/ by `npm ci`) and the
 * memory layout it computes on. Runs in Node and in the browser: the module is read from
 * disk for a file: URL and fetched otherwise.
 */
import { TIMESTEP } from '../simulator.js';
import type { ParticleArrays } from './arrays.js';

/** The kernel's one export: `count` (even) particles at byte offsets x, y, v, `steps` steps. */
export interface Kernel {
  evolve(x: number, y: number, v: number, count: number, steps: number, timestep: number): void;
}

/** Where a set of particles lies in a kernel's memory. */
export interface Layout {
  /** The set's count rounded up to even: the kernel takes two particles a lane pair. */
  padded: number;
  /** 64 KiB pages of memory for the three arrays. */
  pages: number;
  /** Byte offsets of the x, y and angVel arrays (each 16-byte aligned). */
  x: number;
  y: number;
  v: number;
}

const PAGE = 65536;
/** wasm32 memories hold at most 65536 pages (4 GiB). */
const MAX_PAGES = 65536;
/** The largest set the wasm engines can hold: 24 bytes a particle in 4 GiB. */
export const MAX_WASM_PARTICLES = Math.floor((MAX_PAGES * PAGE) / 24 / 2) * 2;

/**
 * The layout of `n` particles: x, then y, then angVel, each `padded` doubles.
 *
 * @throws RangeError when the set would not fit in a wasm32 memory.
 */
export function layout(n: number): Layout {
  if (n > MAX_WASM_PARTICLES) {
    throw new RangeError(`${n} particles do not fit in WebAssembly memory (at most ${MAX_WASM_PARTICLES})`);
  }
  const padded = n + (n % 2);
  const pages = Math.max(1, Math.ceil((24 * padded) / PAGE));
  return { padded, pages, x: 0, y: 8 * padded, v: 16 * padded };
}

/** Float64Array views of the three arrays of `layout` in `buffer`. */
export function views(buffer: ArrayBufferLike, at: Layout): ParticleArrays {
  return {
    x: new Float64Array(buffer, at.x, at.padded),
    y: new Float64Array(buffer, at.y, at.padded),
    angVel: new Float64Array(buffer, at.v, at.padded),
  };
}

/**
 * Fills the padding particle (when the count is odd) with one that stays where it is
 * (angVel 0, away from the origin), so the kernel's extra lane computes no NaN.
 */
export function fillPadding(arrays: ParticleArrays, count: number): void {
  for (let i = count; i < arrays.x.length; i++) {
    arrays.x[i] = 1;
    arrays.y[i] = 0;
    arrays.angVel[i] = 0;
  }
}

/** A memory for `at`, shared (a SharedArrayBuffer, for worker threads) or not. */
export function memoryFor(at: Layout, shared: boolean): WebAssembly.Memory {
  // A shared memory needs a maximum; neither kind ever grows.
  return new WebAssembly.Memory({ initial: at.pages, maximum: at.pages, shared });
}

/** Advances the set of `at` (count `count` > 0) in `kernel` by `nsteps`, particles from..to. */
export function runKernel(kernel: Kernel, at: Layout, from: number, to: number, nsteps: number): void {
  const offset = 8 * from;
  kernel.evolve(at.x + offset, at.y + offset, at.v + offset, to - from, nsteps, TIMESTEP);
}

const compiled = new Map<string, Promise<WebAssembly.Module>>();

/**
 * The compiled kernel module, over an ordinary memory or (`shared`) a shared one; compiled
 * once per process (or page) and cached.
 */
export function kernelModule(shared: boolean): Promise<WebAssembly.Module> {
  const name = shared ? 'evolve-shared.wasm' : 'evolve.wasm';
  let module = compiled.get(name);
  if (module === undefined) {
    // This file is dist/src/engines/wasm.js; the binaries are in dist/wasm/.
    module = readBytes(new URL(`../../wasm/${name}`, import.meta.url)).then((bytes) => WebAssembly.compile(bytes));
    compiled.set(name, module);
  }
  return module;
}

/** An instance of `module` over `memory`. */
export async function instantiate(module: WebAssembly.Module, memory: WebAssembly.Memory): Promise<Kernel> {
  const instance = await WebAssembly.instantiate(module, { env: { memory } });
  return instance.exports as unknown as Kernel;
}

async function readBytes(url: URL): Promise<BufferSource> {
  if (url.protocol === 'file:') {
    const { readFile } = await import('node:fs/promises');
    try {
      return new Uint8Array(await readFile(url));
    } catch (error) {
      throw new Error(
        `the WebAssembly kernel ${url.pathname} cannot be read (${(error as Error).message}); ` + 'it is built by `npm ci` (or `npm run build:wasm -w packages/particles`)',
      );
    }
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the WebAssembly kernel ${url.href} answered ${response.status}`);
  return response.arrayBuffer();
}
