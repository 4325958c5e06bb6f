// Read latency under write load: logs in to a running `dandelion serve`,
// times GET /api/v1/units and GET /api/v1/topics one after another while
// idle, then again while COMMAND (a `dandelion ingest` into the same store)
// runs, and prints p50 / p99 / max per endpoint and phase.
//
// usage: node bench/read_latency.mjs URL IDLE_SAMPLES -- COMMAND ARGS…
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const [url, idleArg, dashdash, ...command] = process.argv.slice(2);
if (!url || dashdash !== '--' || command.length === 0) {
  console.error('usage: node bench/read_latency.mjs URL IDLE_SAMPLES -- COMMAND ARGS…');
  process.exit(2);
}
const idleSamples = Number(idleArg);
const endpoints = ['/api/v1/units', '/api/v1/topics'];

async function login() {
  const r = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@demo.example', password: 'dandelion-demo' }),
  });
  if (r.status !== 200) throw new Error(`login answered ${r.status}: ${await r.text()}`);
  return r.headers.get('set-cookie').split(';')[0];
}

async function timeOne(cookie, path) {
  const t0 = performance.now();
  const r = await fetch(url + path, { headers: { cookie } });
  await r.arrayBuffer();
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
      `${phase.padEnd(11)} ${path.padEnd(15)} n=${String(n).padStart(6)}  p50 ${p50.toFixed(2).padStart(8)} ms` +
        `  p99 ${p99.toFixed(2).padStart(8)} ms  max ${max.toFixed(2).padStart(8)} ms`,
    );
  }
}

const cookie = await login();
const idle = Object.fromEntries(endpoints.map((p) => [p, []]));
for (let i = 0; i < idleSamples; ++i) {
  for (const p of endpoints) idle[p].push(await timeOne(cookie, p));
}
print('idle', idle);

const load = Object.fromEntries(endpoints.map((p) => [p, []]));
const t0 = performance.now();
const child = spawn(command[0], command.slice(1), { stdio: ['ignore', 'ignore', 'inherit'] });
let done = false;
const exit = new Promise((resolve) => child.on('exit', (code) => { done = true; resolve(code); }));
while (!done) {
  for (const p of endpoints) load[p].push(await timeOne(cookie, p));
}
const code = await exit;
const secs = (performance.now() - t0) / 1000;
print('under load', load);
console.log(`load command exited ${code} after ${secs.toFixed(1)} s`);
if (code !== 0) process.exit(1);
