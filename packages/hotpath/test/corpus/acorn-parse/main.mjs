// acorn parsing a large real file (TypeScript's compiler, 6 MB of JavaScript), then a walk
// over the tree counting node types, as a linter or bundler's first pass would.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as acorn from 'acorn';

const require = createRequire(import.meta.url);
const file = require.resolve('typescript/lib/_tsc.js');
const text = readFileSync(file, 'utf8').slice(0, 900_000);
// Cut before the last top-level function declaration (nested code is indented), so the slice
// is a sequence of whole statements.
const source = text.slice(0, text.lastIndexOf('\nfunction ') + 1);

function countTypes(node, counts) {
  counts.set(node.type, (counts.get(node.type) ?? 0) + 1);
  for (const key in node) {
    const value = node[key];
    if (Array.isArray(value)) {
      for (const child of value) if (child && typeof child.type === 'string') countTypes(child, counts);
    } else if (value && typeof value.type === 'string' && key !== 'loc') {
      countTypes(value, counts);
    }
  }
  return counts;
}

// Statement by statement, as a linter reports per top-level declaration.
function tally(program) {
  const counts = new Map([[program.type, 1]]);
  for (const statement of program.body) countTypes(statement, counts);
  return counts;
}

const ast = acorn.parse(source, { ecmaVersion: 2022, sourceType: 'script', locations: true });
const counts = tally(ast);
const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 5);
console.log(`parsed ${source.length} characters: ${ast.body.length} top-level statements, ${[...counts.values()].reduce((a, b) => a + b, 0)} nodes`);
for (const [type, n] of top) console.log(`${type} ${n}`);
