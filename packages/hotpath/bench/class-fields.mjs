// The class-field trap, measured: programs/class-fields/fields.ts (declared-only fields
// `x: number;` under a tsconfig whose target makes tsc drop them) run
//   1. under hotpath's loader (what `hotpath profile` and `hotpath bench` run),
//   2. built by tsc with the same tsconfig (what the user ships),
//   3. type-blanked only (ts-blank-space: `x;` stays, a field defined as undefined), as
//      hotpath's loader ran it before it read tsconfig.json.
// Runs are interleaved; the table gives medians and the ratio to the tsc build. The bar:
// the loader within 10% of tsc.
//   node packages/hotpath/bench/class-fields.mjs [runs=11]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cells, CELLS_HEADER, once } from './lib/measure.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const program = path.join(here, 'programs/class-fields');
const register = path.join(here, '../dist/src/bench/register.js');
const require = createRequire(import.meta.url);
const runs = Number(process.argv[2] ?? 11);

const out = mkdtempSync(path.join(tmpdir(), 'hotpath-class-fields-'));
try {
  const tsc = require.resolve('typescript/bin/tsc');
  const build = spawnSync(process.execPath, [tsc, '-p', program, '--outDir', out], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`tsc failed: ${build.stdout}${build.stderr}`);
  writeFileSync(path.join(out, 'package.json'), '{ "type": "module" }\n');
  const blank = require('ts-blank-space').default;
  writeFileSync(path.join(out, 'blanked.mjs'), blank(readFileSync(path.join(program, 'fields.ts'), 'utf8')));
  cpSync(path.join(program, 'tsconfig.json'), path.join(out, 'tsconfig.json'));

  const variants = [
    ['hotpath loader', ['--import', register, path.join(program, 'fields.ts')]],
    ['tsc build', [path.join(out, 'fields.js')]],
    ['blanked only', [path.join(out, 'blanked.mjs')]],
  ];
  for (const [, argv] of variants) once(argv); // warm-up: the loader's cache, the disk
  const results = variants.map(() => []);
  for (let run = 0; run < runs; run++) variants.forEach(([, argv], i) => results[i].push(once(argv)));
  console.log(`class-fields: ${runs} interleaved runs each, medians; ratios to the tsc build`);
  console.log(`${'variant'.padEnd(16)} ${CELLS_HEADER}`);
  variants.forEach(([name], i) => console.log(`${name.padEnd(16)} ${cells(results[i], results[1])}`));
} finally {
  rmSync(out, { recursive: true, force: true });
}
