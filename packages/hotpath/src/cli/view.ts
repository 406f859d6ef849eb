// `hotpath view PROFILE [-o report.html] [--open]`: one self-contained HTML report of a
// profile (stats table, flame graph, callee map, call graph, source), opened from disk.
import { InvalidArgumentError, type Command } from 'commander';
import * as path from 'node:path';
import { ProfileFileError } from '../model/file.js';
import { readAnyProfileSync } from '../import/read-any.js';
import type { Profile } from '../model/profile.js';
import { DEFAULT_MAX_NODES } from '../view/tree-aggregate.js';
import { renderViewHtml, writeReportFile } from '../view/report.js';
import { openFile } from './open-file.js';

interface ViewValues {
  output?: string;
  open?: boolean;
  maxNodes: number;
  showInternals?: boolean;
  showNodeModules?: boolean;
}

/** Adds the `view` command to the program. */
export function registerView(program: Command): Command {
  return program
    .command('view')
    .description('write one self-contained HTML report of a profile: table, flame graph, callee map, call graph, source')
    .argument('<profile>', 'a profile saved with `hotpath profile -o FILE`, or a .cpuprofile (node --cpu-prof, DevTools)')
    .option('-o, --output <file>', 'the HTML file to write (default: the profile name with .html)')
    .option('--open', 'open the report in the system browser when written')
    .option('--max-nodes <n>', 'largest call tree drawn as is; beyond it small nodes merge into (other)', parseMaxNodes, DEFAULT_MAX_NODES)
    .option('--show-internals', 'show Node internals and node_modules function by function, not folded into one each')
    .option('--show-node-modules', 'show node_modules function by function (Node internals stay folded)')
    .action((file: string, values: ViewValues) => view(file, values));
}

function view(file: string, values: ViewValues): void {
  const profile = load(file);
  if (!profile) return;
  const output = values.output ?? defaultOutput(file);
  if (path.resolve(output) === path.resolve(file)) return fail(`${output} is the profile itself: choose another output file`);
  const html = renderViewHtml(profile, {
    profileFile: file,
    maxNodes: values.maxNodes,
    showInternals: values.showInternals === true,
    showNodeModules: values.showNodeModules === true,
  });
  try {
    writeReportFile(output, html);
  } catch (error) {
    return fail(`cannot write ${output}: ${(error as Error).message}`);
  }
  process.stderr.write(`hotpath view: wrote ${output} (${(Buffer.byteLength(html) / 1024).toFixed(0)} KiB)\n`);
  if (values.open) openFile(path.resolve(output), 'hotpath view');
}

function load(file: string): Profile | null {
  try {
    return readAnyProfileSync(file); // a hotpath profile or a V8 .cpuprofile
  } catch (error) {
    if (!(error instanceof ProfileFileError)) throw error;
    fail(error.message);
    return null;
  }
}

// A bad file is the user's input, not a bug: one line naming it, exit 2, no stack.
function fail(message: string): void {
  process.stderr.write(`hotpath view: ${message}\n`);
  process.exitCode = 2;
}

// prof.json -> prof.html beside it (app.cpuprofile -> app.html); other names get .html added.
function defaultOutput(file: string): string {
  const base = path.basename(file).replace(/\.(json|cpuprofile)$/i, '');
  return path.join(path.dirname(file), `${base}.html`);
}

function parseMaxNodes(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 100) throw new InvalidArgumentError('expected an integer of at least 100');
  return n;
}
