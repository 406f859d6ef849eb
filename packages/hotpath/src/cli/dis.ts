// `hotpath dis -f NAME script.ts [args...]`: Python's `dis.dis` for TypeScript: V8's Ignition
// bytecode of the picked functions, by TypeScript line; `--count` and `--compare A B` count
// the instructions per line, per function and per loop body, as the chapter compares
// evolve and evolve_fast.
import type { Command } from 'commander';
import { resolveScript } from '../runner/resolve-script.js';
import { collect } from './option-values.js';

interface DisValues {
  function: string[];
  count?: boolean;
  compare?: string[];
  opt?: boolean;
  deopts?: boolean;
}

/** Adds the `dis` command to the program. */
export function registerDis(program: Command): Command {
  return program
    .command('dis')
    .description("Python's dis.dis for TypeScript: V8's bytecode of the functions you pick, line by line, and instruction counts")
    .usage('[options] <script> [args...]')
    .argument('[script]', 'the program to run, as `node script` would')
    .argument('[args...]', 'arguments for the program')
    .passThroughOptions()
    .showHelpAfterError(false)
    .option('-f, --function <name>', 'a function: NAME, Class.method or file:line (repeatable)', collect, [])
    .option('--count', 'instructions per line, per function and per loop body, instead of the listing')
    .option('--compare <names...>', 'two functions side by side: their instructions per line, in total and per loop body')
    .option('--deopts', 'every deoptimisation of the program, by place and reason, most frequent first (no -f needed)')
    .option('--opt', "also what V8's optimising compiler did: when each function was optimised, and each deopt with its reason and line")
    .addHelpText('after', '\nThe program runs (its output goes to stderr); V8 prints the bytecode of each function as it compiles it.')
    .action(async (first: string | undefined, rest: string[], values: DisValues, self: Command) => {
      const fail = (message: string): never => self.error(`hotpath dis: ${message}`, { exitCode: 2, code: 'hotpath.dis' });
      // `--compare A B script.ts`: the variadic option takes the script too; give it back.
      const extra = values.compare?.splice(2) ?? [];
      const [script, ...args] = [...extra, ...(first === undefined ? [] : [first]), ...rest];
      if (script === undefined) fail('missing the script to run');
      if (values.deopts) {
        const resolvedScript = resolveScript(script!, process.cwd());
        if (!resolvedScript.ok) return fail(resolvedScript.message);
        const { runForDeopts } = await import('../dis/run.js');
        const { renderDeopts } = await import('../dis/deopts.js');
        const result = await runForDeopts(resolvedScript.script, args);
        process.stdout.write(renderDeopts(result.rows, process.cwd()));
        if (result.exitCode) process.exitCode = result.exitCode;
        return;
      }
      const targets = [...values.function, ...(values.compare ?? [])];
      if (values.compare && values.compare.length !== 2) fail('--compare takes two functions: --compare A B');
      if (targets.length === 0) fail('pick a function: -f NAME (or --compare A B)');
      const resolved = resolveScript(script!, process.cwd());
      if (!resolved.ok) return fail(resolved.message);
      const [{ runForBytecode }, { picks, v8Filters }, format] = await Promise.all([import('../dis/run.js'), import('../dis/targets.js'), import('../dis/format.js')]);
      // One run per name V8 is asked to print: the program runs that many times.
      const runs = [];
      for (const filter of v8Filters(targets)) runs.push(await runForBytecode(resolved.script, args, { filter, opt: values.opt === true }));
      const run = {
        functions: runs.flatMap((r) => r.functions),
        compiledNames: runs[0]!.compiledNames,
        optEvents: runs.flatMap((r) => r.optEvents),
        tierCode: runs.flatMap((r) => r.tierCode),
        exitCode: runs.find((r) => r.exitCode !== 0)?.exitCode ?? 0,
      };
      const cwd = process.cwd();
      const found = (target: string) => {
        const matches = run.functions.filter((fn) => picks(fn, target, cwd));
        // A function compiled twice (V8 flushed its bytecode) shows once: the first.
        return matches.filter((fn, i) => matches.findIndex((m) => m.file === fn.file && m.line === fn.line) === i);
      };
      const missing = targets.filter((t) => found(t).length === 0);
      if (missing.length > 0) {
        const names = run.compiledNames.slice(0, 8).join(', ');
        process.exitCode = 2;
        process.stderr.write(
          `hotpath dis: no compiled function matched '${missing.join("', '")}' (compiled: ${names || 'none'}; V8 compiles a function when it is first called: one that never ran has no bytecode)\n`,
        );
        return;
      }
      if (values.compare) {
        process.stdout.write(format.renderComparison(found(values.compare[0]!)[0]!, found(values.compare[1]!)[0]!, cwd));
        return;
      }
      for (const fn of values.function.flatMap(found)) {
        process.stdout.write(values.count ? format.renderCounts(fn, cwd) : format.renderDisassembly(fn, cwd));
        if (values.opt) process.stdout.write(`\n${format.renderOptEvents(fn, run.optEvents, run.tierCode)}`);
        process.stdout.write('\n');
      }
      if (run.exitCode !== 0 && run.exitCode !== null) process.exitCode = run.exitCode;
    });
}
