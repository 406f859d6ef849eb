// hotpath's .cpuprofile opened in Chrome DevTools' own Performance panel: the DevTools
// frontend bundled with Debian's Chromium (devtools://devtools/bundled/devtools_app.html),
// in a headless Chromium driven by playwright-core, loading the file the way "Load profile"
// does (TimelinePanel.loadFromFile). What DevTools parsed is compared with hotpath's numbers.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { chromium } from 'playwright-core';
import { totalTime } from '../src/export/counts.js';
import { loadProfileSync } from '../src/model/file.js';
import { CHROMIUM, CHROMIUM_ARGS, hotpath, profileExample, ROOT, tempDir, totalWithCollections } from './consumers.js';

/** What the Performance panel made of a profile. */
interface DevToolsView {
  /** The trace's bounds, µs (null where DevTools found no time). */
  range: number | null;
  /** Self time per function name, µs, from the calls the flame chart draws. */
  self: Record<string, number>;
  /** The "Scripting N ms" of the panel's Summary, as shown. */
  scripting: string | null;
  /** Per function name: when the flame chart's first box of it starts and its last one ends, and their lengths' sum, µs. */
  spans: Record<string, { first: number; last: number; total: number }>;
}

// Runs in the DevTools page (plain JavaScript: it is evaluated there): loads the file into
// the Performance panel as "Load profile" does and reads what the panel parsed.
const LOAD_IN_PERFORMANCE_PANEL = String.raw`async (text) => {
  const attempt = (f) => {
    try {
      return f();
    } catch {
      return null; // not ready yet
    }
  };
  const until = async (ready) => {
    for (const deadline = Date.now() + 30_000; !attempt(ready) && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 100));
    return attempt(ready);
  };
  // A module of the DevTools frontend, resolved inside the devtools:// page.
  const timeline = await import('./panels/timeline/timeline.js');
  const panel = await until(() => timeline.TimelinePanel.TimelinePanel.instance()); // the panel is up
  await panel.loadFromFile(new File([text], 'profile.cpuprofile'));
  const parsed = await until(() => panel.getParsedTraceForLayoutTests());
  const self = {};
  const spans = {};
  for (const threads of parsed.Samples.profilesInProcess.values()) {
    for (const profile of threads.values()) {
      // Each profile call is one drawn box: its self time is its duration less its children's.
      const calls = [...profile.profileCalls].sort((a, b) => a.ts - b.ts);
      const open = [];
      const close = (until) => {
        while (open.length > 0 && open.at(-1).end <= until + 1e-6) {
          const done = open.pop();
          self[done.name] = (self[done.name] ?? 0) + done.self;
        }
      };
      for (const call of calls) {
        const name = call.callFrame.functionName;
        spans[name] ??= { first: call.ts, last: call.ts + call.dur, total: 0 };
        spans[name].last = Math.max(spans[name].last, call.ts + call.dur);
        spans[name].total += call.dur;
        close(call.ts);
        if (open.length > 0) open.at(-1).self -= call.dur;
        open.push({ name: call.callFrame.functionName, end: call.ts + call.dur, self: call.dur });
      }
      close(Infinity);
    }
  }
  await new Promise((r) => setTimeout(r, 500)); // the Summary renders after the model
  const texts = [];
  const walk = (node) => {
    if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) texts.push(child.textContent ?? '');
      else if (child.nodeName !== 'STYLE' && child.nodeName !== 'SCRIPT') walk(child);
    }
  };
  walk(document.body);
  const scripting = /Scripting\s+(-?[\d.,]+\s*m?s)/.exec(texts.join(' ').replace(/\s+/g, ' '))?.[1] ?? null;
  return { range: parsed.Meta.traceBounds.range ?? null, self, scripting, spans };
}`;

