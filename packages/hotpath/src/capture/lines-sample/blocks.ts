/**
 * Where sample mode puts its line counters in a picked function: one counter per run of
 * statements that always execute together (a basic block, as V8's block coverage has),
 * not one per statement. A new run starts at the head of every statement list and after
 * every statement with control flow inside it (if, loops, switch, try, blocks). So the
 * chapter's inner loop body, seven statements, pays one increment per iteration.
 *
 * What the counts mean: a statement's hits are its run's counter, so a throw in the middle
 * of a run counts the rest of the run as executed (as V8's block coverage does). A loop
 * header (`for`, `while`, `do`) shows the number of times its body ran, its iterations, as
 * the chapter's line_profiler output shows them (`for i in range(nsteps)`: nsteps).
 *
 * Functions nested in `fn` (callbacks, arrows, inner declarations, methods) and class static
 * blocks get no counters from its plan: as in trace mode (and line_profiler, which traces one
 * code object), their lines are not `fn`'s own. The statement that defines or passes one is
 * `fn`'s and counts as usual. A nested function the user picks too gets its own plan.
 */
import type * as acorn from 'acorn';
import { prologueLength } from '../instrument/ast.js';
import { hasNoLine, LOOPS, partsOf } from '../instrument/statements.js';

/**
 * Text to insert: `open`/`close` wrap a non-block body in braces, `expression` and
 * `expressionEnd` an expression body in parentheses. A plan lists them outer before inner.
 */
export interface BlockInsertion {
  at: number;
  kind: 'statement' | 'open' | 'close' | 'expression' | 'expressionEnd';
  /** Local counter index (0-based within the plan). */
  counter: number;
}

/** The counters of one picked function. */
export interface BlockPlan {
  insertions: BlockInsertion[];
  /** Statement starts (character offsets) with their local counter. */
  statements: Array<{ at: number; counter: number }>;
  /** Local counter of the function's entry (its calls). */
  entry: number;
  /** Counters used. */
  size: number;
}

type AnyNode = acorn.Node & Record<string, unknown>;

/** Plans the counters of `fn`'s own statements (not those of the functions nested in it). */
export function planBlocks(fn: acorn.Function): BlockPlan {
  const planner = new Planner();
  const entry = planner.function(fn);
  return { insertions: planner.insertions, statements: planner.statements, entry, size: planner.size };
}

class Planner {
  insertions: BlockInsertion[] = [];

  statements: Array<{ at: number; counter: number }> = [];
  size = 0;

  /** Plans `fn`'s body; returns its entry counter. */
  function(fn: acorn.Function): number {
    if (fn.body.type === 'BlockStatement') return this.list(fn.body.body, fn.body.start + 1, true);
    const counter = this.size++;
    this.insertions.push({ at: fn.body.start, kind: 'expression', counter }, { at: fn.body.end, kind: 'expressionEnd', counter });
    this.statements.push({ at: fn.body.start, counter });
    return counter;
  }

  /** A statement list; returns its first counter (-1 for an empty list unless `force`). */
  private list(body: readonly acorn.Node[], openAt: number, force: boolean): number {
    const prologue = prologueLength(body);
    const statements = body.slice(prologue);
    let first = -1;
    let current = -1;
    for (const statement of statements) {
      if (current < 0) {
        current = this.size++;
        if (first < 0) first = current;
        this.insertions.push({ at: statement.start, kind: 'statement', counter: current });
      }
      this.statement(statement as AnyNode, current);
      if (partsOf(statement).length > 0) current = -1; // control flow inside: the next statement may not follow it
    }
    if (first < 0 && force) {
      first = this.size++;
      this.insertions.push({ at: prologue > 0 ? body[prologue - 1]!.end : openAt, kind: 'statement', counter: first });
    }
    return first;
  }

  /** Records a statement with its counter (a loop: its body's) and plans what it holds. */
  private statement(node: AnyNode, counter: number): number {
    // A nested declaration runs nothing where it stands (it is hoisted), so its line is not
    // the function's, as in trace mode; nor is an empty statement's.
    if (hasNoLine(node)) return counter;
    // A block is no code of its own: its line is hit by the statements on it (`case 2: {`).
    if (node.type === 'BlockStatement') return this.inner(node, counter);
    const at = this.statements.push({ at: node.start, counter }) - 1;
    const own = this.inner(node, counter);
    this.statements[at]!.counter = own;
    // `} while (test);` on a line of its own is hit once per test, as often as the body runs.
    if (node.type === 'DoWhileStatement') this.statements.push({ at: (node.test as AnyNode).start, counter: own });
    return own;
  }

  /**
   * Plans the statements inside `node` (not those inside the functions its expressions hold);
   * returns the counter its own line shows.
   */
  private inner(node: AnyNode, counter: number): number {
    // A loop's line shows its body's counter (labelled or not); other lines their own.
    let labelled: AnyNode = node;
    while (labelled.type === 'LabeledStatement') labelled = labelled.body as AnyNode;
    let own = counter;
    for (const part of partsOf(node)) {
      // Lists in a statement (a block, try, catch, finally, case) get counters only if they hold statements.
      const first = part.kind === 'branch' ? this.body(part.node as AnyNode) : this.list(part.statements, part.openAt, false);
      if (LOOPS.has(labelled.type)) own = first;
    }
    return own;
  }

  /** A body in statement position: a block's list, or a lone statement wrapped in braces. */
  private body(node: AnyNode): number {
    if (node.type === 'BlockStatement') return this.list(node.body as acorn.Node[], node.start + 1, true);
    const counter = this.size++;
    this.insertions.push({ at: node.start, kind: 'open', counter }, { at: node.end, kind: 'close', counter });
    this.statement(node, counter);
    return counter;
  }
}
