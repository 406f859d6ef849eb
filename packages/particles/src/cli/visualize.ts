// `particles visualize`: serve the animated view, or render it to a GIF with --out.
import { access, constants } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { METHODS, type Method } from '../simulator.js';
import { DEFAULT_CONFIG, FRAME_DT, describeConfig, parseCount, parseInteger, parseSeed, type ViewConfig } from '../view/config.js';
import { renderGif } from '../view/gif.js';
import { startViewServer } from '../view/server.js';
import { writeFileAtomic } from './atomic-write.js';
import { openBrowser } from './open-browser.js';

/** The options as commander hands them over, after each option's parser. */
interface VisualizeOptions {
  n?: number;
  seed?: number;
  method: Method;
  port?: number;
  open?: boolean;
  out?: string;
  frames: number;
  size: number;
}

/** Options that only make sense with --out, and those that only make sense without it. */
const GIF_ONLY = ['frames', 'size'] as const;
const SERVER_ONLY = ['port', 'open'] as const;

/** Adds the `visualize` subcommand to the `particles` program. */
export function registerVisualize(program: Command): void {
  program
    .command('visualize')
    .description('Animate the particles in a web page, or render the animation to a GIF (--out)')
    .option('--n <count>', 'animate this many random particles instead of the demo', cliParser(parseCount))
    .option('--seed <integer>', `seed of the random set (with --n; default ${DEFAULT_CONFIG.seed})`, cliParser(parseSeed))
    .addOption(new Option('--method <name>', 'simulator method').choices(METHODS).default(DEFAULT_CONFIG.method))
    .option('--port <port>', 'serve on this port (default: a free one)', cliParser(parsePort))
    .option('--open', 'open the page in the system browser')
    .option('--out <file>', 'write an animated GIF instead of serving the page')
    .option('--frames <count>', `GIF frames, ${FRAME_DT} time units each`, cliParser(parseFrames), 300)
    .option('--size <px>', 'GIF width and height in pixels', cliParser(parseSize), 360)
    // One line per usage error (the program's default adds the whole help after it).
    .showHelpAfterError(false)
    .action(async (options: VisualizeOptions, command: Command) => {
      checkCombinations(options, command);
      const config: ViewConfig = {
        n: options.n ?? null,
        seed: options.seed ?? DEFAULT_CONFIG.seed,
        method: options.method,
      };
      try {
        await (options.out === undefined ? serve(config, options) : writeGif(config, options.out, options));
      } catch (error) {
        process.stderr.write(`particles visualize: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 1;
      }
    });
}

/** Wraps a parser that throws RangeError into one whose errors commander reports (exit 2). */
function cliParser<T>(parse: (text: string) => T): (text: string) => T {
  return (text) => {
    try {
      return parse(text);
    } catch (error) {
      throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
    }
  };
}

function parsePort(text: string): number {
  return parseInteger(text, 'port', 0, 65535);
}

function parseFrames(text: string): number {
  return parseInteger(text, 'frames', 1, 3000);
}

function parseSize(text: string): number {
  return parseInteger(text, 'size', 64, 2048);
}

/** Refuses options given together that do not go together, as usage errors (exit 2). */
function checkCombinations(options: VisualizeOptions, command: Command): void {
  const given = (name: string): boolean => command.getOptionValueSource(name) === 'cli';
  const fail = (message: string): never => command.error(`error: ${message}`, { exitCode: 2, code: 'particles.usage' });
  if (given('seed') && !given('n')) fail('--seed needs --n (the demo is not random)');
  const misplaced = options.out === undefined ? GIF_ONLY.filter(given) : SERVER_ONLY.filter(given);
  if (misplaced.length > 0) {
    const flags = misplaced.map((name) => `--${name}`).join(' and ');
    const plural = misplaced.length > 1;
    fail(options.out === undefined ? `${flags} ${plural ? 'apply' : 'applies'} only with --out` : `${flags} ${plural ? 'do' : 'does'} not apply with --out`);
  }
}

/** Serves the page until SIGINT or SIGTERM, then stops the server and returns. */
async function serve(config: ViewConfig, options: VisualizeOptions): Promise<void> {
  const port = options.port ?? 0;
  const server = await startViewServer(port, config).catch((error: NodeJS.ErrnoException) => {
    throw new Error(listenFailure(port, error));
  });
  process.stdout.write(`${server.url}\n`);
  process.stderr.write(`serving ${describeConfig(config)}; press Ctrl-C to stop\n`);
  if (options.open) openBrowser(server.url);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  process.stderr.write(`stopped (${signal})\n`);
}

function listenFailure(port: number, error: NodeJS.ErrnoException): string {
  if (error.code === 'EADDRINUSE') return `port ${port} is already in use on 127.0.0.1`;
  if (error.code === 'EACCES') return `no permission to listen on port ${port}`;
  return `cannot serve on port ${port}: ${error.message}`;
}

/** Renders the GIF with progress on stderr, then writes it atomically. */
async function writeGif(config: ViewConfig, out: string, options: VisualizeOptions): Promise<void> {
  // Checked first, so a typo in the path does not cost a whole rendering.
  await access(dirname(out), constants.W_OK).catch(() => {
    throw new Error(`cannot write ${out}: directory ${dirname(out)} does not exist or is not writable`);
  });
  const bytes = renderGif(config, {
    frames: options.frames,
    size: options.size,
    onProgress: progressReporter(),
  });
  await writeFileAtomic(out, bytes).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`cannot write ${out}: ${error.code ?? error.message}`);
  });
  const kib = (bytes.length / 1024).toFixed(0);
  process.stdout.write(`wrote ${out}: ${options.frames} frames, ${options.size}x${options.size} px, ${kib} KiB\n`);
}

/**
 * Progress on stderr: one line rewritten in place on a terminal; elsewhere (a log, CI) a
 * line every 10%, so the output stays short.
 */
function progressReporter(): (done: number, total: number) => void {
  const tty = process.stderr.isTTY;
  let reported = 0;
  return (done, total) => {
    const tenth = Math.floor((10 * done) / total);
    if (tty) {
      process.stderr.write(`\rrendering frame ${done}/${total}${done === total ? '\n' : ''}`);
    } else if (tenth > reported) {
      reported = tenth;
      process.stderr.write(`rendering: ${done}/${total} frames\n`);
    }
  };
}
