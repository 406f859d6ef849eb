// The bar for trace mode, through the real CLI on the chapter's example:
// `hotpath profile --mode trace examples/taylor.ts` shows factorial as 188000/750, and
// its callers as 187250/749 from itself, 500 from taylorExp and 250 from taylorSin.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/hotpath.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

function profileTaylor(...options: string[]): string {
  const run = spawnSync(process.execPath, [BIN, 'profile', '--mode', 'trace', ...options, 'examples/taylor.ts'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
}

test('trace mode counts factorial as 188000/750 at its TypeScript line', () => {
  const out = profileTaylor();
  assert.match(out, /188003 function calls \(753 primitive calls\) in \d+\.\d{3} seconds/);
  assert.match(out, /^188000\/750 +(\d+\.\d{3} +){4}examples\/taylor\.ts:5\(factorial\)$/m);
  assert.match(out, /^ +1 +(\d+\.\d{3} +){4}examples\/taylor\.ts:9\(taylorExp\)$/m);
});

test('--callers factorial: 187250/749 from itself, 500 from taylorExp, 250 from taylorSin', () => {
  const out = profileTaylor('--callers', 'factorial');
  const row = (calls: string, caller: string): RegExp => new RegExp(`^.* ${calls.replace('/', '\\/')} +\\d+\\.\\d{3} +\\d+\\.\\d{3}  examples/taylor\\.ts:${caller}$`, 'm');
  assert.match(out, /^examples\/taylor\.ts:5\(factorial\) +<- /m);
  assert.match(out, row('187250/749', '5\\(factorial\\)'));
  assert.match(out, row('500', '9\\(taylorExp\\)'));
  assert.match(out, row('250', '15\\(taylorSin\\)'));
});
