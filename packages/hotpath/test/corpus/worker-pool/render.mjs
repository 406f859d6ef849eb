// The pool's task: one tile of the Mandelbrot set, run in a worker thread.
function escapeTime(cx, cy, iterations) {
  let x = 0;
  let y = 0;
  for (let i = 0; i < iterations; i++) {
    const xx = x * x - y * y + cx;
    y = 2 * x * y + cy;
    x = xx;
    if (x * x + y * y > 4) return i;
  }
  return iterations;
}

function renderRow(tile, py) {
  let inside = 0;
  let escapeSum = 0;
  for (let px = 0; px < tile.size; px++) {
    const cx = -2.2 + ((tile.col * tile.size + px) / (8 * tile.size)) * 3;
    const cy = -1.2 + ((tile.row * tile.size + py) / (6 * tile.size)) * 2.4;
    const n = escapeTime(cx, cy, tile.iterations);
    if (n === tile.iterations) inside++;
    else escapeSum += n;
  }
  return { inside, escapeSum };
}

export default function render(tile) {
  let inside = 0;
  let escapeSum = 0;
  for (let py = 0; py < tile.size; py++) {
    const row = renderRow(tile, py);
    inside += row.inside;
    escapeSum += row.escapeSum;
  }
  return { inside, escapeSum };
}
