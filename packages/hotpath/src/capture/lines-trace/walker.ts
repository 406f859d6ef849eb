// Plans the line events of one measured function: what is inserted before its statements
// and around its loops. Only insertions, each on the line of the code it is anchored to,
// so lines never shift (../instrument/insertions.ts).
//
// Events (`A` is the activation local, H a loop header's line slot):
//   statement            A.l(slot);  before it: a hit, and the previous line gets its time
//   same-line statements  one event for the line (`a(); b();` is one hit, as in Python)
//   for (i; t; u) B      A.j(H); for (i; t; A.j(H),u) {A.k(H); B}
//   while (t) B          while (A.j(H),t) {A.k(H); B}
//   do B while (t)       A.j(H); do {A.k(H); B} while (A.l(T),t)
//   for (x of/in y) B    A.j(H); for (x of y) {A.k(H); B A.j(H);}
// So a loop header's hits are the times its body was entered (iterations), and its time is
// the loop's own work: init, tests, updates, the iterable and its steps. (A `continue` in a
// for-of skips the loop-back: that iterator step goes to the continue's line.)
import type * as acorn from 'acorn';
import { afterDirectives } from '../instrument/ast.js';
import { hasNoLine, LOOPS, partsOf } from '../instrument/statements.js';
import { lineSnippet } from './protocol.js';

/** Slot numbers, known once the function's lines are counted. */
export interface Slots {
  /** The function's own slot (its calls). */
  fn: number;
  /** The slot of an original line. */
  line(line: number): number;
}

/** An insertion whose text needs the slots. */
export interface PlannedLineInsertion {
  pos: number;
  closing: boolean;
  depth: number;
  text: (slots: Slots) => string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- acorn's nodes, read by field name
type Any = acorn.Node & Record<string, any>;

/** Plans the events of one function. */
export class LineWalker {
  readonly planned: PlannedLineInsertion[] = [];
  /** Original lines that get events. */
  readonly lines = new Set<number>();

  /**
   * @param lineOf - the original (source-mapped) line of a node's start.
   * @param depthOf - a node's depth in the AST: orders insertions that meet at one offset.
   */
  constructor(
    private readonly source: string,
    private readonly lineOf: (node: acorn.Node) => number,
    private readonly depthOf: (node: acorn.Node) => number,
  ) {}

  /** Plans enter/exit and every statement's events of `fn`. */
  planFunction(fn: acorn.Function): void {
    const body = fn.body as Any;
    const depth = this.depthOf(body);
    if (body.type !== 'BlockStatement') {
      const line = this.use(body);
      this.add(body.start, depth, false, (s) => `{${lineSnippet.enter(s.fn)}${lineSnippet.line(s.line(line))}return `);
      this.add(body.end, depth, true, () => `${lineSnippet.exit}}`);
      return;
    }
    const { pos, separator } = afterDirectives(this.source, body.body, body.start + 1);
    const statements = (body.body as acorn.Statement[]).filter((st) => st.start >= pos);
    const empty = statements.length === 0;
    this.add(pos, depth, false, (s) => separator + lineSnippet.enter(s.fn) + (empty ? lineSnippet.exit : ''));
    if (!empty) this.add(body.end - 1, depth, true, () => lineSnippet.exit);
    this.statements(statements, -1);
  }

  private add(pos: number, depth: number, closing: boolean, text: (slots: Slots) => string): void {
    this.planned.push({ pos, depth, closing, text });
  }

  private use(node: acorn.Node): number {
    const line = this.lineOf(node);
    this.lines.add(line);
    return line;
  }

  /** A statement list; `previous` is the line whose event ran just before the first one. */
  private statements(list: readonly acorn.Node[], previous: number): void {
    let last = previous;
    for (const st of list) last = this.statement(st as Any, last, st.start);
  }

  /** Plans one statement; returns its line when nothing else ran after its event, else -1. */
  private statement(st: Any, previous: number, at: number): number {
    if (hasNoLine(st)) return previous;
    switch (st.type) {
      case 'BlockStatement':
        this.statements(st.body, previous);
        return -1;
      case 'LabeledStatement':
        return this.statement(st.body, previous, at);
    }
    if (LOOPS.has(st.type)) {
      this.loop(st, at);
      return -1;
    }
    const line = this.lineOf(st);
    if (line !== previous) {
      this.lines.add(line);
      this.add(at, this.depthOf(st), false, (s) => lineSnippet.line(s.line(line)));
    }
    return this.children(st, line) ? -1 : line;
  }

  /** The statements nested in a compound statement (../instrument/statements.ts); whether there were any. */
  private children(st: Any, line: number): boolean {
    const parts = partsOf(st);
    for (const part of parts) {
      const previous = part.follows ? line : -1;
      if (part.kind === 'branch') this.branch(part.node as Any, previous);
      else this.statements(part.statements, previous);
    }
    return parts.length > 0;
  }

  /** A branch: a block's statements, or one statement given braces so its event stays in the branch. */
  private branch(node: Any, previous: number, prefix?: (s: Slots) => string, suffix?: (s: Slots) => string): void {
    const depth = this.depthOf(node);
    if (node.type === 'BlockStatement') {
      if (prefix) this.add(node.start + 1, depth, false, prefix);
      this.statements(node.body, previous);
      if (suffix) this.add(node.end - 1, depth, true, suffix);
      return;
    }
    this.add(node.start, depth - 0.5, false, (s) => `{${prefix?.(s) ?? ''}`);
    this.statement(node, previous, node.start);
    this.add(node.end, depth - 0.5, true, (s) => `${suffix?.(s) ?? ''}}`);
  }

  private loop(st: Any, at: number): void {
    const header = this.use(st);
    const jump = (s: Slots): string => lineSnippet.jump(s.line(header));
    const hit = (s: Slots): string => lineSnippet.hit(s.line(header));
    if (st.type !== 'WhileStatement') this.add(at, this.depthOf(st), false, (s) => `${jump(s)};`);
    const loopBack = st.type === 'ForOfStatement' || st.type === 'ForInStatement' ? (s: Slots) => `${jump(s)};` : undefined;
    this.branch(st.body, header, hit, loopBack);
    if (st.type === 'ForStatement') this.forUpdate(st, jump);
    if (st.type === 'WhileStatement') this.add(st.test.start, this.depthOf(st.test), false, (s) => `${jump(s)},`);
    if (st.type === 'DoWhileStatement') {
      const test = this.use(st.test);
      const event = (s: Slots): string => (test === header ? jump(s) : lineSnippet.line(s.line(test)).slice(0, -1));
      this.add(st.test.start, this.depthOf(st.test), false, (s) => `${event(s)},`);
    }
  }

  /** `for`'s update runs after each iteration, `continue` included: the header's event goes there. */
  private forUpdate(st: Any, jump: (s: Slots) => string): void {
    if (st.update) {
      this.add(st.update.start, this.depthOf(st.update), false, (s) => `${jump(s)},`);
      return;
    }
    // No update: insert before the `)` that closes the header.
    let close = st.body.start - 1;
    while (close > st.start && this.source[close] !== ')') close--;
    this.add(close, this.depthOf(st.body), false, jump);
  }
}
