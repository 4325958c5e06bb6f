// PostgreSQL goes away for a while under a node that consumes the stream: the node says it is not
// ready (/readyz 503) and logs that the store is away, keeps the batch it was storing (its messages
// held in the stream, not delivered again), and once PostgreSQL is back it stores everything that
// was published meanwhile, each post once, nothing set aside. The test runs a PostgreSQL cluster
// and a nats-server of its own (so that it can stop them); it needs root (PostgreSQL runs as
// `postgres`) and PostgreSQL's binaries, as scripts/test has.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { freePort, publishPosts, sleep, sql, start, until } from '../support/processes.mjs';

const BIN = process.env.DANDELION_BIN;
const pgVersions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort((a, b) => a - b) : [];
const PG_BIN = pgVersions.length ? `/usr/lib/postgresql/${pgVersions[pgVersions.length - 1]}/bin` : '';
const skip = !BIN ? 'DANDELION_BIN is needed'
  : !PG_BIN ? 'PostgreSQL is not installed (scripts/setup installs it)'
    : process.getuid() !== 0 ? 'runs PostgreSQL as the postgres user: needs root' : false;
const dir = skip ? '' : mkdtempSync(join(tmpdir(), 'dandelion-pg-outage-'));
const children = [];
let pgDir = '';

const asPostgres = (args) => execFileSync('runuser', ['-u', 'postgres', '--', ...args], { encoding: 'utf8' });
const pgCtl = (...args) => asPostgres([`${PG_BIN}/pg_ctl`, '-D', pgDir, ...args]);

after(() => {
  for (const c of children) c.kill('SIGKILL');
  if (pgDir && existsSync(join(pgDir, 'postmaster.pid'))) {
    try { pgCtl('-m', 'immediate', 'stop'); } catch { /* already stopped */ }
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('PostgreSQL away under a stream node: not ready meanwhile, then every post stored once', { skip, timeout: 180_000 }, async () => {
  chmodSync(dir, 0o755);
  pgDir = join(dir, 'pg');
  mkdirSync(pgDir, { mode: 0o700 });
  chownSync(pgDir, Number(execFileSync('id', ['-u', 'postgres'])), Number(execFileSync('id', ['-g', 'postgres'])));
  asPostgres([`${PG_BIN}/initdb`, '-D', pgDir, '-A', 'trust', '-U', 'dandelion']);
  const pgPort = await freePort();
  const startPg = () => pgCtl('-l', join(pgDir, 'log'), '-w', '-o', `-p ${pgPort} -k ${pgDir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start');
  startPg();
  const db = `postgresql://dandelion@127.0.0.1:${pgPort}/postgres`;

  const natsPort = await freePort();
  const nats = `nats://127.0.0.1:${natsPort}`;
  await start(children, 'nats-server', ['-js', '-a', '127.0.0.1', '-p', String(natsPort), '-sd', join(dir, 'nats')], /Server is ready/);
  const node = await start(children, BIN, ['serve', '--db', db, '--port', '0', '--nats', nats], /serving on (http:\/\/[^/ ]+)\//);
  const api = node.match[1];
  const ready = async () => (await fetch(`${api}/readyz`)).status;
  await until('the node to be ready', async () => (await ready()) === 200);

  const word = `pgaway${randomBytes(3).toString('hex')}`;
  const publish = (from, to) => publishPosts(BIN, nats, dir, word, from, to);
  const stored = () => Number(sql(db, `SELECT count(*) FROM mentions WHERE external_id LIKE '${word}-%'`));
  publish(0, 500);
  await until('the first posts to be stored', () => stored() === 500);

  pgCtl('-m', 'fast', 'stop');
  publish(500, 1500); // into the stream while the store is away
  await until('the node to say it is not ready', async () => (await ready()) === 503);
  await until('the node to log that the store is away', () => /the store is away/.test(node.log()));
  await sleep(4000); // away for a while: the node backs off and tries again meanwhile
  assert.equal((await fetch(`${api}/healthz`)).status, 200, 'alive all the same');

  startPg();
  await until('the node to be ready again', async () => (await ready()) === 200, 60_000);
  await until('what was published meanwhile to be stored', () => stored() >= 1500, 60_000);
  await sleep(1500); // a second copy would show up now
  assert.equal(stored(), 1500, 'each post stored exactly once');
  assert.equal(Number(sql(db, 'SELECT count(*) FROM rejected_lines')), 0, 'nothing set aside: the outage is not the posts\' fault');
  const metrics = await (await fetch(`${api}/metrics`)).text();
  assert.match(metrics, /dandelion_stream_pending_messages 0\n/);
  assert.match(metrics, /dandelion_stream_consumer_healthy 1\n/);
  assert.match(metrics, /dandelion_ingest_posts_total\{outcome="new"\} 1500\n/);
});
