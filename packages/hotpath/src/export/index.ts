/**
 * The exporters, looked up by `--format` name or by the output file's name, and
 * {@link writeProfileAs}, which writes a profile in any of them atomically.
 */
import * as path from 'node:path';
import { writeFileAtomic, writeFileAtomicSync } from '../atomic-file.js';
import type { Profile } from '../model/profile.js';
import { callgrindExporter } from './callgrind.js';
import { cpuprofileExporter } from './cpuprofile.js';
import { dotExporter } from './dot.js';
import { hotpathExporter } from './hotpath-json.js';
import { pprofExporter } from './pprof.js';
import { pstatsExporter } from './pstats.js';
import { speedscopeExporter } from './speedscope.js';
import { svgExporter } from './svg.js';
import type { ExportData, Exporter, ExportOptions } from './types.js';

export type { ExportData, Exporter, ExportOptions } from './types.js';

/** Every output format, hotpath's own first. */
export const EXPORTERS: readonly Exporter[] = [hotpathExporter, callgrindExporter, dotExporter, svgExporter, pstatsExporter, speedscopeExporter, cpuprofileExporter, pprofExporter];

/** An unknown `--format` name, or a file name no format claims. */
export class UnknownFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnknownFormatError';
  }
}

/** The exporter called `name`. @throws {@link UnknownFormatError} listing the known names. */
export function exporterByName(name: string): Exporter {
  const found = EXPORTERS.find((exporter) => exporter.name === name.toLowerCase());
  if (!found) {
    throw new UnknownFormatError(`unknown format "${name}" (known: ${EXPORTERS.map((e) => e.name).join(', ')})`);
  }
  return found;
}

/**
 * The exporter a file name asks for: the longest matching extension wins (`x.speedscope.json`
 * is speedscope, `x.json` hotpath), and `callgrind.out.*` is callgrind.
 * @throws {@link UnknownFormatError} when no format claims the name.
 */
export function exporterForPath(file: string): Exporter {
  const base = path.basename(file).toLowerCase();
  let best: { exporter: Exporter; length: number } | undefined;
  for (const exporter of EXPORTERS) {
    for (const extension of exporter.extensions) {
      if (base.endsWith(extension) && extension.length > (best?.length ?? 0)) best = { exporter, length: extension.length };
    }
    if (exporter.prefixes?.some((prefix) => base.startsWith(prefix))) return exporter;
  }
  if (!best) {
    const known = EXPORTERS.flatMap((e) => e.extensions).join(', ');
    throw new UnknownFormatError(`cannot tell the format of ${file} from its name (known endings: ${known}, callgrind.out.*); give --format`);
  }
  return best.exporter;
}

/** Options of {@link writeProfileAs}: the exporters' options, and what an unknown name means. */
export interface WriteOptions extends ExportOptions {
  /**
   * The format for a file name no format claims (`prof.out`), instead of an error: `hotpath
   * profile -o` passes `'hotpath'`, so any name it accepted before still gets a profile file.
   */
  fallbackFormat?: string;
}

/** The exporter for `format` when given, else for the file's name (else `fallback`). */
export function resolveExporter(file: string, format?: string, fallback?: string): Exporter {
  if (format) return exporterByName(format);
  try {
    return exporterForPath(file);
  } catch (error) {
    if (fallback === undefined || !(error instanceof UnknownFormatError)) throw error;
    return exporterByName(fallback);
  }
}

/**
 * Writes `profile` to `file` in `format` (a name from {@link EXPORTERS}; by default taken from
 * the file's name), atomically: a failure leaves no partial file. For `hotpath profile -o`
 * (with `{ fallbackFormat: 'hotpath' }`) and the API. Returns the exporter used.
 * @throws {@link UnknownFormatError} for an unknown format or file name.
 */
export async function writeProfileAs(profile: Profile, file: string, format?: string, options: WriteOptions = {}): Promise<Exporter> {
  const exporter = resolveExporter(file, format, options.fallbackFormat);
  refuseUnfit(exporter, profile, file);
  await writeFileAtomic(file, await exporter.write(profile, options));
  return exporter;
}

/**
 * {@link writeProfileAs}, synchronously, for exit handlers. Every format but svg (whose
 * WebAssembly renderer loads asynchronously) can be written this way.
 */
export function writeProfileAsSync(profile: Profile, file: string, format?: string, options: WriteOptions = {}): Exporter {
  const exporter = resolveExporter(file, format, options.fallbackFormat);
  refuseUnfit(exporter, profile, file);
  const data: ExportData | Promise<ExportData> = exporter.write(profile, options);
  if (data instanceof Promise) {
    data.catch(() => {}); // not awaited: the caller is told below
    throw new UnknownFormatError(`the ${exporter.name} format cannot be written synchronously; use writeProfileAs`);
  }
  writeFileAtomicSync(file, data);
  return exporter;
}

function refuseUnfit(exporter: Exporter, profile: Profile, file: string): void {
  const why = exporter.refuse?.(profile);
  if (why) throw new Error(`cannot write ${file}: the profile ${why}`);
}
