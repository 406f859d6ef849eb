// The report page's entry point: reads the embedded JSON (never markup), builds the shared
// lookups and the one selection store, mounts every view and exposes `window.hotpathView`.
import type { ViewApi } from './api.js';
import { mountCallGraph } from './callgraph.js';
import { VIEW_FORMAT, VIEW_VERSION, type ViewData } from './data.js';
import { el } from './dom.js';
import { mountFlame } from './flame.js';
import { setWeight } from './format.js';
import { mountLayout, mountSelectionBar } from './layout.js';
import { buildModel } from './model.js';
import { mountSource } from './source.js';
import { createSelectionStore } from './state.js';
import { mountTable } from './table.js';
import { mountTimeOrder } from './timeline.js';
import { mountCalleeMap } from './treemap.js';

declare global {
  interface Window {
    hotpathView?: ViewApi;
  }
}

function readData(): ViewData {
  const text = document.getElementById('hotpath-data')?.textContent ?? '';
  const data = JSON.parse(text) as ViewData;
  if (data.format !== VIEW_FORMAT || data.version !== VIEW_VERSION) {
    throw new Error(`this page holds ${String(data.format)} version ${String(data.version)}, not ${VIEW_FORMAT} ${VIEW_VERSION}`);
  }
  return data;
}

function start(): void {
  const started = performance.now();
  const data = readData();
  setWeight(data.weight);
  const model = buildModel(data);
  const store = createSelectionStore();
  mountLayout(model);
  mountSelectionBar(model, store);
  mountTable(model, store);
  mountCallGraph(model, store);
  const flame = mountFlame(model, store);
  const timeOrder = mountTimeOrder(model, store);
  const callee = mountCalleeMap(model, store);
  mountSource(model, store);
  const api: ViewApi = {
    renderMs: 0,
    selected: () => store.selected,
    select: (frame) => store.select(frame),
    frameOf: (name) => model.data.frames.findIndex((frame) => frame.name === name),
    flame: () => flame?.state() ?? null,
    flameNodeRect: (frame) => flame?.nodeRect(frame) ?? null,
    timeOrder: () => timeOrder?.state() ?? null,
    timeOrderRect: (frame) => timeOrder?.spanRect(frame) ?? null,
    calleeMap: () => callee.state(),
  };
  // The canvas views draw when they are first laid out (ResizeObserver, after the next frame's
  // layout); the API appears, with the time taken, once they have.
  requestAnimationFrame(() =>
    setTimeout(() => {
      api.renderMs = performance.now() - started;
      window.hotpathView = api;
    }, 0),
  );
}

try {
  start();
} catch (error) {
  // Shown on the page as text; rethrown so that the console (and the browser test) sees it.
  document.body.prepend(el('p', { class: 'fatal', text: `hotpath view could not show this report: ${(error as Error).message}` }));
  throw error;
}
