#!/usr/bin/env node
// Assembles wasm/evolve.wat into dist/wasm/ with wabt (the WebAssembly Binary Toolkit, from
// npm): evolve.wasm imports an ordinary memory (the wasm engine, also in the browser), and
// evolve-shared.wasm the same code over a shared memory (the workers engine). Run by the
// package's prepare script, so `npm ci` builds the binaries; they are never committed.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import wabtModule from 'wabt';

const here = new URL('..', import.meta.url);
const sourceUrl = new URL('wasm/evolve.wat', here);
const outDir = new URL('dist/wasm/', here);
const IMPORT = '(import "env" "memory" (memory 1 65536))';
const SHARED = '(import "env" "memory" (memory 1 65536 shared))';

const wabt = await wabtModule();
const source = readFileSync(sourceUrl, 'utf8');
if (!source.includes(IMPORT)) {
  console.error(`build-wasm: ${sourceUrl.pathname} lacks the line ${IMPORT}`);
  process.exit(1);
}
mkdirSync(outDir, { recursive: true });
for (const [name, text] of [
  ['evolve.wasm', source],
  ['evolve-shared.wasm', source.replace(IMPORT, SHARED)],
]) {
  const features = { simd: true, threads: true };
  const module = wabt.parseWat('evolve.wat', text, features);
  module.validate(features);
  const { buffer } = module.toBinary({ write_debug_names: true });
  module.destroy();
  // Written whole, then renamed: a reader never sees half a module.
  const target = new URL(name, outDir);
  const temporary = new URL(`${name}.${process.pid}.tmp`, outDir);
  writeFileSync(temporary, buffer);
  renameSync(temporary, target);
  console.error(`build-wasm: ${target.pathname.replace(here.pathname, '')} (${buffer.length} bytes)`);
}
