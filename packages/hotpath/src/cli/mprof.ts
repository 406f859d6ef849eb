// `hotpath mprof`: memory_profiler's `mprof`, memory over time of a whole program.
//   hotpath mprof run [-i 0.1] [--include-children] [-o file.dat] script.ts [args...]
//   hotpath mprof plot [FILE...] [-o plot.svg|.html|.png]  memory against time, peaks marked
//   hotpath mprof list | peak [FILE...] | clean
// Files are mprof's own `.dat` format, so Python's `mprof plot` reads them too.
import type { Command } from 'commander';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import * as path from 'node:path';
import { writeFileAtomic, writeFileAtomicSync } from '../atomic-file.js';
import { formatDat, MprofFileError, parseDat, peakOf, type FuncBracket, type MprofData } from '../mprof/dat.js';
import { sampleMemory } from '../mprof/sample.js';
import { plotFormatOf, renderPlot } from '../mprof/plot-file.js';
import { commandsOf } from '../time/command.js';

const DAT = /^mprofile_\d{14}\.dat$/;

function numberAbove0(value: string): number {
  const n = Number(value);
  if (!(n > 0)) throw new Error(`--interval must be a positive number of seconds, got ${value}`);
  return n;
}

/** Adds the `mprof` command and its subcommands to the program. */
export function registerMprof(program: Command): Command {
  const mprof = program.command('mprof').description("memory_profiler's mprof: a program's memory over time, in mprof's .dat format");
  mprof
    .command('run')
    .description('run a program (a .ts/.js script or any command), sampling its resident memory from outside; writes mprofile_<time>.dat')
    .argument('<program...>', 'the script or command and its arguments')
    .option('-i, --interval <S>', 'seconds between samples', numberAbove0, 0.1)
    .option('-C, --include-children', "sample the program's child processes too (CHLD lines)")
    .option('-o, --output <FILE>', 'the .dat file (default mprofile_<YYYYMMDDhhmmss>.dat)')
    .passThroughOptions()
    .action(async (words: string[], values: { interval: number; includeChildren?: boolean; output?: string }) => {
      process.exitCode = await run(words, values);
    });
  mprof
    .command('plot')
    .description('plot memory against time of one or more .dat files (default: the newest in this folder) as SVG, HTML or PNG')
    .argument('[files...]', '.dat files, overlaid')
    .option('-o, --output <FILE>', 'the file: .svg, .html (hover readouts) or .png, by its extension (default: SVG on stdout)')
    .option('-t, --title <TEXT>', 'the title', 'Memory used over time')
    .action(async (files: string[], values: { output?: string; title: string }) => {
      const format = values.output === undefined ? 'svg' : plotFormatOf(values.output);
      if (!format) return fail(`${values.output}: unknown plot format (write .svg, .html or .png)`);
      const runs = loadAll(files.length ? files : newest());
      if (!runs) return;
      const plot = await renderPlot(runs, values.title, format);
      if (values.output) await writeFileAtomic(values.output, plot);
      else process.stdout.write(plot);
    });
  mprof
    .command('list')
    .description('list the mprofile_*.dat files of this folder, oldest first, with their index')
    .action(() => {
      for (const [i, file] of datFiles().entries()) {
        const cmd = /^CMDLINE (.*)$/m.exec(readFileSync(file, 'utf8'))?.[1] ?? '';
        process.stdout.write(`${i} ${file} ${cmd}\n`);
      }
    });
  mprof
    .command('peak')
    .description('the peak memory of each .dat file (default: the newest in this folder)')
    .argument('[files...]', '.dat files')
    .action((files: string[]) => {
      const runs = loadAll(files.length ? files : newest());
      for (const { file, data } of runs ?? []) process.stdout.write(`${file}\t${peakOf(data).mib.toFixed(3)} MiB\n`);
    });
  mprof
    .command('clean')
    .description('remove every mprofile_*.dat file of this folder')
    .action(() => {
      for (const file of datFiles()) unlinkSync(file);
    });
  return mprof;
}

/** The `@profile` calls the program recorded (none when it marks nothing or writes nothing). */
function readBrackets(file: string): FuncBracket[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as FuncBracket);
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

function fail(message: string): void {
  process.stderr.write(`hotpath mprof: ${message}\n`);
  process.exitCode = 2;
}

function datFiles(): string[] {
  return readdirSync('.')
    .filter((f) => DAT.test(f))
    .sort();
}

function newest(): string[] {
  const files = datFiles();
  return files.length ? [files.at(-1)!] : [];
}

function loadAll(files: string[]): Array<{ file: string; data: MprofData }> | null {
  if (files.length === 0) {
    fail('no mprofile_*.dat file in this folder: run `hotpath mprof run` first, or name the files');
    return null;
  }
  try {
    return files.map((file) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        throw new MprofFileError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      }
      return { file, data: parseDat(text, file) };
    });
  } catch (error) {
    if (!(error instanceof MprofFileError)) throw error;
    fail(error.message);
    return null;
  }
}

function stamp(date: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
}

// The program keeps the terminal; Ctrl-C reaches it, we wait for it to end and still write
// the file, so an interrupted or failing run leaves its samples behind.
async function run(words: string[], values: { interval: number; includeChildren?: boolean; output?: string }): Promise<number> {
  const [command] = commandsOf(words);
  if (!command) {
    fail('nothing to run: give a script (hotpath mprof run x.ts)');
    return 2;
  }
  const output = values.output ?? `mprofile_${stamp(new Date())}.dat`;
  // Said before the program runs: found after it, its samples would be lost.
  if (!isDirectory(path.dirname(path.resolve(output)))) {
    fail(`${output}: no such directory to write into`);
    return 2;
  }
  const ignore = (): void => {};
  process.on('SIGINT', ignore);
  process.on('SIGTERM', ignore);
  // `profile` from hotpath/lines in the program writes its calls' brackets here (lines.ts).
  const brackets = path.join(mkdtempSync(path.join(tmpdir(), 'hotpath-mprof-')), 'funcs.jsonl');
  try {
    const child = spawn(command.file, command.args, { stdio: 'inherit', env: { ...process.env, HOTPATH_MPROF_FUNCS: brackets } });
    const sampler = child.pid === undefined ? null : sampleMemory(child.pid, values.interval, values.includeChildren ?? false);
    // The last sample has to be read while the process still exists: 'exit' comes after it is reaped.
    const code = await new Promise<number>((resolve) => {
      child.once('error', (error: NodeJS.ErrnoException) => {
        fail(`cannot run ${command.file}: ${error.code === 'ENOENT' ? 'command not found' : (error.code ?? 'failed')}`);
        resolve(error.code === 'ENOENT' ? 127 : 126);
      });
      child.once('exit', (exitCode, signal) => resolve(signal ? 128 + (constants.signals[signal] ?? 0) : (exitCode ?? 1)));
    });
    const samples = sampler?.stop();
    if (samples && samples.mem.length > 0) {
      writeFileAtomicSync(output, formatDat({ cmdline: command.label, mem: samples.mem, children: samples.children, funcs: readBrackets(brackets) }));
      process.stderr.write(`hotpath mprof: ${samples.mem.length} samples written to ${output}\n`);
    }
    return code;
  } finally {
    rmSync(path.dirname(brackets), { recursive: true, force: true });
    process.off('SIGINT', ignore);
    process.off('SIGTERM', ignore);
  }
}
