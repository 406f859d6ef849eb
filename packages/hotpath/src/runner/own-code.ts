/** hotpath's own runtime code, which profiles leave out: the runner and the captures. */
const OWN_DIRS = [new URL('../runner/', import.meta.url).href, new URL('../capture/', import.meta.url).href];

/** Whether a script URL is hotpath's own preload, hooks or capture code. */
export function isOwnUrl(url: string): boolean {
  return OWN_DIRS.some((dir) => url.startsWith(dir));
}
