/**
 * `%time stmt` (and `%%time` + cell), as IPython has it: runs the statement once, as typed at
 * the prompt (what it declares stays), prints its CPU and wall time, and returns its value:
 *
 * ```text
 * CPU times: user 3.2 ms, sys: 120 µs, total: 3.32 ms
 * Wall time: 3.4 ms
 * ```
 */
import { formatTimespan } from './format-time.js';
import type { Magic } from './magic.js';

export const timeMagic: Magic = {
  name: 'time',
  summary: 'run a statement once and print its CPU and wall time',
  cell: true,
  options: [],
  async run(args, context, cell) {
    const code = cell === undefined ? args.statement : `${args.statement}\n${cell}`;
    const statement = await context.prepare(code);
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    let value: unknown;
    try {
      value = await statement();
    } finally {
      const wall = Number(process.hrtime.bigint() - start) / 1e9;
      const used = process.cpuUsage(cpu);
      const [user, sys] = [used.user / 1e6, used.system / 1e6];
      context.write(`CPU times: user ${formatTimespan(user)}, sys: ${formatTimespan(sys)}, total: ${formatTimespan(user + sys)}\n`);
      context.write(`Wall time: ${formatTimespan(wall)}\n`);
    }
    return value;
  },
};
