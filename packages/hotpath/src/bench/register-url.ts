/**
 * Where the TypeScript loader's preload is, for `node --import`, apart from the loader itself
 * (bench/typescript.ts): a command that starts a program with it loads nothing of it.
 */

/** The module that registers the hooks when preloaded with `--import` (register.ts). */
export const REGISTER_MODULE = new URL('./register.js', import.meta.url);
