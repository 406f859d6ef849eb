// The side-by-side half of trace-overhead.mjs, run in a child process:
//   node trace-ab.mjs <program> <rounds>
// loads programs/<program>.mjs twice, plain and instrumented (trace-ab-loader.mjs), with
// the trace recorder installed, and alternates one repetition of each per round, so a busy
// machine slows both alike. Prints one JSON line: the plain and traced times in ns.
import { register } from 'node:module';
import { installRecorder } from '../dist/src/capture/trace/install.js';

const [programName, roundsText = '15'] = process.argv.slice(2);
register('./trace-ab-loader.mjs', import.meta.url);
installRecorder();
const url = new URL(`./programs/${programName}.mjs`, import.meta.url).href;
const plain = await import(url);
const traced = await import(`${url}?traced`);
const { timeRep } = await import('./programs/repeat.mjs');

const times = { plain: [], traced: [] };
for (let round = 0; round < Number(roundsText); round++) {
  times.plain.push(timeRep(plain));
  times.traced.push(timeRep(traced));
}
console.log(JSON.stringify({ program: programName, callsPerRep: plain.callsPerRep, ...times }));
