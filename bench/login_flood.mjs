// A login flood: CLIENTS concurrent clients send failed logins for random
// e-mails for SECONDS, while a probe times GET /healthz and an authenticated
// GET /api/v1/units one after another. Prints p50 / p99 / max per probe
// endpoint, idle and under the flood, and what the flood was answered.
//
// The flood runs in a worker thread with its own event loop, so that the
// probe's timings are the server's, not the flood's callbacks queued ahead
// of the probe's in one loop.
//
// usage: node bench/login_flood.mjs URL CLIENTS SECONDS
import { performance } from 'node:perf_hooks';
import http from 'node:http';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

if (!isMainThread) {
  const { url, clients } = workerData;
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const answered = {};
  let stop = false;
  parentPort.on('message', () => { stop = true; });
  const one = (body) => new Promise((resolve, reject) => {
    const req = http.request(url + '/api/v1/auth/login',
                             { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
                             (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); });
    req.on('error', reject);
    req.end(body);
  });
  async function flooder(id) {
    let n = 0;
    while (!stop) {
      const email = `nobody-${id}-${n++}-${Math.random().toString(36).slice(2)}@flood.example`;
      try {
        const status = await one(JSON.stringify({ email, password: 'not the password' }));
        answered[status] = (answered[status] ?? 0) + 1;
      } catch (e) {
        answered[e.code ?? 'error'] = (answered[e.code ?? 'error'] ?? 0) + 1;
      }
    }
  }
  await Promise.all(Array.from({ length: clients }, (_, i) => flooder(i)));
  agent.destroy();
  parentPort.postMessage(answered);
  process.exit(0);
}

const [url, clientsArg, secondsArg] = process.argv.slice(2);
if (!url) {
  console.error('usage: node bench/login_flood.mjs URL CLIENTS SECONDS');
  process.exit(2);
}
const clients = Number(clientsArg ?? 50);
const seconds = Number(secondsArg ?? 10);
const endpoints = ['/healthz', '/api/v1/units'];
const probeAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function request(agent, method, path, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url + path, { method, agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers }));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

async function login() {
  const body = JSON.stringify({ email: 'admin@demo.example', password: 'dandelion-demo' });
  const r = await request(probeAgent, 'POST', '/api/v1/auth/login',
                          { 'content-type': 'application/json' }, body);
  if (r.status !== 200) throw new Error(`login answered ${r.status}`);
  return r.headers['set-cookie'][0].split(';')[0];
}

async function timeOne(cookie, path) {
  const t0 = performance.now();
  const r = await request(probeAgent, 'GET', path, { cookie });
  const ms = performance.now() - t0;
  if (r.status !== 200) throw new Error(`${path} answered ${r.status}`);
  return ms;
}

function summary(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { n: s.length, p50: at(0.5), p99: at(0.99), max: s[s.length - 1] };
}

function print(phase, results) {
  for (const path of endpoints) {
    const { n, p50, p99, max } = summary(results[path]);
    console.log(
      `${phase.padEnd(11)} ${path.padEnd(14)} n=${String(n).padStart(6)}  p50 ${p50.toFixed(2).padStart(8)} ms` +
        `  p99 ${p99.toFixed(2).padStart(8)} ms  max ${max.toFixed(2).padStart(8)} ms`,
    );
  }
}

const cookie = await login();
const idle = Object.fromEntries(endpoints.map((p) => [p, []]));
for (let i = 0; i < 300; ++i) for (const p of endpoints) idle[p].push(await timeOne(cookie, p));
print('idle', idle);

const worker = new Worker(new URL(import.meta.url), { workerData: { url, clients } });
const finished = new Promise((resolve) => worker.once('message', resolve));
const load = Object.fromEntries(endpoints.map((p) => [p, []]));
const t0 = performance.now();
while (performance.now() - t0 < seconds * 1000) {
  for (const p of endpoints) load[p].push(await timeOne(cookie, p));
}
worker.postMessage('stop');
const answered = await finished;
print('flood', load);
const total = Object.values(answered).reduce((a, b) => a + b, 0);
console.log(`flood: ${clients} clients, ${seconds} s, ${total} logins answered: ` +
            Object.entries(answered).map(([k, v]) => `${k}×${v}`).join(' '));
probeAgent.destroy();
