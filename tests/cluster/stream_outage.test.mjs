// The message stream goes away for a while: the node says it is not ready (/readyz 503) and logs
// why, keeps serving everything else, and when the stream returns it is ready again and stores
// what is published, losing nothing and storing nothing twice. The test runs a nats-server of its
// own (so that it can stop it) and a node on an SQLite store.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { freePort, publishPosts, start as startProcess, until } from '../support/processes.mjs';

const BIN = process.env.DANDELION_BIN;
const skip = !BIN ? 'DANDELION_BIN is needed' : false;
const dir = skip ? '' : mkdtempSync(join(tmpdir(), 'dandelion-outage-'));
const children = [];
const start = (args, ready, cmd = BIN) => startProcess(children, cmd, args, ready);

after(() => {
  for (const c of children) c.kill('SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the stream away: not ready meanwhile, then ready again and nothing lost or doubled', { skip, timeout: 120_000 }, async () => {
  const natsPort = await freePort();
  const nats = `nats://127.0.0.1:${natsPort}`;
  const natsArgs = ['-js', '-a', '127.0.0.1', '-p', String(natsPort), '-sd', join(dir, 'nats')];
  let natsServer = await start(natsArgs, /Server is ready/, 'nats-server');
  const node = await start(['serve', '--data', join(dir, 'data'), '--port', '0', '--seed-demo', '--nats', nats], /serving on (http:\/\/[^/ ]+)\//);
  const api = node.match[1];
  const ready = async () => (await fetch(`${api}/readyz`)).status;
  await until('the node to be ready', async () => (await ready()) === 200);

  const login = await fetch(`${api}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'admin@demo.example', password: 'dandelion-demo' }),
  });
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const csrf = (await login.json()).csrf_token;
  const call = (method, path, body) =>
    fetch(`${api}${path}`, { method, headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrf }, body: body && JSON.stringify(body) });
  const word = `outage${randomBytes(3).toString('hex')}`;
  const topic = await (await call('POST', '/api/v1/topics', { unit: 'hub', name: word, query: word })).json();
  const mentions = async () => (await (await call('GET', `/api/v1/topics/${topic.id}`)).json()).mentions;

  const publish = (from, to) => publishPosts(BIN, nats, dir, word, from, to);
  publish(0, 300);
  await until('the first posts to be stored', async () => (await mentions()) === 300);

  natsServer.child.kill('SIGKILL');
  await until('the node to say it is not ready', async () => (await ready()) === 503);
  assert.equal((await fetch(`${api}/healthz`)).status, 200, 'alive all the same');
  assert.equal((await call('GET', '/api/v1/units')).status, 200, 'and serving its users');
  assert.match(node.log(), /message stream is not connected|cannot fetch from NATS/);

  natsServer = await start(natsArgs, /Server is ready/, 'nats-server');
  await until('the node to be ready again', async () => (await ready()) === 200);
  publish(300, 600);
  publish(0, 300); // the first posts again: stored once all the same
  await until('the later posts to be stored', async () => (await mentions()) === 600);
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(await mentions(), 600);
});
