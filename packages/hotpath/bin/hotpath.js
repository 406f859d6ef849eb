#!/usr/bin/env node
// Committed shim: the compiled CLI lives in dist/ (built by `npm ci` through the root prepare
// script). `npm run build` also bundles it (scripts/bundle.mjs) into dist/src/.bundle/cli/,
// which starts about twice as fast; the bundle is used only while it is as new as every
// file it was made from, so after an edit and `npx tsc -b` alone the edited code runs.
import { readFileSync, statSync } from 'node:fs';

const bundle = new URL('../dist/src/.bundle/cli/', import.meta.url);

function bundleIsFresh() {
  try {
    const { builtAt, inputs } = JSON.parse(readFileSync(new URL('manifest.json', bundle), 'utf8'));
    return inputs.every((input) => statSync(new URL(input, bundle)).mtimeMs <= builtAt);
  } catch {
    return false; // not bundled, or an input is gone
  }
}

await import(bundleIsFresh() ? new URL('main.js', bundle).href : '../dist/src/cli/main.js');
