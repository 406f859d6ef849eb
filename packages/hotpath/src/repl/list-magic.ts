/** `%magic` (and `%lsmagic`): the magics of the session, their options, and the ones not here yet. */
import type { Magic } from './magic.js';

export const magicMagic: Magic = {
  name: 'magic',
  aliases: ['lsmagic'],
  summary: 'list the magics and their options',
  options: [],
  async run(_args, context) {
    const lines: string[] = ['Line magics (%name) and cell magics (%%name: the lines after it, up to a blank line):', ''];
    for (const magic of context.magics) {
      const prefix = magic.cell ? `%${magic.name}, %%${magic.name}` : `%${magic.name}`;
      lines.push(`  ${prefix.padEnd(22)} ${magic.summary}`);
      for (const option of magic.options) {
        lines.push(`      -${option.flag}${option.value ? ' X' : '  '}  ${option.help}`);
      }
    }
    context.write(`${lines.join('\n')}\n`);
    return undefined;
  },
};

/** A magic of IPython's that waits on a part of hotpath still to come: it says so and where to go meanwhile. */
export function notYet(name: string, summary: string, instead: string, options: Magic['options'] = []): Magic {
  return {
    name,
    summary: `${summary} (not there yet)`,
    options,
    async run() {
      throw new Error(`%${name} is not there yet in hotpath; meanwhile: ${instead}`);
    },
  };
}
