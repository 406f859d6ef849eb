/**
 * What the REPL does to a line before Node's own evaluator sees it: TypeScript types are
 * blanked (ts-blank-space; what needs compiling, such as `enum`, goes through TypeScript's
 * `transpileModule`), and static `import` declarations, which Node's REPL refuses, become
 * `await import()`, so `import { evolve } from './sim.ts'` works as it does in a module.
 */
import { parse } from 'acorn';
import blank from 'ts-blank-space';

/** The JavaScript Node's REPL evaluates for `code`, which may be TypeScript. */
export async function replJavaScript(code: string): Promise<string> {
  return rewriteImports(await withoutTypes(code));
}

async function withoutTypes(code: string): Promise<string> {
  let unsupported = false;
  const js = blank(code, () => {
    unsupported = true;
  });
  if (!unsupported) return js;
  // enum, namespace, parameter properties: compiled. Only whole statements get here (an
  // incomplete one is blanked fine and Node's evaluator asks for the rest of it).
  const { default: ts } = await import('typescript');
  return ts.transpileModule(code, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.Preserve, verbatimModuleSyntax: false },
  }).outputText;
}

interface ImportNode {
  type: 'ImportDeclaration';
  start: number;
  end: number;
  source: { value: string };
  specifiers: Array<{ type: string; local: { name: string }; imported?: { name?: string; value?: string } }>;
}

/**
 * `import a, { b as c } from 'x'` -> `var { default: a, b: c } = await import("x");`.
 * `var`, so that importing again (after editing the module) rebinds rather than fails.
 * Code that does not parse as a module (an unfinished line) is left alone.
 */
export function rewriteImports(code: string): string {
  let body: Array<{ type: string; start: number; end: number }>;
  try {
    body = (parse(code, { ecmaVersion: 'latest', sourceType: 'module', allowAwaitOutsideFunction: true }) as unknown as { body: typeof body }).body;
  } catch {
    return code;
  }
  const imports = body.filter((node): node is ImportNode => node.type === 'ImportDeclaration');
  let out = code;
  for (const node of imports.reverse()) out = out.slice(0, node.start) + dynamicImport(node) + out.slice(node.end);
  return out;
}

function dynamicImport(node: ImportNode): string {
  const load = `await import(${JSON.stringify(node.source.value)})`;
  const namespace = node.specifiers.find((s) => s.type === 'ImportNamespaceSpecifier');
  const named = node.specifiers
    .filter((s) => s.type !== 'ImportNamespaceSpecifier')
    .map((s) => {
      const imported = s.type === 'ImportDefaultSpecifier' ? 'default' : (s.imported?.name ?? JSON.stringify(s.imported?.value));
      return imported === s.local.name ? imported : `${imported}: ${s.local.name}`;
    });
  if (namespace && named.length === 0) return `var ${namespace.local.name} = ${load};`;
  if (namespace) return `var ${namespace.local.name} = ${load}, { ${named.join(', ')} } = ${namespace.local.name};`;
  if (named.length === 0) return `${load};`;
  return `var { ${named.join(', ')} } = ${load};`;
}
