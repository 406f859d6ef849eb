// An express server on 127.0.0.1 under a bounded local load: the script starts the server on
// a free port, sends 1,000 requests (8 at a time, keep-alive) with node:http, checks every
// answer, prints what it got (no port, no timings) and closes.
import http from 'node:http';
import express from 'express';

const REQUESTS = 1000;
const CONCURRENCY = 8;

function priceOrder(lines) {
  let total = 0;
  for (const line of lines) {
    const discount = line.qty >= 10 ? 0.9 : 1;
    total += Math.round(line.qty * line.unit * discount * 100);
  }
  return total / 100;
}

function catalogue(size) {
  return Array.from({ length: size }, (_, i) => ({ sku: `s${i}`, name: `item ${i}`, unit: 1 + (i % 37) / 4 }));
}

const items = catalogue(400);
const app = express();
app.use(express.json());
app.get('/items', (req, res) => {
  const from = Number(req.query.from ?? 0);
  res.json(items.slice(from, from + 50).map((item) => ({ ...item, label: item.name.toUpperCase() })));
});
app.post('/orders', (req, res) => {
  const lines = req.body.lines.map((line) => ({ ...line, unit: items[line.index % items.length].unit }));
  res.json({ total: priceOrder(lines), lines: lines.length });
});

function request(agent, port, i) {
  const post = i % 2 === 1;
  const body = post ? JSON.stringify({ lines: Array.from({ length: 20 }, (_, k) => ({ index: i + k, qty: 1 + ((i + k) % 12) })) }) : undefined;
  const options = { agent, host: '127.0.0.1', port, method: post ? 'POST' : 'GET', path: post ? '/orders' : `/items?from=${(i * 13) % 350}`, headers: post ? { 'content-type': 'application/json' } : {} };
  return new Promise((resolve, reject) => {
    const req = http.request(options, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode, json: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function load(port) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const seen = { ok: 0, items: 0, revenue: 0 };
  let next = 0;
  const worker = async () => {
    while (next < REQUESTS) {
      const answer = await request(agent, port, next++);
      if (answer.status === 200) seen.ok++;
      if (Array.isArray(answer.json)) seen.items += answer.json.length;
      else seen.revenue += answer.json.total;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  agent.destroy();
  return seen;
}

const server = app.listen(0, '127.0.0.1', async () => {
  const seen = await load(server.address().port);
  console.log(`${seen.ok} of ${REQUESTS} requests answered 200; ${seen.items} items listed; revenue ${seen.revenue.toFixed(2)}`);
  server.close();
});
