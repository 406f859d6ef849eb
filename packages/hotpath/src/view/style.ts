// The report's style sheet, inlined into every report. System fonts, a light neutral page,
// white panels; colours with a meaning (heat, selection, search) come from page/heat.ts and
// are set by the views, so they are the same everywhere.

/** The CSS of a report page. */
export const REPORT_CSS = `
:root {
  --ink: #1f2328; --muted: #59636e; --line: #d8dee4; --page: #f4f6f8; --panel: #ffffff;
  --accent: #2563eb; --accent-soft: #dbe7ff; --warn-bg: #fff8e6; --warn-line: #f0d78c;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
}
* { box-sizing: border-box; }
html, body { margin: 0; background: var(--page); color: var(--ink); font: 13px/1.45 var(--sans); }
button, input, select { font: inherit; color: inherit; }
button { border: 1px solid var(--line); background: #f6f8fa; border-radius: 6px; padding: 2px 10px; cursor: pointer; }
button:hover:not([disabled]) { background: #eef1f4; }
button[disabled] { opacity: 0.45; cursor: default; }
input[type=search], select { border: 1px solid var(--line); border-radius: 6px; padding: 2px 8px; background: #fff; }
input[type=search] { width: 220px; }
.muted { color: var(--muted); }
.top { background: var(--panel); border-bottom: 1px solid var(--line); padding: 14px 24px 10px; }
.top h1 { margin: 0 0 2px; font-size: 18px; font-weight: 600; word-break: break-all; }
.top .brand { color: var(--accent); margin-right: 4px; }
.facts { margin: 0 0 6px; color: var(--muted); }
.notes { margin: 6px 0; padding: 6px 12px 6px 28px; background: var(--warn-bg); border: 1px solid var(--warn-line); border-radius: 6px; }
.notes li { margin: 1px 0; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: center; margin: 6px 0; color: var(--muted); font-size: 12px; }
.legend .key { display: inline-flex; align-items: center; gap: 6px; }
.legend .ramp { display: inline-block; width: 120px; height: 10px; border-radius: 3px; border: 1px solid var(--line); }
.legend .chip { display: inline-block; width: 12px; height: 12px; border-radius: 3px; }
.selection { display: flex; gap: 6px; align-items: baseline; min-height: 24px; padding-top: 4px; }
.selection strong { font-size: 14px; }
.selection button { margin-left: 8px; }
.grid { display: grid; grid-template-columns: minmax(0, 1.15fr) minmax(0, 1fr); grid-auto-flow: row dense; gap: 16px; padding: 16px 24px 32px; }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; min-width: 0; display: flex; flex-direction: column; }
.panel.wide { grid-column: 1 / -1; }
.panel-head { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; }
.panel-head h2 { margin: 0; font-size: 14px; font-weight: 600; cursor: help; }
.tools { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; flex: 1; }
.status { margin: 4px 0 6px; min-height: 1.45em; font-size: 12px; }
.body { position: relative; min-height: 60px; }
.body.table, .body.source { max-height: 420px; overflow: auto; border: 1px solid var(--line); border-radius: 6px; }
.body.graph { min-height: 200px; }
.body.flame, .body.timeorder { max-height: 460px; overflow-y: auto; overflow-x: hidden; }
.body.callee { min-height: 380px; }
.empty { color: var(--muted); padding: 12px 4px; margin: 0; }
.fatal { margin: 16px 24px; padding: 10px 14px; background: #ffebe9; border: 1px solid #ff8182; border-radius: 6px; }
canvas { display: block; cursor: pointer; }
table.stats, table.source { border-collapse: collapse; width: 100%; font: 12px/1.5 var(--mono); }
table.stats th, table.source th { position: sticky; top: 0; background: #f6f8fa; border-bottom: 1px solid var(--line); z-index: 1; font-weight: 600; text-align: right; padding: 0; white-space: nowrap; }
table.stats th.name, table.source th.code { text-align: left; }
table.stats th button { border: 0; background: none; border-radius: 0; width: 100%; text-align: inherit; padding: 4px 8px; font: inherit; }
table.stats th[aria-sort=descending] button::after { content: " \\25BE"; color: var(--accent); }
table.stats th[aria-sort=ascending] button::after { content: " \\25B4"; color: var(--accent); }
table.stats td { padding: 2px 8px; border-bottom: 1px solid #eef1f4; white-space: nowrap; }
table.stats td.num { text-align: right; }
table.stats td.name { max-width: 0; width: 100%; overflow: hidden; text-overflow: ellipsis; }
table.stats td.name .cell { display: flex; }
table.stats td.name .path { min-width: 0; overflow: hidden; text-overflow: ellipsis; direction: rtl; text-align: left; }
table.stats td.name .fn { flex: none; }
.body.table .sizer { box-sizing: border-box; }
table.stats tbody tr { cursor: pointer; }
table.stats tbody tr:hover { background: #f6f8fa; }
table.stats tbody tr[aria-selected=true] { background: var(--accent-soft); box-shadow: inset 3px 0 0 var(--accent); }
table.stats tbody tr:focus { outline: 2px solid var(--accent); outline-offset: -2px; }
.swatch { display: inline-block; width: 8px; height: 8px; border-radius: 2px; margin-right: 6px; vertical-align: 0; }
table.source th { padding: 4px 8px; }
table.source td { padding: 0 8px; vertical-align: top; }
table.source td.num { text-align: right; color: var(--muted); white-space: nowrap; }
table.source td.code { white-space: pre; tab-size: 4; width: 100%; }
table.source tr.fn-start td.lineno { color: var(--accent); font-weight: 700; box-shadow: inset 3px 0 0 var(--accent); }
table.source tr.fn-start td.code { font-weight: 600; }
#callgraph { display: block; font: 12px var(--sans); }
#callgraph .edge { fill: none; stroke: #9aa4b2; stroke-opacity: 0.75; }
#callgraph rect { stroke: rgba(31, 35, 40, 0.3); }
#callgraph .link { cursor: pointer; }
#callgraph .link:hover rect { stroke: var(--accent); stroke-width: 2; }
#callgraph .name { font-weight: 600; }
#callgraph .detail { font-size: 11px; opacity: 0.9; }
#callgraph .note { fill: var(--muted); font-size: 11px; }
.tooltip { position: fixed; z-index: 10; max-width: 460px; pointer-events: none; background: #1f2328; color: #fff; border-radius: 6px; padding: 6px 9px; font-size: 12px; box-shadow: 0 4px 14px rgba(0, 0, 0, 0.25); word-break: break-all; }
.tooltip .tip-title { font-weight: 600; }
@media (max-width: 1000px) { .grid { grid-template-columns: minmax(0, 1fr); } }
`;
