// A module as the instrumenting pipeline sees it: parsed once (parse.ts), walked once, its
// functions named (names.ts) and placed (ast.ts positionNode) once, hotpath's `@profile`
// marks read once (markers.ts), and every position traced back through the file's own
// source map (source-map.ts's PositionTracer, given by the captures that report positions).
// The planners of the captures (call counters, the call tracer, line counters, line events)
// all read this, so every mode reports a function at the same `file:line:column` under the
// same name.
import type * as acorn from 'acorn';
import type { SourcePosition } from '../source-maps.js';
import { LineIndex } from '../positions.js';
import type { GeneratedPosition } from '../v8-types.js';
import { isFunction, isMethodOf, positionNode, walkWithAncestors, type WalkVisitor } from './ast.js';
import { blankMarkerDecorators, wrappedFunction, type Markers } from './markers.js';
import { functionName } from './names.js';
import { parseProgram } from './parse.js';
import type { PositionTracer } from './source-map.js';

/** A function of the module, named and placed as its user reads it. */
export interface ModuleFunction {
  node: acorn.Function;
  /** Its place among the module's functions, in source order (outer before inner). */
  index: number;
  /** `factorial`, `ParticleSimulator.evolve`, `ParticleSimulator.get speed`, `(anonymous)`. */
  name: string;
  /** Offset of its position: a method's definition (`evolve(dt) {`), not its `(`. */
  start: number;
  /** Its depth in the syntax tree. */
  depth: number;
  /** Picked in the code: a method under `@profile`, a function passed to `profile(fn)`. */
  marked: boolean;
}

/** Options of {@link parseModule}. */
export interface ModuleOptions {
  /** Absolute path of the code's file: positions without a source map name it. */
  file: string;
  sourceType: 'module' | 'script';
  /**
   * Positions back to the user's source through the code's own map (a compiled dist/ file's
   * .js.map): the captures that report positions pass one; without it positions are the
   * code's own. (Given, not made here: the call counters need none, their positions are
   * mapped by the runner, and reading a compiled file's map per module is not free.)
   */
  tracer?: PositionTracer;
  /** Read hotpath's marks (`@profile` is blanked, positions kept): the line captures do. */
  markers?: boolean;
  /** Keep every node's depth for {@link ParsedModule.depthOf} (planners that insert inside bodies). */
  depths?: boolean;
  /** A planner's own visit, done in the same walk (the call tracer's awaits and yields). */
  visitor?: WalkVisitor<ModuleFunction>;
}

/** One parsed module: its code, syntax tree, functions, and positions in the user's source. */
export class ParsedModule {
  /** Every function, in source order. */
  readonly functions: ModuleFunction[] = [];
  private readonly depths: Map<acorn.Node, number> | null;
  private index: LineIndex | null = null;

  /**
   * @param code - what was parsed: the module as given, hotpath's decorators blanked.
   */
  constructor(
    readonly code: string,
    readonly program: acorn.Program,
    readonly options: ModuleOptions,
    readonly markers: Markers | null,
  ) {
    this.depths = options.depths ? new Map() : null;
    this.walk(options.visitor);
  }

  get file(): string {
    return this.options.file;
  }

  /** The 0-based line and column of an offset of the parsed code. */
  generated(offset: number): GeneratedPosition {
    return (this.index ??= new LineIndex(this.code)).position(offset);
  }

  /** Where an offset of the parsed code is in the source the user wrote (1-based line and column). */
  original(offset: number): SourcePosition {
    const [line, column] = this.generated(offset);
    return this.options.tracer?.original(line + 1, column) ?? { file: this.options.file, line: line + 1, column: column + 1 };
  }

  /** The depth of a node in the syntax tree (with the `depths` option). */
  depthOf(node: acorn.Node): number {
    return this.depths?.get(node) ?? 0;
  }

  /** The last line of a function in the user's source (its own start line where its end maps elsewhere). */
  endLine(fn: ModuleFunction): number {
    const at = this.original(fn.start);
    const end = this.original(Math.max(fn.node.end - 1, fn.node.start));
    return end.file === at.file && end.line >= at.line ? end.line : at.line;
  }

  private walk(visitor: WalkVisitor<ModuleFunction> | undefined): void {
    const wrapped = new Set<acorn.Node | string>();
    const names = this.markers?.names;
    walkWithAncestors(this.program, {
      enter: (node, ancestors) => {
        this.depths?.set(node, ancestors.length);
        if (names?.size && node.type === 'CallExpression') {
          const fn = wrappedFunction(node as acorn.CallExpression, this.code, names);
          if (fn !== null && fn !== '') wrapped.add(fn);
        }
        const found = isFunction(node) ? this.found(node, ancestors) : undefined;
        visitor?.enter(node, ancestors, found);
      },
      leave: visitor?.leave && ((node, ancestors) => visitor.leave!(node, ancestors)),
    });
    // `profile(fn)` marks a function expression, or a declaration by its name.
    for (const fn of this.functions) {
      const id = fn.node.type === 'FunctionDeclaration' ? fn.node.id?.name : undefined;
      if (wrapped.has(fn.node) || (id !== undefined && wrapped.has(id))) fn.marked = true;
    }
  }

  private found(node: acorn.Function, ancestors: readonly acorn.Node[]): ModuleFunction {
    const parent = ancestors.at(-1);
    const at = positionNode(node, parent);
    const marked = isMethodOf(parent, node) && this.markers !== null && this.markers.decorated.has(parent!.start);
    const fn = { node, index: this.functions.length, name: functionName(node, ancestors, this.code), start: at.start, depth: ancestors.length, marked };
    this.functions.push(fn);
    return fn;
  }
}

/**
 * Parses `source` and finds its functions (see {@link ParsedModule}).
 * @throws SyntaxError where the code does not parse.
 */
export function parseModule(source: string, options: ModuleOptions): ParsedModule {
  const { code, markers } = options.markers && source.includes('hotpath') ? blankMarkerDecorators(source) : { code: source, markers: null };
  return new ParsedModule(code, parseProgram(code, options.sourceType), options, markers);
}
