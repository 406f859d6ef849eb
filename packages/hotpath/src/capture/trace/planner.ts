// The call tracer's planner: riding the pipeline's one walk (../instrument/module.ts), it
// plans the insertions that make each call report enter/exit to the recorder. See
// instrument.ts for the public entry point and recorder.ts for what the inserted calls do.
//
// What gets inserted (ids shown as 7; `R` is the runtime global):
//   sync function      { const __hpt=R.e(7);try{ BODY }finally{R.x(__hpt)} }
//   expression arrow   x => {const __hpt=R.e(7);try{return EXPR}finally{R.x(__hpt)}}
//   async / generator  { const __hpc=R.ea(7);try{ BODY }finally{R.xa(__hpc)} }
//   await X, yield X   R.r(await R.s(X,__hpc),__hpc)   (suspend after X ran, resume after)
//   for await (a of X) for await (a of R.fa(X,__hpc)) {R.q(__hpc); BODY}, then R.q(__hpc)
//   catch / finally    {R.q(__hpc); ...}  (a rejected await resumes the function here)
// Directive prologues ('use strict') stay first; nothing is removed; every insertion is on
// the line of the code it is anchored to, so lines never shift.
import type * as acorn from 'acorn';
import { afterDirectives, isFunction, type WalkVisitor } from '../instrument/ast.js';
import type { ModuleFunction } from '../instrument/module.js';
import { snippet } from './protocol.js';

/** An insertion whose text may depend on the id the file's first function gets. */
export interface PlannedInsertion {
  pos: number;
  closing: boolean;
  depth: number;
  text: (firstId: number) => string;
}

/** What the walk tracks of the function it is inside. */
interface FunctionScope {
  /** Async functions and generators suspend: they use an activation cell, not a token. */
  suspends: boolean;
  asyncGenerator: boolean;
}

type AnyNode = acorn.Node & Record<string, unknown>;

/** Plans the tracing of a module's functions, node by node, as the pipeline walks it. */
export class TracePlanner implements WalkVisitor<ModuleFunction> {
  readonly insertions: PlannedInsertion[] = [];
  /** Innermost last; `null` marks a boundary that is not a function (class field, static block). */
  private readonly scopes: Array<FunctionScope | null> = [];

  constructor(private readonly source: string) {}

  enter(node: acorn.Node, ancestors: readonly acorn.Node[], fn?: ModuleFunction): void {
    // Class field values and static blocks run as functions of their own: an await or a
    // catch inside them does not belong to the enclosing function.
    if (isBoundary(node, ancestors)) this.scopes.push(null);
    if (fn) this.scopes.push(this.wrapFunction(fn));
    else this.planSuspensions(node as AnyNode, ancestors);
  }

  leave(node: acorn.Node, ancestors: readonly acorn.Node[]): void {
    if (isFunction(node)) this.scopes.pop();
    if (isBoundary(node, ancestors)) this.scopes.pop();
  }

  private add(pos: number, depth: number, closing: boolean, text: string | ((firstId: number) => string)): void {
    this.insertions.push({ pos, depth, closing, text: typeof text === 'string' ? () => text : text });
  }

  /** Plans enter/exit around a function's body. */
  private wrapFunction(found: ModuleFunction): FunctionScope {
    const { node: fn, index: local, depth } = found;
    const suspends = fn.async || fn.generator;
    const open = (id: number): string => (suspends ? snippet.enterCell(id) : snippet.enter(id));
    const close = suspends ? snippet.exitCell : snippet.exit;
    const body = fn.body;
    if (body.type === 'BlockStatement') {
      const { pos, separator } = afterDirectives(this.source, body.body, body.start + 1);
      // In an empty body both ends fall on one offset, where closings would sort first.
      const tail = pos === body.end - 1 ? close : '';
      this.add(pos, depth, false, (first) => separator + open(first + local) + tail);
      if (!tail) this.add(body.end - 1, depth, true, close);
    } else {
      this.add(body.start, depth, false, (first) => `{${open(first + local)}return `);
      this.add(body.end, depth, true, `${close}}`);
    }
    return { suspends, asyncGenerator: fn.async && fn.generator };
  }

  /** Plans the suspend/resume calls of async functions and generators. */
  private planSuspensions(node: AnyNode, ancestors: readonly acorn.Node[]): void {
    const depth = ancestors.length;
    const scope = this.scopes.at(-1);
    if (!scope?.suspends) return;
    switch (node.type) {
      case 'AwaitExpression':
      case 'YieldExpression':
        this.planSuspendResume(node as unknown as acorn.AwaitExpression | acorn.YieldExpression, depth);
        break;
      case 'ForOfStatement':
        if ((node as unknown as acorn.ForOfStatement).await) {
          this.planForAwait(node as unknown as acorn.ForOfStatement, ancestors);
        }
        break;
      case 'CatchClause':
        this.add((node as unknown as acorn.CatchClause).body.start + 1, depth + 1, false, snippet.resume);
        break;
      case 'TryStatement': {
        const finalizer = (node as unknown as acorn.TryStatement).finalizer;
        if (finalizer) this.add(finalizer.start + 1, depth + 1, false, snippet.resume);
        break;
      }
      case 'ReturnStatement': {
        // An async generator's `return x` awaits x before finally blocks run: suspend first.
        const argument = (node as unknown as acorn.ReturnStatement).argument;
        if (scope.asyncGenerator && argument) this.wrapOperand(argument, depth + 1);
        break;
      }
    }
  }

  private planSuspendResume(node: acorn.AwaitExpression | acorn.YieldExpression, depth: number): void {
    this.add(node.start, depth, false, snippet.resumeOpen);
    if (node.argument) this.wrapOperand(node.argument, depth + 1);
    else this.add(node.end, depth + 1, true, snippet.undefinedOperand);
    this.add(node.end, depth, true, snippet.resumeClose);
  }

  private wrapOperand(operand: acorn.Node, depth: number): void {
    this.add(operand.start, depth, false, snippet.suspendOpen);
    this.add(operand.end, depth, true, snippet.suspendClose);
  }

  private planForAwait(loop: acorn.ForOfStatement, ancestors: readonly acorn.Node[]): void {
    const depth = ancestors.length;
    this.add(loop.right.start, depth + 1, false, snippet.forAwaitOpen);
    this.add(loop.right.end, depth + 1, true, snippet.forAwaitClose);
    if (loop.body.type === 'BlockStatement') {
      this.add(loop.body.start + 1, depth + 1, false, snippet.resume);
    } else {
      this.add(loop.body.start, depth + 1, false, `{${snippet.resume}`);
      this.add(loop.body.end, depth + 1, true, '}');
    }
    // Resume after the loop too (its last implicit await suspended the function). Braces
    // go around the labels as well: `continue label` must still name a loop.
    let target: acorn.Node = loop;
    let targetDepth = depth;
    while (ancestors[targetDepth - 1]?.type === 'LabeledStatement') target = ancestors[--targetDepth]!;
    this.add(target.start, targetDepth, false, '{');
    this.add(target.end, targetDepth, true, `;${snippet.resume}}`);
  }
}

/** Whether `node` runs as a function of its own inside its parent: a class field's value, a static block's statement. */
function isBoundary(node: acorn.Node, ancestors: readonly acorn.Node[]): boolean {
  const parent = ancestors.at(-1) as AnyNode | undefined;
  return parent?.type === 'StaticBlock' || (parent?.type === 'PropertyDefinition' && parent.value === node);
}
