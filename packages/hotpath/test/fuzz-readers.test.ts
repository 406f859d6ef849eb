// The readers under fuzz, seeded and small (bench/fuzz-readers.mjs is the long run): inputs
// generated from real captures (`hotpath profile -o`, `hotpath lines -o`, `node --cpu-prof`,
// `hotpath bench --save`) are read in process through every reader and writer (80 inputs,
// a few seconds), then 12 through the real commands. Each must be refused with one line
// naming the file, or give a valid output.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadRun, StorageError } from '../src/bench/storage.js';
import { renderBenchReport } from '../src/bench/report.js';
import { EXPORTERS } from '../src/export/index.js';
import { parseAnyProfile } from '../src/import/read-any.js';
import { parseProfile, ProfileFileError } from '../src/model/file.js';
import type { Profile } from '../src/model/profile.js';
import { mergeLineProfiles } from '../src/report/line-merge.js';
import { renderLineTable } from '../src/report/line-table.js';
import { renderReport } from '../src/report/report.js';
import { renderViewHtml } from '../src/view/report.js';
import { generateInputs, type FuzzInput, type Seed } from './fuzz/inputs.js';
import { badNumber, captureSeeds, checkFormat, checkHtml, runAll, tally, type FuzzContext } from './fuzz/run.js';

const BIN = fileURLToPath(new URL('../../bin/hotpath.js', import.meta.url));
const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-fuzz-test-'));
const captured = captureSeeds(BIN, path.join(dir, 'seeds'), {
  script: path.join(REPO, 'examples/taylor.ts'),
  plain: path.join(REPO, 'packages/hotpath/bench/programs/taylor.mjs'),
  benchImport: pathToFileURL(path.join(REPO, 'packages/hotpath/dist/src/index.js')).href,
});
const seeds: Seed[] = captured.seeds;
const SEED = 20261202;

test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** What {@link readInProcess} returns for a clean refusal. */
const REFUSED = 'refused';

/** Reads and writes one input in process; returns what is wrong, {@link REFUSED}, or null. */
async function readInProcess(input: FuzzInput, name: string): Promise<string | null> {
  if (input.kind === 'bench') return readBenchRun(input, name);
  let profile: Profile;
  try {
    profile = input.kind === 'lines' ? parseProfile(input.bytes.toString('utf8'), name) : parseAnyProfile(input.bytes, name);
  } catch (error) {
    if (!(error instanceof ProfileFileError)) return `threw ${(error as Error).stack}`;
    return oneLineNaming(error.message, name);
  }
  const report = renderReport(profile, { showInternals: true });
  if (badNumber(report, input.bytes)) return `the stats table shows ${badNumber(report, input.bytes)}`;
  if (profile.lines) {
    const table = renderLineTable(
      mergeLineProfiles([
        { file: name, profile },
        { file: name, profile },
      ]),
      { readSource: () => null },
    );
    if (badNumber(table, input.bytes)) return `the line table shows ${badNumber(table, input.bytes)}`;
  }
  const ctx = { externalCheckers: false, timeoutMs: 0 } as unknown as FuzzContext;
  for (const exporter of EXPORTERS.filter((e) => e.name !== 'svg')) {
    const data = await exporter.write(profile);
    const problem = await checkFormat(`out.${exporter.extensions[0]!.slice(1)}`, '', Buffer.from(data), ctx, input.bytes);
    if (problem) return `${exporter.name}: ${problem}`;
  }
  return checkHtml(renderViewHtml(profile, { sourceLimits: { maxFileBytes: 0, maxTotalBytes: 0 } }));
}

function readBenchRun(input: FuzzInput, name: string): string | null {
  const file = path.join(dir, name);
  fs.writeFileSync(file, input.bytes);
  try {
    const run = loadRun(file, name);
    const report = renderBenchReport(run, { sort: 'min', baseline: { run, name }, checks: [] });
    return badNumber(report.text, input.bytes) ? `the bench table shows ${badNumber(report.text, input.bytes)}` : null;
  } catch (error) {
    if (!(error instanceof StorageError)) return `threw ${(error as Error).stack}`;
    return oneLineNaming(error.message, name);
  } finally {
    fs.rmSync(file, { force: true });
  }
}

function oneLineNaming(message: string, name: string): string {
  return !message.includes('\n') && message.includes(name) ? REFUSED : `not one line naming ${name}: ${message}`;
}

// Fixed numbers of inputs, not a time budget: the work is the same on a busy machine.
test('fuzz in process: every generated input is refused in one line naming it, or read and written validly', { timeout: 300_000 }, async () => {
  // 20,000 calls deep: twice what V8's stack holds, so recursion would still fail, at a fifth of the time.
  const inputs = generateInputs(seeds, 80, SEED, 20_000);
  const problems: string[] = [];
  let refused = 0;
  for (const [i, input] of inputs.entries()) {
    const name = `in-${i}${input.kind === 'cpuprofile' ? '.cpuprofile' : '.json'}`;
    const problem = await readInProcess(input, name);
    if (problem === REFUSED) refused++;
    else if (problem) problems.push(`${input.seed} [${input.mutation.slice(0, 100)}]: ${problem.slice(0, 500)}`);
  }
  assert.deepEqual(problems, [], `${problems.length} of ${inputs.length} inputs`);
  assert.ok(refused > 0 && refused < inputs.length, `${refused} of ${inputs.length} refused: both kinds of outcome are exercised`);
});

test('fuzz through the commands: clean errors or valid outputs, files untouched on failure, no temporary files', { timeout: 300_000 }, async () => {
  const inputs = generateInputs(seeds, 12, SEED + 1, 20_000);
  const ctx: FuzzContext = { bin: BIN, dir: path.join(dir, 'runs'), benchFile: captured.benchFile, seeds, timeoutMs: 60_000, externalCheckers: false };
  const results = await runAll(inputs, ctx, 2);
  const bad = results.filter((r) => r.verdict !== 'error' && r.verdict !== 'accepted');
  const counts = tally(results);
  assert.equal(results.length, inputs.length);
  assert.ok(counts.error > 0, `no input was refused: ${JSON.stringify(counts)}`);
  assert.deepEqual(
    bad.map((r) => `${r.verdict}: ${r.command} on ${r.input.seed} [${r.input.mutation.slice(0, 80)}]: ${r.detail}`),
    [],
  );
});
