// `hotpath view` as a library: a profile in, one self-contained HTML report out.
import { fileURLToPath } from 'node:url';
import { writeFileAtomicSync } from '../atomic-file.js';
import type { Profile } from '../model/profile.js';
import { bundleModules } from './bundle.js';
import { reportDocument } from './html.js';
import { REPORT_CSS } from './style.js';
import { buildViewData, type ViewOptions } from './view-data.js';

/** The compiled page entry; tsc writes the page project there (see page/tsconfig.json). */
const PAGE_ENTRY = fileURLToPath(new URL('./page/main.js', import.meta.url));

let pageScript: string | undefined;

/** The page's script: its modules linked into one, once per process. */
export function reportScript(): string {
  pageScript ??= bundleModules(PAGE_ENTRY);
  return pageScript;
}

/** The HTML report of `profile`: table, flame graph, callee map, call graph and source. */
export function renderViewHtml(profile: Profile, options: ViewOptions = {}): string {
  const data = buildViewData(profile, options);
  const title = `hotpath: ${data.meta.command || options.profileFile || 'profile'}`;
  return reportDocument({ title, data, script: reportScript(), style: REPORT_CSS });
}

/**
 * Writes `html` to `file` atomically (see `writeFileAtomicSync`): `file` is either its old
 * self or the whole report, never half of one, and no temporary file stays behind.
 */
export function writeReportFile(file: string, html: string): void {
  writeFileAtomicSync(file, html);
}
