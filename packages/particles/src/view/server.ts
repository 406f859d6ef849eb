// The web server of `particles visualize`: node:http only, serving a fixed set of files
// (the page, its compiled script, the library's compiled modules) on the loopback address.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { join, relative, sep } from 'node:path';
import type { ViewConfig } from './config.js';

/** This file is dist/src/view/server.js: the compiled tree and the package are above it. */
const DIST = fileURLToPath(new URL('../../', import.meta.url));
const PACKAGE = fileURLToPath(new URL('../../../', import.meta.url));

/** Where the page's index.html marks the config the server writes in. */
export const CONFIG_PLACEHOLDER = '{{config}}';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
};

const SECURITY_HEADERS = {
  'Cache-Control': 'no-store', // a rebuild shows on reload
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy':
    // 'wasm-unsafe-eval': the wasm engine compiles its kernel in the page (and nothing else may).
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:",
};

/** A running view server. */
export interface ViewServer {
  /** The page's address, e.g. `http://127.0.0.1:43117/`. */
  readonly url: string;
  readonly port: number;
  /** Stops listening and drops open connections (browsers keep them alive). */
  close(): Promise<void>;
}

/**
 * Serves the animated view of `config` on 127.0.0.1:`port` (0 picks a free port).
 *
 * Paths served: `/` (the page, with `config` written in as JSON), `/web/*.js` (the page's
 * compiled scripts), `/src/**.js` (the library, minus the Node-only CLI) and
 * `/wasm/evolve.wasm` (the wasm engine's kernel). A path with a
 * `..` or `.` segment, a backslash or a NUL is refused with 400; anything else is 404.
 *
 * @throws when the port cannot be listened on (the error's `code` says why, e.g. EADDRINUSE).
 */
export async function startViewServer(port: number, config: ViewConfig): Promise<ViewServer> {
  const routes = routeTable();
  const server = createServer((request, response) => {
    handle(routes, config, request, response).catch((error: unknown) => {
      send(response, 500, 'text/plain; charset=utf-8', `internal error: ${String(error)}\n`);
    });
  });
  await listen(server, port);
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}/`,
    port: actual,
    close: () => closeServer(server),
  };
}

/** URL path to file, fixed when the server starts. */
function routeTable(): Map<string, string> {
  const routes = new Map<string, string>();
  const page = join(PACKAGE, 'web', 'index.html');
  routes.set('/', page);
  routes.set('/index.html', page);
  for (const file of jsFiles(join(DIST, 'web'))) {
    routes.set(`/web/${urlPath(join(DIST, 'web'), file)}`, file);
  }
  for (const file of jsFiles(join(DIST, 'src'))) {
    const path = urlPath(join(DIST, 'src'), file);
    if (!path.startsWith('cli/')) routes.set(`/src/${path}`, file);
  }
  // The wasm engine's kernel (the browser has no shared memory here: only evolve.wasm).
  const kernel = join(DIST, 'wasm', 'evolve.wasm');
  if (existsSync(kernel)) routes.set('/wasm/evolve.wasm', kernel);
  if (!routes.has('/web/app.js')) {
    throw new Error(`${join(DIST, 'web', 'app.js')} is missing: run npm run build`);
  }
  return routes;
}

function jsFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.js'))
    .map((name) => join(dir, name));
}

function urlPath(root: string, file: string): string {
  return relative(root, file).split(sep).join('/');
}

async function handle(routes: Map<string, string>, config: ViewConfig, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    send(response, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
    return;
  }
  const path = requestPath(request.url ?? '/');
  if (path === null) {
    send(response, 400, 'text/plain; charset=utf-8', 'bad path: traversal refused\n');
    return;
  }
  const file = routes.get(path);
  if (file === undefined) {
    send(response, 404, 'text/plain; charset=utf-8', `not found: ${path}\n`);
    return;
  }
  const type = CONTENT_TYPES[file.slice(file.lastIndexOf('.'))]!;
  const body = await readFile(file);
  send(response, 200, type, type.startsWith('text/html') ? withConfig(body.toString('utf8'), config) : body);
}

/**
 * The decoded path of a request target, or null when it tries to leave the served tree:
 * a `..` or `.` segment (also percent-encoded), a backslash, a NUL, or bad encoding.
 */
export function requestPath(target: string): string | null {
  const raw = target.split(/[?#]/, 1)[0]!;
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    return null;
  }
  const segments = path.split('/');
  const bad = !path.startsWith('/') || /[\\\0]/.test(path) || segments.some((s) => s === '..' || s === '.');
  return bad ? null : path;
}

/** The page with the config written into its JSON script element. */
function withConfig(html: string, config: ViewConfig): string {
  if (!html.includes(CONFIG_PLACEHOLDER)) {
    throw new Error(`web/index.html lacks the ${CONFIG_PLACEHOLDER} placeholder`);
  }
  // '<' escaped so no value can close the <script> element it sits in.
  // A function replacement, so '$' in the JSON is not read as a replacement pattern.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return html.replace(CONFIG_PLACEHOLDER, () => json);
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': type,
    'Content-Length': bytes.length,
  });
  response.end(response.req.method === 'HEAD' ? undefined : bytes);
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
