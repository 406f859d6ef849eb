/** Tab completion of magic names (`%ti` -> `%timeit`, `%time`) and of their options (`%timeit -`). */
import type { Magic } from './magic.js';

/** Readline's completion: the candidates and the part of the line they complete. */
export function completeMagic(line: string, magics: readonly Magic[]): [string[], string] {
  const name = /^\s*(%%?)(\S*)$/.exec(line);
  if (name) {
    const [, percent, partial] = name;
    const fits = magics.filter((m) => (percent === '%' || m.cell) && [m.name, ...(m.aliases ?? [])].some((n) => n.startsWith(partial!)));
    const names = fits.flatMap((m) => [m.name, ...(m.aliases ?? [])]).filter((n) => n.startsWith(partial!));
    return [names.map((n) => `${percent}${n}`).sort(), `${percent}${partial}`];
  }
  const option = /^\s*%%?(\S+)\s.*?(-\S*)$/.exec(line);
  const magic = option && magics.find((m) => m.name === option[1] || m.aliases?.includes(option[1]!));
  if (!option || !magic) return [[], line];
  const flags = magic.options.map((o) => `-${o.flag}`).filter((f) => f.startsWith(option[2]!));
  return [flags, option[2]!];
}
