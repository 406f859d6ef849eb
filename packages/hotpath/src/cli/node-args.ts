// Node's own flags on a runner's command line: `hotpath profile [options] -- --expose-gc x.js`
// (flags between `--` and the script) or `--node-arg=--expose-gc` (repeatable). The script
// and what follows it are the program's, as under `node`.

/** Node flags whose value may follow as the next word (`-r ./setup.js`); others take `--flag=value`. */
const VALUE_FLAGS = new Set([
  '-r',
  '--require',
  '--import',
  '--loader',
  '--experimental-loader',
  '-C',
  '--conditions',
  '--input-type',
  '--title',
  '--env-file',
  '--inspect-port',
  '--redirect-warnings',
  '--diagnostic-dir',
  '--cpu-prof-dir',
  '--cpu-prof-name',
  '--cpu-prof-interval',
  '--heap-prof-dir',
  '--heap-prof-name',
  '--unhandled-rejections',
  '--dns-result-order',
  '--disable-proto',
  '--stack-trace-limit',
]);

/** Flags that make node run something other than the script, or not run it. */
const REFUSED = new Set(['-e', '--eval', '-p', '--print', '-c', '--check', '-i', '--interactive', '--test', '--watch', '-v', '--version', '-h', '--help']);

/** A runner's operands split into Node's flags, the script and the program's arguments. */
export interface RunnerOperands {
  nodeArgs: string[];
  script: string | undefined;
  args: string[];
}

/**
 * Splits the operands a command received after its own options. Leading words that start
 * with `-` can only have come after `--` (the command would have refused them as unknown
 * options), so they are Node's flags, up to the script.
 */
export function splitNodeArgs(operands: readonly string[], nodeArgOptions: readonly string[] = []): RunnerOperands {
  const nodeArgs = [...nodeArgOptions];
  let i = 0;
  while (i < operands.length && operands[i]!.startsWith('-') && operands[i] !== '-') {
    const flag = operands[i++]!;
    nodeArgs.push(flag);
    if (VALUE_FLAGS.has(flag) && i < operands.length) nodeArgs.push(operands[i++]!);
  }
  return { nodeArgs, script: operands[i], args: operands.slice(i + 1) };
}

/** Why a Node flag cannot be used under a runner, or `null` when it can. */
export function refusedNodeArg(flag: string): string | null {
  const name = flag.split('=')[0]!;
  return REFUSED.has(name) ? `the node flag ${name} does not run a script: hotpath runs one (give the script after the flags)` : null;
}

/** Why the first refused flag of `flags` cannot be used, or `null` when all can. */
export function refusedNodeArgs(flags: readonly string[]): string | null {
  return flags.map(refusedNodeArg).find((reason) => reason !== null) ?? null;
}

/** A usage error about an unknown option, with where a Node flag goes (`-- --expose-gc x.js`). */
export function withNodeFlagHint(message: string): string {
  const flag = /^unknown option '([^']+)'/.exec(message)?.[1];
  return flag ? `${message} (a flag for node goes after --: -- ${flag} script.js, or --node-arg=${flag})` : message;
}
