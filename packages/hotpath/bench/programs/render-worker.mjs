// A pool worker of overhead/pool.mjs: renders the tile each message asks for.
import { parentPort } from 'node:worker_threads';

export function render(rows, width) {
  let sum = 0;
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < width; x++) {
      sum += (x * y) % 255;
    }
  }
  return sum;
}

parentPort.on('message', ({ rows, width }) => parentPort.postMessage(render(rows, width)));
parentPort.postMessage('ready');
