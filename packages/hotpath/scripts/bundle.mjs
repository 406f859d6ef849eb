// Bundles hotpath's compiled JavaScript (tsc's dist/) for start-up speed: Node 20 loads each
// ES module separately (resolve, read, compile, link), and that was most of every command's
// fixed cost (bench/startup.mjs measures it).
// - The CLI: dist/src/.bundle/cli/main.js, split by esbuild into one chunk per command (and
//   what commands share), so `hotpath profile` loads a few files, not ~90.
// - The code run inside a profiled program: dist/src/.bundle/child/, the preload
//   (runner/preload.ts) and the module hooks it registers on Node's loader thread
//   (runner/hooks.ts), each a file, with a chunk per capture mode they load on demand.
// Every `import.meta.url` is rewritten to the URL of the file it was in, so URLs made from it
// (hotpath's own directory in own-code.ts, the viewer's page, the stop listener's worker)
// stay what they were; only the preload keeps its own (see below).
// TypeScript's compiler, viz-js and resvg (a native addon) stay outside: loaded only by the commands and files that
// need them. A manifest beside each bundle lists its inputs; a bundle is used only while none
// is newer (bin/hotpath.js, runner/child-bundle.ts), so after an edit `npx tsc -b` alone runs
// the edited code, only slower.
//
//   node packages/hotpath/scripts/bundle.mjs     (run by `npm run build`)
import { build } from 'esbuild';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/src/', import.meta.url));
const runner = path.join(dist, 'runner');
const cliOut = path.join(dist, '.bundle', 'cli');
const childOut = path.join(dist, '.bundle', 'child');
const common = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['typescript', '@viz-js/viz', '@resvg/resvg-js'],
  metafile: true,
  logLevel: 'warning',
  // CommonJS dependencies bundled into an ES module call require() for Node's built-ins.
  banner: { js: "import { createRequire as __hotpathCreateRequire } from 'node:module'; const require = __hotpathCreateRequire(import.meta.url);" },
};

// Node's built-in modules through require(): an ES module's `import { x } from 'node:fs'`
// makes the module's whole namespace, which runs every lazy getter on it (node:crypto's
// webcrypto, node:fs's streams: 5-7 ms each); require() hands over the object as it is.
const builtinsByRequire = {
  name: 'builtins-by-require',
  setup(b) {
    const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
    b.onResolve({ filter: /^[\w:/]+$/ }, (args) => {
      if (!builtins.has(args.path)) return undefined;
      if (args.kind === 'require-call') return { path: args.path, external: true };
      return { path: args.path, namespace: 'builtin' };
    });
    b.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};

/** Writes the manifest of a bundle: its inputs, relative to `dir`, and when it was made. */
function writeManifest(file, dir, builtAt, metafiles) {
  // Files only: the built-ins' stand-ins (namespace `builtin:`) are no files.
  const files = metafiles.flatMap((meta) => Object.keys(meta.inputs).filter((input) => !input.startsWith('builtin:')));
  const inputs = new Set(files.map((input) => path.relative(dir, path.resolve(input))));
  writeFileSync(`${file}.tmp`, JSON.stringify({ builtAt, inputs: [...inputs].sort() }) + '\n');
  renameSync(`${file}.tmp`, file);
  return inputs.size;
}

// `import.meta.url` in each module of the CLI bundle: the URL of the module's own file.
const originalUrls = (outdir, keep = () => false) => ({
  name: 'original-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/]src[\\/].*\.js$/ }, (args) => {
      const code = readFileSync(args.path, 'utf8');
      if (!code.includes('import.meta.url') || keep(args.path)) return undefined;
      const relative = path.relative(outdir, args.path).split(path.sep).join('/');
      return { contents: code.replaceAll('import.meta.url', `new URL(${JSON.stringify(relative)}, import.meta.url).href`), loader: 'js' };
    });
  },
});

const builtAt = Date.now();
const inputCounts = [];

/**
 * Builds into a fresh directory and then swaps it in, so a program started meanwhile finds
 * the old bundle or the new one, whole. Esbuild is given the final directory's name: the
 * URLs it writes are relative, and import.meta.url is rewritten relative to it.
 */
async function buildInto(outdir, options) {
  const fresh = `${outdir}.new-${process.pid}`;
  rmSync(fresh, { recursive: true, force: true });
  const result = await build({ ...options, outdir: fresh });
  inputCounts.push(writeManifest(path.join(fresh, 'manifest.json'), outdir, builtAt, [result.metafile]));
  const old = `${outdir}.old-${process.pid}`;
  try {
    renameSync(outdir, old);
  } catch {
    // first build
  }
  renameSync(fresh, outdir);
  rmSync(old, { recursive: true, force: true });
  return result;
}

await buildInto(childOut, {
  ...common,
  entryPoints: [path.join(runner, 'preload.js'), path.join(runner, 'hooks.js')],
  splitting: true,
  chunkNames: 'chunk-[hash]',
  // The preload's own URL stays the bundle's: it registers ./hooks.js beside it (the bundled
  // hooks) and finds itself in the program's execArgv by it (children.ts).
  plugins: [builtinsByRequire, originalUrls(childOut, (file) => file === path.join(runner, 'preload.js'))],
});

await buildInto(cliOut, {
  ...common,
  entryPoints: [path.join(dist, 'cli', 'main.js')],
  splitting: true,
  chunkNames: 'chunk-[hash]',
  plugins: [builtinsByRequire, originalUrls(cliOut)],
});
console.error(`bundle: ${inputCounts[0]} files into ${childOut}, ${inputCounts[1]} into ${cliOut}`);
