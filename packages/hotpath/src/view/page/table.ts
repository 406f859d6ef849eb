// The stats table: pstats' columns (ncalls, tottime, percall, cumtime, percall,
// filename:lineno(function)), sorted by clicking a header (again: the other way round),
// filtered by a text box, a row's click selecting its function.
//
// Every row is reachable: the table is virtual, only the rows in view (and a margin) are in
// the document, and a sizer keeps the scroll bar as long as all of them (a 2,821-function
// profile is 2,821 rows; rendering them all made every sort and selection slow). Names come
// first: the path of `file:line(function)` is cut at its start, never the function name.
import type { Unit, ViewFunction } from './data.js';
import { byId, clear, el } from './dom.js';
import { count, fixed, ncalls, perCall, UNITS, weightsAreTime, weightWords } from './format.js';
import { heatColor } from './heat.js';
import type { Model } from './model.js';
import type { SelectionStore } from './state.js';

/** Rows rendered above and below the visible ones, so that scrolling shows no gap. */
const OVERSCAN = 20;
/** A row's height before one is measured, px (12px/1.5 text, padding, border). */
const DEFAULT_ROW_HEIGHT = 23;

interface Column {
  key: string;
  title: string;
  help: string;
  value: (f: ViewFunction, label: string) => number | string;
  /** Sorted ascending on the first click (names); times and counts start descending. */
  ascending?: boolean;
}

const known = (n: number | null): number => n ?? -1;
const COLUMNS: readonly Column[] = [
  { key: 'ncalls', title: 'ncalls', help: 'calls (total/primitive: calls not made from inside itself)', value: (f) => known(f.calls) },
  { key: 'tottime', title: 'tottime', help: "time in the function's own code", value: (f) => f.self },
  { key: 'percall', title: 'percall', help: 'tottime per call', value: (f) => (f.calls ? f.self / f.calls : -1) },
  { key: 'cumtime', title: 'cumtime', help: 'time from entry to exit, callees included', value: (f) => f.total },
  { key: 'cumpercall', title: 'percall', help: 'cumtime per primitive call', value: (f) => ((f.primitiveCalls ?? f.calls) ? f.total / (f.primitiveCalls ?? f.calls)! : -1) },
  { key: 'name', title: 'filename:lineno(function)', help: 'where the function is', value: (_, label) => label, ascending: true },
];

interface TableState {
  sort: Column;
  descending: boolean;
  filter: string;
  unit: Unit;
}

/** Fills #table-panel's body and toolbar; re-renders on sort, filter, unit, scroll and selection. */
export function mountTable(model: Model, store: SelectionStore): void {
  const state: TableState = { sort: COLUMNS[1]!, descending: true, filter: '', unit: model.data.unit };
  const body = el('tbody');
  const head = el('thead', {}, [
    el(
      'tr',
      {},
      COLUMNS.map((column) => headerCell(column, state, render)),
    ),
  ]);
  const shown = el('span', { class: 'muted', attrs: { id: 'table-count' } });
  const scroller = byId('table-body');
  const sizer = el('div', { class: 'sizer' }, [el('table', { class: 'stats', attrs: { id: 'stats-table' } }, [head, body])]);
  byId('table-tools').append(filterBox(state, render), unitMenu(state, render), shown);
  scroller.append(sizer);
  body.addEventListener('click', (event) => {
    const row = (event.target as Element).closest('tr');
    if (row?.dataset['frame']) store.select(Number(row.dataset['frame']));
  });
  body.addEventListener('keydown', (event) => {
    const row = (event.target as Element).closest('tr');
    if (event.key === 'Enter' && row?.dataset['frame']) store.select(Number(row.dataset['frame']));
  });
  let rows: ViewFunction[] = [];
  let rowHeight = 0;
  let pending = 0;
  scroller.addEventListener('scroll', () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(paint);
  });
  store.subscribe((frame) => reveal(frame));
  function render(): void {
    rows = sortedRows(model, state);
    shown.textContent = rowCountText(rows.length, model.data.functions.length);
    head.querySelectorAll('th').forEach((th, i) => th.setAttribute('aria-sort', sortAttr(COLUMNS[i]!, state)));
    paint();
  }
  // Renders the rows in view; the sizer's padding stands for the rows above them.
  function paint(): void {
    const height = rowHeight || DEFAULT_ROW_HEIGHT;
    const first = Math.max(0, Math.floor(scroller.scrollTop / height) - OVERSCAN);
    const last = Math.min(rows.length, first + Math.ceil((scroller.clientHeight || 420) / height) + 2 * OVERSCAN);
    clear(body);
    body.append(...rows.slice(first, last).map((f) => row(model, f, state.unit)));
    sizer.style.paddingTop = `${first * height}px`;
    sizer.style.height = `${rows.length * height + head.offsetHeight}px`;
    markSelected(body, store.selected);
    const measured = body.rows[0]?.getBoundingClientRect().height ?? 0;
    if (measured > 0 && Math.abs(measured - height) > 0.5) {
      rowHeight = measured;
      paint();
    }
  }
  // Scrolls the selected function's row into view (a third from the top) when it is not.
  function reveal(frame: number | null): void {
    const index = frame === null ? -1 : rows.findIndex((f) => f.frame === frame);
    const height = rowHeight || DEFAULT_ROW_HEIGHT;
    const top = index * height;
    const view = scroller.clientHeight - head.offsetHeight;
    if (index >= 0 && (top < scroller.scrollTop || top + height > scroller.scrollTop + view)) {
      scroller.scrollTop = Math.max(0, top - view / 3);
    }
    paint();
  }
  render();
}

