/**
 * TypeScript's compiler API, loaded on first use only: it takes 0.2 to 2 s to load, which a
 * plain JavaScript program, or a TypeScript one whose compiled code is cached, should not pay.
 */
import { createRequire } from 'node:module';

type TypeScript = typeof import('typescript');

const require = createRequire(import.meta.url);
let compiler: TypeScript | null = null;

/** The `typescript` module (the version hotpath depends on). */
export function typescriptCompiler(): TypeScript {
  compiler ??= require('typescript') as TypeScript;
  return compiler;
}
