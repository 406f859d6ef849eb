// `hotpath convert IN -o OUT`: a profile (hotpath's own, or a V8 .cpuprofile) written in the
// format the viewers people use read: KCachegrind, Graphviz, pstats, speedscope, DevTools,
// pprof. The format comes from --format or from OUT's name.
import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_EDGE_THRESHOLD, DEFAULT_NODE_THRESHOLD } from '../export/dot.js';
import { EXPORTERS, resolveExporter, UnknownFormatError, type Exporter, type ExportOptions } from '../export/index.js';
import { readAnyProfile } from '../import/read-any.js';
import { writeFileAtomic } from '../atomic-file.js';
import { ProfileFileError } from '../model/file.js';
import type { Profile } from '../model/profile.js';

interface ConvertValues {
  output: string;
  format?: string;
  nodeThreshold: number;
  edgeThreshold: number;
}

/** Adds the `convert` command to the program. */
export function registerConvert(program: Command): Command {
  return program
    .command('convert')
    .description('write a profile (hotpath JSON or V8 .cpuprofile) in another format')
    .argument('<in>', 'the profile to convert: a hotpath profile or a .cpuprofile')
    .requiredOption('-o, --output <file>', 'the file to write; its name picks the format unless --format is given')
    .option('-f, --format <name>', `output format: ${EXPORTERS.map((e) => e.name).join(', ')}`)
    .option('--node-threshold <percent>', 'dot/svg: leave out functions under PERCENT of the total time', percent, DEFAULT_NODE_THRESHOLD)
    .option('--edge-threshold <percent>', 'dot/svg: leave out calls under PERCENT of the total time', percent, DEFAULT_EDGE_THRESHOLD)
    .addHelpText('after', formatsHelp())
    .action(async (input: string, values: ConvertValues) => {
      process.exitCode = await convert(input, values);
    });
}

// Each failure is one line naming the file, and nothing is written: the exporter runs before
// the file is touched, and the file is written atomically.
async function convert(input: string, values: ConvertValues): Promise<number> {
  const fail = (message: string, code: number): number => {
    process.stderr.write(`hotpath convert: ${message}\n`);
    return code;
  };
  let exporter: Exporter;
  try {
    exporter = resolveExporter(values.output, values.format);
  } catch (error) {
    if (!(error instanceof UnknownFormatError)) throw error;
    return fail(`cannot write ${values.output}: ${error.message}`, 2);
  }
  let profile: Profile;
  try {
    profile = await readAnyProfile(input);
  } catch (error) {
    if (!(error instanceof ProfileFileError)) throw error;
    return fail(error.message, 2);
  }
  const refused = exporter.refuse?.(profile);
  if (refused) return fail(`${input} ${refused}`, 2);
  const options: ExportOptions = { nodeThreshold: values.nodeThreshold, edgeThreshold: values.edgeThreshold };
  try {
    await writeFileAtomic(values.output, await exporter.write(profile, options));
  } catch (error) {
    return fail(`cannot write ${values.output}: ${(error as Error).message}`, 1);
  }
  process.stderr.write(`hotpath: wrote ${values.output} (${exporter.name}; open with ${exporter.openWith})\n`);
  return 0;
}

function percent(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < 0 || number > 100) {
    throw new InvalidArgumentError('expected a percentage from 0 to 100');
  }
  return number;
}

function formatsHelp(): string {
  const rows = EXPORTERS.map((e) => {
    const names = [...e.extensions, ...(e.prefixes ?? []).map((p) => `${p}.*`)].join(' ');
    return `  ${e.name.padEnd(11)} ${names.padEnd(24)} ${e.openWith}`;
  });
  return `\nFormats (--format, or the output file's ending):\n${rows.join('\n')}\n`;
}