/** What DevTools' Performance panel parses of the cpuprofile `cpuprofile`. */
async function loadInDevTools(cpuprofile: string): Promise<DevToolsView> {
  const context = await chromium.launchPersistentContext(tempDir('devtools-user-data'), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await context.newPage();
    await page.goto('devtools://devtools/bundled/devtools_app.html?panel=timeline');
    const text = readFileSync(cpuprofile, 'utf8');
    return (await page.evaluate(`(${LOAD_IN_PERFORMANCE_PANEL})(${JSON.stringify(text)})`)) as DevToolsView;
  } finally {
    await context.close();
  }
}

test("DevTools' Performance panel draws the Taylor trace's .cpuprofile: factorial, taylorExp, main; Scripting within 5% of hotpath's total", { timeout: 180_000 }, async () => {
  const dir = tempDir('devtools');
  const file = profileExample(dir, 'taylor.ts', 'trace');
  const cpuprofile = path.join(dir, 'taylor.cpuprofile');
  hotpath(dir, 'convert', file, '-o', cpuprofile);
  const profile = loadProfileSync(file);
  const view = await loadInDevTools(cpuprofile);
  const hotpathTotalUs = totalTime(profile) / 1000;
  const rootUs = profile.tree![0]!.self / 1000;
  assert.ok(view.range !== null && view.range > 0, `DevTools' trace range: ${view.range}`);
  assert.ok(Math.abs(view.range - (hotpathTotalUs + rootUs)) <= 1, `range ${view.range} µs`);
  for (const name of ['factorial', 'taylorExp', 'main']) assert.ok(view.self[name] !== undefined, `${name} drawn`);
  const drawn = Object.values(view.self).reduce((sum, us) => sum + us, 0);
  assert.ok(Math.abs(drawn - hotpathTotalUs) <= 0.05 * hotpathTotalUs, `DevTools ${drawn} µs, hotpath ${hotpathTotalUs} µs`);
  const factorial = profile.functions.find((f) => profile.frames[f.frame]!.name === 'factorial')!;
  assert.ok(Math.abs(view.self['factorial']! - factorial.self / 1000) <= 0.05 * (factorial.self / 1000));
  // What a user reads in the Summary: positive, and hotpath's total to the ms it shows.
  assert.ok(view.scripting !== null, 'the Summary shows Scripting');
  const shownMs = Number.parseFloat(view.scripting.replace(',', ''));
  assert.ok(shownMs > 0, `Scripting ${view.scripting}`);
  assert.ok(Math.abs(shownMs - hotpathTotalUs / 1000) <= Math.max(0.05 * (hotpathTotalUs / 1000), 0.5), `Scripting ${view.scripting}`);
});

test("DevTools' flame chart of a sample profile's .cpuprofile keeps the order: a() runs, then b(); times as hotpath's", { timeout: 180_000 }, async () => {
  const dir = tempDir('devtools-order');
  const file = path.join(dir, 'ab.json');
  hotpath(dir, 'profile', '-o', file, path.join(ROOT, 'packages/hotpath/test/fixtures/programs/a-then-b.cjs'));
  const cpuprofile = path.join(dir, 'ab.cpuprofile');
  hotpath(dir, 'convert', file, '-o', cpuprofile);
  const profile = loadProfileSync(file);
  const view = await loadInDevTools(cpuprofile);
  const { a, b } = view.spans;
  assert.ok(a && b, `a and b drawn: ${Object.keys(view.spans).join(', ')}`);
  assert.ok(a.last <= b.first + 0.001, `a from ${a.first} to ${a.last} µs, b from ${b.first} µs`);
  // The real samples, read DevTools' way: a (garbage collector) sample goes on top of the stack
  // before it, so a's boxes hold a's samples and the collections between them, to the µs.
  for (const name of ['a', 'b']) {
    const expected = totalWithCollections(profile, name);
    const drawn = view.spans[name]!.total;
    assert.ok(Math.abs(drawn - expected / 1000) <= 1, `${name}: DevTools ${drawn} µs, hotpath's samples ${expected / 1000} µs`);
  }
});
