// Parsers for option values shared by the commands: commander calls them with the text typed,
// and an InvalidArgumentError becomes a usage error (exit 2) naming the option.
import { InvalidArgumentError } from 'commander';

/** An integer option of at least `least`: `--number 1000`. */
export function integerAtLeast(flag: string, least: number): (value: string) => number {
  return (value) => {
    const n = value.trim() === '' ? NaN : Number(value);
    if (!Number.isSafeInteger(n) || n < least) throw new InvalidArgumentError(`${flag} must be an integer >= ${least}.`);
    return n;
  };
}

/** A repeatable option's values, in the order given: `-s a -s b`. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
