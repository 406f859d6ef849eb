import type { Profile } from '../model/profile.js';

/** What an exporter produces: text, or bytes for binary formats. */
export type ExportData = string | Uint8Array;

/** Options some formats take; the others ignore them. */
export interface ExportOptions {
  /** dot/svg: leave out functions under this share of the total time, in percent (default 0.5). */
  nodeThreshold?: number;
  /** dot/svg: leave out calls under this share of the total time, in percent (default 0.1). */
  edgeThreshold?: number;
  /** cpuprofile: longest synthesised sample, ns (default: the capture's interval, else 100 µs). */
  sampleInterval?: number;
}

/**
 * One output format. Each lives in its own file in `src/export/`, whose header comment links
 * the format's specification and says what the format loses.
 */
export interface Exporter {
  /** The name `--format` takes: `callgrind`, `dot`, ... */
  name: string;
  /** File name endings that select this format, lower case, longest first (`.pb.gz`). */
  extensions: readonly string[];
  /** File name beginnings that select it, for tools that name files by prefix (`callgrind.out.`). */
  prefixes?: readonly string[];
  /** The programs that open the output, for `--help` and the README. */
  openWith: string;
  /** Whether the output is bytes (written as is) rather than UTF-8 text. */
  binary: boolean;
  /**
   * Why the format cannot hold `profile`, as words to follow the profile's file name
   * (`holds no functions: ...`), or null. Formats that hold any profile leave it out.
   */
  refuse?(profile: Profile): string | null;
  /** The file's content. Asynchronous only where a renderer must load first (svg). */
  write(profile: Profile, options?: ExportOptions): ExportData | Promise<ExportData>;
}
