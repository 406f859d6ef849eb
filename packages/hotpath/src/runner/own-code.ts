/**
 * hotpath's own code (this package's compiled src/): never instrumented (the recorder
 * cannot trace itself) and left out of profiles (the preload and the capture are not the
 * program's work).
 */
const OWN_DIR = new URL('../', import.meta.url).href;

/** Whether a script URL belongs to hotpath itself. */
export function isOwnUrl(url: string): boolean {
  return url.startsWith(OWN_DIR);
}
