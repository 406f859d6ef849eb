/**
 * Which files the loader compiles, apart from the compiling (runner/typescript.ts): commands
 * that only start a program with the loader (`hotpath time`, `hotpath mprof run`) ask this
 * without loading acorn and the source-map libraries.
 */

/**
 * Whether a file is source the loader turns into JavaScript: TypeScript (`.ts`, `.mts`,
 * `.cts`, `.tsx`; not `.d.ts`) or JSX (`.jsx`).
 */
export function isTypeScript(file: string): boolean {
  return /\.(?:[mc]?ts|tsx|jsx)$/.test(file) && !/\.d\.[mc]?ts$/.test(file);
}