function rowCountText(matching: number, all: number): string {
  return matching === all ? `${count(all)} functions` : `${count(matching)} of ${count(all)} functions`;
}

function sortAttr(column: Column, state: TableState): string {
  if (column !== state.sort) return 'none';
  return state.descending ? 'descending' : 'ascending';
}

function headerCell(column: Column, state: TableState, render: () => void): HTMLTableCellElement {
  const button = el('button', { class: 'sort', text: column.title, title: `${column.help}: click to sort` });
  button.addEventListener('click', () => {
    state.descending = state.sort === column ? !state.descending : !column.ascending;
    state.sort = column;
    render();
  });
  return el('th', { class: column.key === 'name' ? 'name' : 'num', attrs: { 'data-key': column.key } }, [button]);
}

function filterBox(state: TableState, render: () => void): HTMLInputElement {
  const input = el('input', {
    attrs: { type: 'search', id: 'table-filter', placeholder: 'filter: file, line or name', 'aria-label': 'filter functions' },
  });
  let pending = 0;
  input.addEventListener('input', () => {
    state.filter = input.value.trim().toLowerCase();
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(render); // one render per frame while typing
  });
  return input;
}

function unitMenu(state: TableState, render: () => void): HTMLLabelElement {
  if (!weightsAreTime()) return el('label', { class: 'muted', text: `in ${weightWords()}` });
  const select = el(
    'select',
    { attrs: { id: 'table-unit' } },
    UNITS.map((u) => el('option', { text: u, attrs: { value: u } })),
  );
  select.value = state.unit;
  select.addEventListener('change', () => {
    state.unit = select.value as Unit;
    render();
  });
  return el('label', { class: 'muted', text: 'times in ' }, [select]);
}

function sortedRows(model: Model, state: TableState): ViewFunction[] {
  const labels = model.data.frames.map((frame) => frame.label);
  const rows = state.filter ? model.data.functions.filter((f) => labels[f.frame]!.toLowerCase().includes(state.filter)) : [...model.data.functions];
  const sign = state.descending ? -1 : 1;
  const value = state.sort.value;
  // Stable sort: ties keep the profile's order, as pstats keeps them.
  return rows.sort((a, b) => {
    const x = value(a, labels[a.frame]!);
    const y = value(b, labels[b.frame]!);
    return sign * (x < y ? -1 : x > y ? 1 : 0);
  });
}

function row(model: Model, f: ViewFunction, unit: Unit): HTMLTableRowElement {
  const frame = model.data.frames[f.frame]!;
  const swatch = el('span', { class: 'swatch' });
  swatch.style.background = heatColor(model.heat[f.frame]!);
  const cells = [
    el('td', { class: 'num', text: ncalls(f.calls, f.primitiveCalls) }),
    el('td', { class: 'num' }, [swatch, document.createTextNode(fixed(f.self, unit))]),
    el('td', { class: 'num', text: perCall(f.self, f.calls, unit) }),
    el('td', { class: 'num', text: fixed(f.total, unit) }),
    el('td', { class: 'num', text: perCall(f.total, f.primitiveCalls ?? f.calls, unit) }),
    el('td', { class: 'name', title: frame.label }, nameParts(frame.label, frame.name)),
  ];
  return el('tr', { attrs: { 'data-frame': String(f.frame), tabindex: '0', 'aria-selected': 'false' } }, cells);
}

// `examples/taylor.ts:5(factorial)` as a path that may be cut at its start (style.ts: the
// span runs right to left, its text left to right) and a function name that never is.
function nameParts(label: string, name: string): HTMLElement[] {
  const suffix = `(${name})`;
  if (!label.endsWith(suffix) || label === suffix) return [el('span', { class: 'fn', text: label })];
  const path = el('span', { class: 'path' }, [el('span', { text: label.slice(0, -suffix.length), attrs: { dir: 'ltr' } })]);
  return [el('span', { class: 'cell' }, [path, el('span', { class: 'fn', text: suffix })])];
}

function markSelected(body: HTMLElement, frame: number | null): void {
  for (const tr of body.querySelectorAll<HTMLTableRowElement>('tr[aria-selected="true"]')) tr.setAttribute('aria-selected', 'false');
  if (frame === null) return;
  body.querySelector<HTMLTableRowElement>(`tr[data-frame="${frame}"]`)?.setAttribute('aria-selected', 'true');
}
