/**
 * memory_profiler's `mprof` data file (`mprofile_YYYYMMDDhhmmss.dat`), as its `mprof run`
 * writes it and `mprof plot` reads it: one record a line,
 *   CMDLINE <the command>
 *   MEM <MiB> <unix seconds>               the process's resident memory at that moment
 *   CHLD <index> <MiB> <unix seconds>      one child process's (with --include-children)
 *   FUNC <name> <MiB> <s> <MiB> <s> <level>  an @profile function's entry and exit
 */

/** One memory sample: resident MiB at a unix time in seconds. */
export interface MemSample {
  mib: number;
  time: number;
}

/** An `@profile` function's bracket: memory and time on entry and on exit. */
export interface FuncBracket {
  name: string;
  start: MemSample;
  end: MemSample;
  /** How many bracketed calls were running around this one (0: none). */
  level?: number;
}

/** Everything one `.dat` file holds. */
export interface MprofData {
  cmdline: string;
  mem: MemSample[];
  /** Samples per child process, by mprof's child index. */
  children: Map<number, MemSample[]>;
  funcs: FuncBracket[];
}

/** A file that is not (or no longer, when cut short) an mprof data file. */
export class MprofFileError extends Error {
  override name = 'MprofFileError';
}

/** The text of a `.dat` file, in mprof's own number formats. */
export function formatDat(data: MprofData): string {
  const lines = [`CMDLINE ${data.cmdline}`];
  const records: Array<[number, string]> = data.mem.map((s) => [s.time, `MEM ${s.mib.toFixed(6)} ${s.time.toFixed(4)}`]);
  for (const [index, samples] of data.children) {
    for (const s of samples) records.push([s.time, `CHLD ${index} ${s.mib.toFixed(6)} ${s.time.toFixed(4)}`]);
  }
  for (const f of data.funcs) {
    records.push([f.end.time, `FUNC ${f.name} ${f.start.mib.toFixed(4)} ${f.start.time.toFixed(4)} ${f.end.mib.toFixed(4)} ${f.end.time.toFixed(4)} ${f.level ?? 0}`]);
  }
  records.sort((a, b) => a[0] - b[0]);
  return [...lines, ...records.map(([, line]) => line)].join('\n') + '\n';
}

/** Parses a `.dat` file; `source` names it in errors. */
export function parseDat(text: string, source: string): MprofData {
  const data: MprofData = { cmdline: '', mem: [], children: new Map(), funcs: [] };
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (lines.length === 0) throw new MprofFileError(`${source}: empty file, not an mprof .dat file`);
  for (const [i, line] of lines.entries()) {
    const bad = (why: string): MprofFileError => new MprofFileError(`${source}:${i + 1}: ${why}, not an mprof .dat file (or cut short)`);
    const [kind, ...fields] = line.split(' ');
    const numbers = (from: number): number[] => {
      const values = fields.slice(from).map(Number);
      if (values.some((v) => !Number.isFinite(v))) throw bad(`bad number in ${kind} line`);
      return values;
    };
    if (kind === 'CMDLINE') data.cmdline = fields.join(' ');
    else if (kind === 'MEM') {
      if (fields.length !== 2) throw bad('MEM needs memory and time');
      const [mib, time] = numbers(0) as [number, number];
      data.mem.push({ mib, time });
    } else if (kind === 'CHLD') {
      if (fields.length !== 3) throw bad('CHLD needs index, memory and time');
      const [index, mib, time] = numbers(0) as [number, number, number];
      const list = data.children.get(index) ?? [];
      list.push({ mib, time });
      data.children.set(index, list);
    } else if (kind === 'FUNC') {
      // memory_profiler adds the stack level as a sixth field.
      if (fields.length !== 5 && fields.length !== 6) throw bad('FUNC needs a name and two memory/time pairs');
      const [m0, t0, m1, t1] = numbers(1) as [number, number, number, number];
      data.funcs.push({ name: fields[0]!, start: { mib: m0, time: t0 }, end: { mib: m1, time: t1 } });
    } else throw bad(`unknown record ${JSON.stringify(kind?.slice(0, 20))}`);
  }
  if (data.mem.length === 0) throw new MprofFileError(`${source}: no MEM samples, not an mprof .dat file (or cut short)`);
  return data;
}

/** The largest MEM sample (the main process's peak), as `mprof peak` reports it. */
export function peakOf(data: MprofData): MemSample {
  return data.mem.reduce((best, s) => (s.mib > best.mib ? s : best));
}
