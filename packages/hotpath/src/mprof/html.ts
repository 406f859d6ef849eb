/**
 * `mprof plot -o plot.html`: the plot's SVG in one self-contained page (no file or network
 * fetched) with each run's peak written out and, under the pointer, a readout of every run's
 * sample nearest in time (seconds since its start, MiB), marked on its line.
 */
import { peakOf, type MprofData } from './dat.js';
import { COLOURS, plotScale, plotSvg } from './svg.js';

function escape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

// In the page: the pointer's time on the axes, each run's nearest sample by binary search.
const SCRIPT = String.raw`(() => {
  const data = JSON.parse(document.getElementById('mprof-data').textContent);
  const svg = document.querySelector('#plot svg');
  const readout = document.getElementById('readout');
  const NS = 'http://www.w3.org/2000/svg';
  const w = data.width - data.pad.left - data.pad.right;
  const h = data.height - data.pad.top - data.pad.bottom;
  const px = (t) => data.pad.left + (t / data.maxT) * w;
  const py = (m) => data.height - data.pad.bottom - (m / data.maxM) * h;
  const cursor = document.createElementNS(NS, 'line');
  cursor.setAttribute('class', 'cursor');
  cursor.setAttribute('y1', data.pad.top);
  cursor.setAttribute('y2', data.height - data.pad.bottom);
  cursor.setAttribute('stroke', '#888');
  cursor.style.display = 'none';
  svg.appendChild(cursor);
  const markers = data.runs.map((run) => {
    const dot = document.createElementNS(NS, 'circle');
    dot.setAttribute('class', 'hover');
    dot.setAttribute('r', 3.5);
    dot.setAttribute('fill', 'white');
    dot.setAttribute('stroke', run.colour);
    dot.style.display = 'none';
    svg.appendChild(dot);
    return dot;
  });
  const nearest = (points, t) => {
    if (points.length === 0 || t > points[points.length - 1][0]) return null;
    let lo = 0;
    let hi = points.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (points[mid][0] <= t) lo = mid;
      else hi = mid;
    }
    return t - points[lo][0] <= points[hi][0] - t ? points[lo] : points[hi];
  };
  const hide = () => {
    cursor.style.display = 'none';
    for (const dot of markers) dot.style.display = 'none';
    readout.textContent = 'Point at the plot for each run\'s memory at that time.';
  };
  svg.addEventListener('mousemove', (event) => {
    const at = new DOMPoint(event.clientX, event.clientY).matrixTransform(svg.getScreenCTM().inverse());
    const t = ((at.x - data.pad.left) / w) * data.maxT;
    if (t < 0 || t > data.maxT) return hide();
    cursor.setAttribute('x1', px(t));
    cursor.setAttribute('x2', px(t));
    cursor.style.display = '';
    readout.replaceChildren();
    data.runs.forEach((run, i) => {
      const sample = nearest(run.points, t);
      markers[i].style.display = sample ? '' : 'none';
      if (!sample) return;
      markers[i].setAttribute('cx', px(sample[0]));
      markers[i].setAttribute('cy', py(sample[1]));
      const line = document.createElement('div');
      line.className = 'sample';
      line.style.color = run.colour;
      line.textContent = run.file + ': ' + sample[0].toFixed(2) + ' s, ' + sample[1].toFixed(1) + ' MiB';
      readout.appendChild(line);
    });
  });
  svg.addEventListener('mouseleave', hide);
  hide();
})();`;

/** The page of one or more runs, each named by its file. */
export function plotHtml(runs: ReadonlyArray<{ file: string; data: MprofData }>, title = 'Memory used over time'): string {
  const scale = plotScale(runs);
  const data = {
    ...scale,
    runs: runs.map(({ file, data: run }, i) => ({
      file,
      colour: COLOURS[i % COLOURS.length]!,
      points: run.mem.map((s) => [s.time - scale.starts[i]!, s.mib]),
    })),
  };
  const peaks = runs.map(({ file, data: run }, i) => {
    const peak = peakOf(run);
    const at = (peak.time - scale.starts[i]!).toFixed(2);
    return `<li class="peak" style="color:${COLOURS[i % COLOURS.length]}">${escape(file)}: peak ${peak.mib.toFixed(1)} MiB at ${at} s</li>`;
  });
  // `<` escaped so that no value can close the script element.
  const json = JSON.stringify(data).replaceAll('<', '\\u003c');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escape(title)}</title>`,
    '<style>body{font-family:sans-serif;margin:1em}#plot svg{max-width:100%;height:auto;cursor:crosshair}#readout{min-height:3em;font-variant-numeric:tabular-nums}ul{padding-left:1.2em}</style>',
    '</head>',
    '<body>',
    `<div id="plot">${plotSvg(runs, title)}</div>`,
    '<div id="readout"></div>',
    `<ul id="peaks">${peaks.join('')}</ul>`,
    `<script type="application/json" id="mprof-data">${json}</script>`,
    `<script>${SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
