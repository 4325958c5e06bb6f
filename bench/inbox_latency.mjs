// The inbox's read latency: logs in to a running `dandelion serve` as the
// support agent and times, one request at a time, the first page of the
// support queue sorted by SLA due (GET /api/v1/cases?unit=support), a
// filtered one (status=open, assignee=none), every unit's as the hub admin,
// newest first, and the case view of random
// cases (GET /api/v1/cases/{id}); prints p50 / p95 / p99 / max per request
// and the queue's total. On localhost the client's time is the server's
// plus well under a millisecond of HTTP.
//
// usage: node bench/inbox_latency.mjs URL SAMPLES
import { performance } from 'node:perf_hooks';

const [url, samplesArg] = process.argv.slice(2);
const samples = Number(samplesArg || 300);

async function login(email) {
  const r = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'dandelion-demo' }),
  });
  if (r.status !== 200) throw new Error(`login answered ${r.status}: ${await r.text()}`);
  return r.headers.get('set-cookie').split(';')[0];
}

async function timed(cookie, path) {
  const t0 = performance.now();
  const r = await fetch(url + path, { headers: { cookie } });
  const body = await r.json();
  const ms = performance.now() - t0;
  if (r.status !== 200) throw new Error(`${path} answered ${r.status}: ${JSON.stringify(body)}`);
  return { ms, body };
}

function summary(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  const f = (v) => v.toFixed(1).padStart(7);
  return `p50 ${f(at(0.5))} ms  p95 ${f(at(0.95))} ms  p99 ${f(at(0.99))} ms  max ${f(s[s.length - 1])} ms  (n=${s.length})`;
}

const cookie = await login('agent@demo.example');
const hubAdmin = await login('admin@demo.example');
const first = await timed(cookie, '/api/v1/cases?unit=support&limit=50');
const ids = [];
let page = first.body;
for (let k = 0; k < 20 && page.next; k++) {
  ids.push(...page.items.map((c) => c.id));
  page = (await timed(cookie, `/api/v1/cases?unit=support&limit=200&cursor=${encodeURIComponent(page.next)}`)).body;
}
ids.push(...page.items.map((c) => c.id));
console.log(`support queue: ${first.body.total} open cases; sampling ${ids.length} ids for the case view`);
const runs = {
  'queue, first page by SLA due': [cookie, () => '/api/v1/cases?unit=support&limit=50'],
  'queue, open and unassigned': [cookie, () => '/api/v1/cases?unit=support&status=open,new&assignee=none&limit=50'],
  'every unit (the hub admin)': [hubAdmin, () => '/api/v1/cases?limit=50'],
  'newest first': [cookie, () => '/api/v1/cases?unit=support&sort=newest&limit=50'],
  'case view': [cookie, () => `/api/v1/cases/${ids[Math.floor(Math.random() * ids.length)]}`],
};
for (const [name, [who, path]] of Object.entries(runs)) {
  for (let i = 0; i < 20; i++) await timed(who, path()); // warm up
  const xs = [];
  for (let i = 0; i < samples; i++) xs.push((await timed(who, path())).ms);
  console.log(`${name.padEnd(30)} ${summary(xs)}`);
}
