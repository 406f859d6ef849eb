/// <reference lib="dom" />
// The page of `particles visualize`: runs the library's ParticleSimulator in the browser,
// one FRAME_DT per frame, and draws each frame with the drawScene the GIF renderer uses.
import { METHODS } from '../src/simulator.js';
import {
  DEFAULT_CONFIG,
  FRAME_DT,
  configFromQuery,
  describeSet,
  parseMethod,
  type ViewConfig,
} from '../src/view/config.js';
import { drawScene } from '../src/view/draw.js';
import { Playback, VIEW_ENGINES, type ViewEngine } from '../src/view/playback.js';
import { CanvasPainter } from './canvas-painter.js';
import type { ParticlesView } from './view-api.js';

declare global {
  interface Window {
    particlesView?: ParticlesView;
  }
}

/** Frames per second at speed 1×: 0.6 time units a second, a demo orbit in about 6 s. */
const FRAMES_PER_SECOND = 60;
/** Most time a display refresh spends simulating; past it frames are dropped, not queued. */
const STEP_BUDGET_MS = 30;
/** Most frames owed at once, so a tab back from the background does not race to catch up. */
const MAX_BACKLOG = 16;

/** The page's elements, looked up once. */
interface Ui {
  canvas: HTMLCanvasElement;
  title: HTMLElement;
  play: HTMLButtonElement;
  step: HTMLButtonElement;
  reset: HTMLButtonElement;
  method: HTMLSelectElement;
  engine: HTMLSelectElement;
  speed: HTMLSelectElement;
  trails: HTMLInputElement;
  status: HTMLElement;
  error: HTMLElement;
}

/** What changes while the page runs. */
interface State {
  playback: Playback;
  playing: boolean;
  speed: number;
  trails: boolean;
  /** Frames due but not yet simulated (fractional at slow speeds). */
  backlog: number;
  /** Time of the previous display refresh, or null after a pause. */
  last: number | null;
}

function start(): void {
  const ui = findUi();
  let config: ViewConfig;
  try {
    config = configFromQuery(new URLSearchParams(location.search), injectedConfig());
  } catch (error) {
    ui.error.textContent = `Cannot show this view: ${(error as Error).message}`;
    ui.error.hidden = false;
    return;
  }
  const state: State = {
    playback: new Playback(config),
    playing: new URLSearchParams(location.search).get('paused') !== '1',
    speed: 1,
    trails: true,
    backlog: 0,
    last: null,
  };
  const painter = new CanvasPainter(ui.canvas.getContext('2d')!);
  const redraw = (): void => {
    drawScene(painter, state.playback.scene(state.trails));
    showStatus(ui, state);
  };
  ui.title.textContent = `particles: ${describeSet(config)}`;
  bindControls(ui, state, redraw);
  window.particlesView = viewApi(ui, state, redraw);
  fitCanvas(ui.canvas, redraw);
  requestAnimationFrame(function tick(now) {
    if (advance(state, now)) redraw();
    requestAnimationFrame(tick);
  });
}

function findUi(): Ui {
  const get = <T extends HTMLElement>(id: string): T => {
    const element = document.getElementById(id);
    if (element === null) throw new Error(`index.html lacks #${id}`);
    return element as T;
  };
  return {
    canvas: get('scene'),
    title: get('title'),
    play: get('play'),
    step: get('step'),
    reset: get('reset'),
    method: get('method'),
    engine: get('engine'),
    speed: get('speed'),
    trails: get('trails'),
    status: get('status'),
    error: get('error'),
  };
}

/** The config the server wrote into the page; the defaults if the page came from elsewhere. */
function injectedConfig(): ViewConfig {
  try {
    return JSON.parse(document.getElementById('view-config')?.textContent ?? '') as ViewConfig;
  } catch {
    return DEFAULT_CONFIG;
  }
}

