import { spawn } from 'node:child_process';

/**
 * Opens `file` with the system's handler (`open` on macOS, `start` on Windows, `xdg-open`
 * elsewhere) without waiting for it. When the opener is missing or fails, says so on stderr
 * with the file to open by hand; the file is written either way.
 */
export function openFile(file: string, label = 'hotpath'): void {
  const [command, ...args] = openerFor(process.platform, file);
  const tell = (why: string): void => {
    process.stderr.write(`${label}: could not open the report (${command} ${why}); open ${file} yourself\n`);
  };
  const child = spawn(command!, args, { stdio: 'ignore', detached: true });
  child.on('error', (error: NodeJS.ErrnoException) => tell(error.code === 'ENOENT' ? 'not found' : error.message));
  child.on('exit', (code) => {
    if (code !== 0 && code !== null) tell(`exited with status ${code}`);
  });
  // The opener may outlive this process (xdg-open can wait for the browser): do not wait.
  child.unref();
}

function openerFor(platform: NodeJS.Platform, file: string): string[] {
  if (platform === 'darwin') return ['open', file];
  // `start` is a cmd built-in; its first quoted argument is a window title, hence the "".
  if (platform === 'win32') return ['cmd', '/c', 'start', '""', file];
  return ['xdg-open', file];
}
