/**
 * A magic's command line, read as IPython reads it: options first (`-n 100 -r 3`), then the
 * statement, kept exactly as typed (its own dashes, quotes and spaces are the code's).
 */

/** The options a magic takes: `-n` with a value, or `-q` alone. */
export interface OptionSpec {
  /** The letter, without the dash. */
  flag: string;
  /** Takes a value (`-n 100`, also `-n100`). */
  value: boolean;
  /** May be given more than once (`-f a -f b`). */
  repeatable?: boolean;
  /** For `%magic` and completion. */
  help: string;
}

/** A magic's options and its statement. */
export interface MagicArguments {
  options: Map<string, string[]>;
  statement: string;
}

/** A magic was given an option it does not know, or an option without its value. */
export class MagicUsageError extends Error {
  override name = 'UsageError';
}

/** Reads the leading options of `text` by `specs`; the rest is the statement. */
export function parseMagicArguments(text: string, specs: readonly OptionSpec[], magic = 'the magic'): MagicArguments {
  const options = new Map<string, string[]>();
  let rest = text.trimStart();
  for (;;) {
    const match = /^-([A-Za-z])(\S*)\s*/.exec(rest);
    if (!match) break;
    const spec = specs.find((s) => s.flag === match[1]);
    if (!spec) {
      const known = specs.length ? `${magic} takes ${specs.map((s) => `-${s.flag}`).join(', ')}` : `${magic} takes no options`;
      throw new MagicUsageError(`option -${match[1]} not recognized; ${known}`);
    }
    rest = rest.slice(match[0].length);
    let value = '';
    if (spec.value) {
      value = match[2]!;
      if (value === '') {
        const next = /^(\S+)\s*/.exec(rest);
        if (!next) throw new MagicUsageError(`option -${spec.flag} requires an argument`);
        value = next[1]!;
        rest = rest.slice(next[0].length);
      }
    } else if (match[2] !== '') {
      throw new MagicUsageError(`option -${spec.flag} takes no argument`);
    }
    if (options.has(spec.flag) && !spec.repeatable) throw new MagicUsageError(`option -${spec.flag} given twice`);
    options.set(spec.flag, [...(options.get(spec.flag) ?? []), value]);
  }
  return { options, statement: rest.trimEnd() };
}

/** The integer value of option `flag`, at least `least`; `fallback` when not given. */
export function integerOption(args: MagicArguments, flag: string, least: number, fallback: number): number {
  const text = args.options.get(flag)?.at(-1);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < least) throw new MagicUsageError(`-${flag} must be an integer >= ${least}, got '${text}'`);
  return value;
}