/** Simulates the frames due since the last refresh; true when anything moved. */
function advance(state: State, now: number): boolean {
  if (!state.playing) return false;
  const elapsed = state.last === null ? 0 : (now - state.last) / 1000;
  state.last = now;
  state.backlog = Math.min(state.backlog + elapsed * FRAMES_PER_SECOND * state.speed, MAX_BACKLOG);
  const started = performance.now();
  let moved = false;
  while (state.backlog >= 1 && performance.now() - started < STEP_BUDGET_MS) {
    state.playback.step();
    state.backlog -= 1;
    moved = true;
  }
  return moved;
}

function bindControls(ui: Ui, state: State, redraw: () => void): void {
  ui.method.replaceChildren(
    ...METHODS.map((m) => new Option(m, m, false, m === state.playback.method)),
  );
  ui.method.addEventListener('change', () => {
    state.playback.method = parseMethod(ui.method.value);
    redraw();
  });
  ui.engine.replaceChildren(...VIEW_ENGINES.map((e) => new Option(e, e, false, e === 'objects')));
  ui.engine.addEventListener('change', () => {
    switchEngine(ui, state, ui.engine.value, redraw).catch((error: unknown) => showError(ui, error));
  });
  ui.speed.addEventListener('change', () => (state.speed = Number(ui.speed.value)));
  ui.trails.addEventListener('change', () => {
    state.trails = ui.trails.checked;
    redraw();
  });
  ui.play.addEventListener('click', () => setPlaying(ui, state, !state.playing));
  ui.step.addEventListener('click', () => {
    state.playback.step();
    redraw();
  });
  ui.reset.addEventListener('click', () => {
    state.playback.reset();
    redraw();
  });
  setPlaying(ui, state, state.playing);
}

/** Moves the animation onto `name`; the method menu only applies to the objects engine. */
async function switchEngine(ui: Ui, state: State, name: string, redraw: () => void): Promise<void> {
  await state.playback.setEngine(name as ViewEngine);
  ui.engine.value = name;
  ui.method.disabled = name !== 'objects';
  redraw();
}

function showError(ui: Ui, error: unknown): void {
  ui.error.textContent = `Cannot switch the engine: ${(error as Error).message}`;
  ui.error.hidden = false;
}

function setPlaying(ui: Ui, state: State, playing: boolean): void {
  state.playing = playing;
  state.last = null;
  state.backlog = 0;
  ui.play.textContent = playing ? 'pause' : 'play';
}

function showStatus(ui: Ui, state: State): void {
  const p = state.playback;
  ui.status.textContent =
    `t = ${p.time.toFixed(2)}  frame ${p.frame}  ${p.engine === 'objects' ? p.method : `evolve on ${p.engine}`}  ` +
    `radius drift ${p.radiusDrift().toExponential(1)}`;
}

/** Keeps the canvas's pixel size equal to its displayed size, so lines stay sharp. */
function fitCanvas(canvas: HTMLCanvasElement, redraw: () => void): void {
  const fit = (): void => {
    const side = Math.max(1, Math.round(canvas.clientWidth * devicePixelRatio));
    if (canvas.width !== side || canvas.height !== side) {
      canvas.width = side;
      canvas.height = side;
    }
    redraw();
  };
  new ResizeObserver(fit).observe(canvas);
  fit();
}

function viewApi(ui: Ui, state: State, redraw: () => void): ParticlesView {
  const p = (): Playback => state.playback;
  return {
    frameDt: FRAME_DT,
    get config() {
      return p().config;
    },
    get method() {
      return p().method;
    },
    get frame() {
      return p().frame;
    },
    get time() {
      return p().time;
    },
    get playing() {
      return state.playing;
    },
    positions: () => p().positions(),
    radiusDrift: () => p().radiusDrift(),
    play: () => setPlaying(ui, state, true),
    pause: () => setPlaying(ui, state, false),
    step: (frames = 1) => {
      p().step(frames);
      redraw();
    },
    reset: () => {
      p().reset();
      redraw();
    },
    setMethod: (name) => {
      p().method = parseMethod(name);
      ui.method.value = name;
      redraw();
    },
    get engine() {
      return p().engine;
    },
    setEngine: (name) => switchEngine(ui, state, name, redraw),
  };
}

start();
