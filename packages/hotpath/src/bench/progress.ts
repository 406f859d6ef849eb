/**
 * The progress line of `hotpath bench` on stderr. On a terminal, one line rewritten in place
 * with the benchmark being measured and its elapsed time; elsewhere (CI logs), one line per
 * benchmark as it starts.
 */
import type { BenchIdentity, BenchRecord } from './channel.js';

/** Where progress goes. */
export interface ProgressSink {
  write(text: string): void;
  isTTY: boolean;
}

/** Progress callbacks for {@link runBenchFiles}, and `done()` to clear the line. */
export function progressLine(sink: ProgressSink, now: () => number = Date.now) {
  let current: { label: string; since: number } | null = null;
  let finished = 0;
  const show = () => {
    if (!current) return;
    const seconds = ((now() - current.since) / 1000).toFixed(1);
    sink.write(`\r\x1b[Khotpath bench: [${finished + 1}] ${current.label} ... ${seconds} s`);
  };
  const ticker = sink.isTTY ? setInterval(show, 250) : null;
  ticker?.unref();
  return {
    onStart(id: BenchIdentity): void {
      current = { label: `${id.name} (${id.file})`, since: now() };
      if (sink.isTTY) show();
      else sink.write(`hotpath bench: measuring ${current.label}\n`);
    },
    onResult(_record: BenchRecord): void {
      finished++;
      current = null;
    },
    done(): void {
      if (ticker) clearInterval(ticker);
      if (sink.isTTY) sink.write('\r\x1b[K');
    },
  };
}
