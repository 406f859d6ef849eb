import { spawn } from 'node:child_process';

/**
 * Opens `url` in the system browser (`open` on macOS, `start` on Windows, `xdg-open`
 * elsewhere) without waiting for it. If that fails, says so on stderr with the URL to open
 * by hand; the caller carries on either way, since the page is still being served.
 */
export function openBrowser(url: string): void {
  const [command, ...args] = openerFor(process.platform, url);
  const tell = (why: string): void => {
    process.stderr.write(`could not open a browser (${command} ${why}); open ${url} yourself\n`);
  };
  const child = spawn(command!, args, { stdio: 'ignore', detached: true });
  child.on('error', (error: NodeJS.ErrnoException) => tell(error.code === 'ENOENT' ? 'not found' : error.message));
  child.on('exit', (code) => {
    if (code !== 0 && code !== null) tell(`exited with status ${code}`);
  });
  // The opener may outlive this process (xdg-open can wait for the browser): do not wait.
  child.unref();
}

function openerFor(platform: NodeJS.Platform, url: string): string[] {
  if (platform === 'darwin') return ['open', url];
  // `start` is a cmd built-in; its first quoted argument is a window title, hence the "".
  if (platform === 'win32') return ['cmd', '/c', 'start', '""', url];
  return ['xdg-open', url];
}
