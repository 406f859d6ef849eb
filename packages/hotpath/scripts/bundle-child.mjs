// Bundles the code hotpath runs inside a profiled program (the preload, runner/preload.ts,
// and the module hooks it registers on Node's loader thread, runner/hooks.ts) into one file
// each, beside tsc's output: dist/src/runner/{preload,hooks}.bundle.js. Node 20 loads each
// ES module separately (resolve, read, compile, link: ~40 files, each on two threads), which
// was most of the child's start-up; one file is one of each. TypeScript's compiler stays
// outside (loaded on first use only, typescript-api.ts).
//
// The bundles sit in the same directory as the files they replace, so the URLs the code
// derives from `import.meta.url` (own-code.ts, stop-listener.ts) still point where they did.
// A manifest lists the files each bundle was made from; spawn.ts uses a bundle only while
// none of them is newer (child-bundle.ts), so `npx tsc -b` alone never runs stale code.
//
//   node packages/hotpath/scripts/bundle-child.mjs     (run by `npm run build`)
import { build } from 'esbuild';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const runner = fileURLToPath(new URL('../dist/src/runner/', import.meta.url));
const inputs = new Set();

for (const name of ['hooks', 'preload']) {
  const outfile = path.join(runner, `${name}.bundle.js`);
  const result = await build({
    entryPoints: [path.join(runner, `${name}.js`)],
    outfile: `${outfile}.tmp`,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['typescript'],
    metafile: true,
    logLevel: 'warning',
    // CommonJS dependencies bundled into an ES module call require() for Node's built-ins.
    banner: { js: "import { createRequire as __hotpathRequire } from 'node:module'; const require = __hotpathRequire(import.meta.url);" },
  });
  let code = readFileSync(`${outfile}.tmp`, 'utf8');
  if (name === 'preload') {
    // The preload registers the hooks by URL: the bundled hooks, not the separate modules.
    const parts = code.split('"./hooks.js"');
    if (parts.length !== 2) throw new Error(`bundle-child: expected one "./hooks.js" in the preload, found ${parts.length - 1}`);
    code = parts.join('"./hooks.bundle.js"');
  }
  writeFileSync(`${outfile}.tmp`, code);
  renameSync(`${outfile}.tmp`, outfile);
  for (const input of Object.keys(result.metafile.inputs)) inputs.add(path.resolve(input));
}

const manifest = { builtAt: Date.now(), inputs: [...inputs].map((file) => path.relative(runner, file)).sort() };
writeFileSync(path.join(runner, 'child-bundle.json.tmp'), JSON.stringify(manifest) + '\n');
renameSync(path.join(runner, 'child-bundle.json.tmp'), path.join(runner, 'child-bundle.json'));
console.error(`bundle-child: ${manifest.inputs.length} files into preload.bundle.js and hooks.bundle.js`);
