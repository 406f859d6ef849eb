/**
 * Preloaded by `hotpath dis` into the program:
 * - its `process.stdout` (and so `console.log`) is its stderr, so that V8's bytecode printout,
 *   which V8 writes to fd 1 through C's buffered stdio, is never cut by the program's writes;
 * - when it exits, the code V8 ran of each of the program's scripts is written to the file
 *   `HOTPATH_DIS_SOURCES` names (JSON, by V8's script id): the offsets in V8's printout are
 *   offsets in that code, which for TypeScript the loader may have compiled.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

Object.defineProperty(process, 'stdout', { configurable: true, enumerable: true, get: () => process.stderr });

const out = process.env.HOTPATH_DIS_SOURCES;
delete process.env.HOTPATH_DIS_SOURCES;
if (out) {
  const session = new Session();
  session.connect();
  const scripts = new Map<string, string>();
  session.on('Debugger.scriptParsed', ({ params }) => {
    if (params.url.startsWith('file:') || params.url.startsWith('/')) scripts.set(params.scriptId, params.url);
  });
  session.post('Debugger.enable');
  process.on('exit', () => {
    const sources: Record<string, { url: string; source: string }> = {};
    for (const [scriptId, url] of scripts) {
      // The inspector answers a session of this thread synchronously.
      session.post('Debugger.getScriptSource', { scriptId }, (error, result) => {
        if (!error) sources[scriptId] = { url, source: result.scriptSource };
      });
    }
    writeFileSync(out, JSON.stringify(sources));
  });
}
