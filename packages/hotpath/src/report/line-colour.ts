/**
 * `hotpath lines -r/--rich`, line_profiler's `--rich`: the line table with colour. Headings
 * bold, the `% Time` of hot lines in red (20% or more) or yellow (5% or more), and the source
 * highlighted by TypeScript's own scanner. The table's text is unchanged apart from the escape
 * codes, so a coloured table reads as the plain one.
 */
import type { SyntaxKind } from 'typescript';
import { typescriptCompiler } from '../runner/typescript-api.js';

type Ts = ReturnType<typeof typescriptCompiler>;

const ESC = (code: string) => (text: string) => (text === '' ? text : `\u001b[${code}m${text}\u001b[0m`);
const bold = ESC('1');
const dim = ESC('2');
const red = ESC('1;31');
const yellow = ESC('33');
const STYLE = { keyword: ESC('35'), string: ESC('32'), number: ESC('36'), comment: ESC('90') } as const;

/**
 * Whether to colour: asked for (`--rich`), and either `FORCE_COLOR` is set (not `0`) or
 * `stream` is a terminal and `NO_COLOR` is not set (no-color.org).
 */
export function wantsColour(asked: boolean, stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (!asked) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true && env.NO_COLOR === undefined;
}

/** The table of `renderLineTable` with colour. */
export function colourLineTable(table: string): string {
  const ts = typescriptCompiler();
  let contentsAt = -1;
  return table
    .split('\n')
    .map((line) => {
      if (/^(Timer unit|Total time|File|Function):/.test(line)) return bold(line);
      if (line.startsWith('Line #')) {
        contentsAt = line.indexOf('Line Contents');
        return bold(line);
      }
      if (/^=+$/.test(line)) return dim(line);
      if (line === '') contentsAt = -1;
      if (contentsAt < 0 || line.length < contentsAt - 2) return line;
      return figures(line.slice(0, contentsAt)) + highlight(ts, line.slice(contentsAt));
    })
    .join('\n');
}

// The % Time field is the last of a row's five figures (a row without hits has one: its number).
function figures(text: string): string {
  const match = /(\d+(?:\.\d+)?)(\s*)$/.exec(text);
  if (!match || text.trim().split(/\s+/).length < 5) return text;
  const share = Number(match[1]);
  const paint = share >= 20 ? red : share >= 5 ? yellow : (s: string) => s;
  return text.slice(0, match.index) + paint(match[1]!) + match[2];
}

function highlight(ts: Ts, code: string): string {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, code);
  let out = '';
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    out += styleOf(ts, kind)(scanner.getTokenText());
  }
  return out;
}

function styleOf(ts: Ts, kind: SyntaxKind): (text: string) => string {
  const K = ts.SyntaxKind;
  if (kind >= K.FirstKeyword && kind <= K.LastKeyword) return STYLE.keyword;
  if (kind === K.StringLiteral || kind === K.NoSubstitutionTemplateLiteral || (kind >= K.TemplateHead && kind <= K.TemplateTail)) return STYLE.string;
  if (kind === K.NumericLiteral || kind === K.BigIntLiteral) return STYLE.number;
  if (kind === K.SingleLineCommentTrivia || kind === K.MultiLineCommentTrivia) return STYLE.comment;
  return (text) => text;
}
