// The report document: one HTML file with the style, the data and the page script inlined.
// The data goes in a `<script type="application/json">`, which the browser never runs, with
// `<`, `>` and `&` escaped inside the JSON strings, so no name in a profile can close the
// element or start markup. A Content-Security-Policy allows only this document's own script
// and style (by hash) and nothing from the network: even markup that slipped through could
// not run an inline handler or load anything.
import { createHash } from 'node:crypto';
import type { ViewData } from './page/data.js';

/** What goes into a report document. */
export interface DocumentParts {
  title: string;
  data: ViewData;
  script: string;
  style: string;
}

/** The report as one self-contained HTML document. */
export function reportDocument({ title, data, script, style }: DocumentParts): string {
  checkInlinable(script, 'the page script');
  checkInlinable(style, 'the style sheet');
  const csp = ["default-src 'none'", `script-src '${sha256(script)}'`, `style-src '${sha256(style)}'`, 'img-src data:', "base-uri 'none'", "form-action 'none'"].join('; ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="hotpath view">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
<noscript>This report needs JavaScript to show the profile.</noscript>
<script type="application/json" id="hotpath-data">${jsonForScript(data)}</script>
<script>${script}</script>
</body>
</html>
`;
}

/**
 * JSON that is safe inside a `<script>` element: `<`, `>` and `&` become `\u003c`, `\u003e`
 * and `\u0026` (they only occur inside JSON strings, where the escapes mean the same), so
 * neither `</script>` nor `<!--` can appear. U+2028/U+2029 are escaped too, for any reader
 * that takes the text as JavaScript.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Text for HTML element content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

// Our own code and CSS never contain these; if a change brought one in, the document would
// break in a confusing way, so fail loudly where the report is written instead.
function checkInlinable(text: string, what: string): void {
  if (/<\/(script|style)|<!--/i.test(text)) throw new Error(`${what} contains '</script', '</style' or '<!--' and cannot be inlined`);
}

function sha256(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}
