// Several nodes for real: one PostgreSQL, one nats-server, an API node and two stream workers, each
// its own process. A topic created through the API node is matched by the workers, which share the
// stream: every post published is stored exactly once, matched once, and counted once in the
// rollups. scripts/test runs it with DANDELION_BIN, DANDELION_TEST_PG and DANDELION_TEST_NATS set;
// without them it skips.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { sql as runSql, start as startProcess, until, withDatabase } from '../support/processes.mjs';

const BIN = process.env.DANDELION_BIN;
const PG = process.env.DANDELION_TEST_PG;
const NATS = process.env.DANDELION_TEST_NATS;
const skip = !BIN || !PG || !NATS ? 'DANDELION_BIN, DANDELION_TEST_PG and DANDELION_TEST_NATS are needed' : false;

const dir = skip ? '' : mkdtempSync(join(tmpdir(), 'dandelion-cluster-'));
const dbName = `cluster_${randomBytes(4).toString('hex')}`;
const db = skip ? '' : withDatabase(PG, dbName);
const nodes = [];

const sql = (query, url = db) => runSql(url, query);
const start = (name, args, ready) => startProcess(nodes, BIN, args, ready, { name });

let api = '';
let session = { cookie: '', csrf: '' };

before(async () => {
  if (skip) return;
  sql(`CREATE DATABASE ${dbName}`, PG);
  const a = await start('API node', ['serve', '--db', db, '--port', '0', '--seed-demo'], /serving on (http:\/\/[^/ ]+)\//);
  api = a.match[1];
  for (const n of ['B', 'C']) {
    await start(`worker ${n}`, ['worker', '--db', db, '--nats', NATS], /worker consuming/);
  }
  const res = await fetch(`${api}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'admin@demo.example', password: 'dandelion-demo' }),
  });
  assert.equal(res.status, 200);
  session = { cookie: res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), csrf: (await res.json()).csrf_token };
});

after(() => {
  for (const n of nodes) n.kill('SIGTERM');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const call = (method, path, body) =>
  fetch(`${api}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', Cookie: session.cookie, 'X-CSRF-Token': session.csrf },
    body: body ? JSON.stringify(body) : undefined,
  });

test('a topic created through the API node is matched by the workers; each post is stored once', { skip }, async () => {
  const word = `probe${randomBytes(3).toString('hex')}`;
  const created = await call('POST', '/api/v1/topics', { unit: 'hub', name: `Cluster ${word}`, query: word });
  assert.equal(created.status, 201, await created.clone().text());
  const topic = await created.json();
  // The workers see the topic within their watcher's poll (1 s).
  await new Promise((r) => setTimeout(r, 2500));

  const now = Date.now();
  const lines = [];
  for (let i = 0; i < 3000; i++) {
    lines.push(JSON.stringify({ network: 'x', id: `${word}-${i}`, text: `${word} number ${i}`, created_at: now - i * 1000, author: { id: `u${i % 50}`, handle: `user${i % 50}` } }));
  }
  // The same posts again under other words: stored once all the same.
  for (let i = 0; i < 500; i++) {
    lines.push(JSON.stringify({ network: 'x', id: `${word}-${i}`, text: `${word} again ${i}`, created_at: now, author: { id: 'u1', handle: 'user1' } }));
  }
  const file = join(dir, 'posts.ndjson');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const published = execFileSync(BIN, ['publish-stream', '--nats', NATS, file], { encoding: 'utf8' });
  assert.match(published, /3,?500 lines, 3,?500 new/);

  const stored = () => Number(sql(`SELECT count(*) FROM mentions WHERE external_id LIKE '${word}-%'`));
  await until('the posts to be stored', () => stored() >= 3000);
  // Give a late duplicate the time to show up, then count again.
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(stored(), 3000, 'each post stored exactly once');
  assert.equal(Number(sql(`SELECT count(*) FROM mention_topics WHERE topic_id = ${topic.id}`)), 3000, 'matched once each');
  assert.equal(Number(sql(`SELECT COALESCE(sum(count), 0) FROM rollups_hourly WHERE topic_id = ${topic.id}`)), 3000, 'rolled up once each');
  const seen = await (await call('GET', `/api/v1/topics/${topic.id}`)).json();
  assert.equal(seen.mentions, 3000, 'the API node reads what the workers stored');
});
