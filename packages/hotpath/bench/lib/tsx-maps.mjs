// Preloaded after tsx's loader (`node --import tsx --import ./tsx-maps.mjs script.ts`): at exit,
// writes the source map Node holds for each URL of HOTPATH_CORPUS_MAP_URLS to
// HOTPATH_CORPUS_MAP_OUT, as { url: map }. tsx enables source maps and transforms in memory, so
// this is the only place its maps exist.
import { writeFileSync } from 'node:fs';
import { findSourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

const urls = JSON.parse(process.env.HOTPATH_CORPUS_MAP_URLS ?? '[]');
const out = process.env.HOTPATH_CORPUS_MAP_OUT;

process.on('exit', () => {
  const maps = {};
  for (const url of urls) {
    // ES modules are found by URL, CommonJS modules by path.
    const map = findSourceMap(url) ?? (url.startsWith('file:') ? findSourceMap(fileURLToPath(url)) : undefined);
    if (map) maps[url] = map.payload;
  }
  if (out) writeFileSync(out, JSON.stringify(maps));
});
