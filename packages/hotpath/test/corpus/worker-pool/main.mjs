// A piscina worker pool: 48 tiles of a Mandelbrot image rendered by two worker threads; the
// main thread checksums the tiles in order.
import { Piscina } from 'piscina';

const pool = new Piscina({ filename: new URL('./render.mjs', import.meta.url).href, minThreads: 2, maxThreads: 2 });
const tiles = Array.from({ length: 48 }, (_, i) => ({ row: Math.floor(i / 8), col: i % 8, size: 48, iterations: 6000 }));
const results = await Promise.all(tiles.map((tile) => pool.run(tile)));
let checksum = 0;
for (const { inside, escapeSum } of results) checksum = (checksum * 31 + inside * 7 + escapeSum) % 1_000_000_007;
console.log(`${results.length} tiles, ${results.reduce((n, r) => n + r.inside, 0)} points inside, checksum ${checksum}`);
await pool.destroy();
