// kill -9, again and again. Two loops, each of DANDELION_KILL_ROUNDS rounds (50 in `make test`,
// more from bench/kill_loop.sh):
//
// - stream workers: posts are published into NATS JetStream while a `dandelion worker` over
//   PostgreSQL is started and killed -9 at a random moment mid-stream, round after round; then one
//   worker drains the stream. Every post the stream acknowledged is stored exactly once, matched
//   once, and the rollups equal a recount (`dandelion check`).
// - `dandelion ingest` over SQLite is killed -9 mid-file and run again, round after round, then
//   once to the end. The store passes SQLite's integrity_check and the full-text index check
//   after every kill, and at the end it holds each post once, with rollups equal to a recount.
//
// Then the restore drill: a live store is backed up while it ingests, restored into a new folder,
// and the copy is sound (integrity, rollups, audit chain) and serves.
//
// scripts/test runs it with DANDELION_BIN and DANDELION_TEST_PG; the stream loop starts a
// nats-server of its own.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { freePort, run, sleep, sql, start, until, withDatabase } from '../support/processes.mjs';

const BIN = process.env.DANDELION_BIN;
const PG = process.env.DANDELION_TEST_PG;
const ROUNDS = Number(process.env.DANDELION_KILL_ROUNDS ?? 50);
const skip = !BIN ? 'DANDELION_BIN is needed' : false;
const dir = skip ? '' : mkdtempSync(join(tmpdir(), 'dandelion-kill9-'));
const children = [];

after(() => {
  for (const c of children) c.kill('SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// A deterministic random number generator: a failing round can be run again.
let seed = Number(process.env.DANDELION_KILL_SEED ?? 20261204);
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

const moods = ['love the new release', 'this is broken again', 'how do I reset my password', 'great support today',
  'worst update ever', 'anyone tried the preview', 'refund please', 'thanks for the quick fix'];

/** Twitter API v2 lines: every one says `word`, every other one also `half`. */
function twitterPosts(word, half, from, to) {
  const lines = [];
  const base = Date.UTC(2026, 10, 20);
  for (let i = from; i < to; i++) {
    const author = 1 + (i % 97);
    const text = `${word} ${moods[i % moods.length]}${i % 2 === 0 ? ` ${half}` : ''} #${word} ${i}`;
    lines.push(JSON.stringify({
      data: { id: String(1_900_000_000_000_000_000n + BigInt(i)), text, author_id: String(author),
        created_at: new Date(base + i * 37_000).toISOString(), lang: 'en' },
      includes: { users: [{ id: String(author), username: `user${author}`, name: `User ${author}`,
        public_metrics: { followers_count: author * 13 } }] },
    }));
  }
  return lines;
}

const expectedMatches = (from, to) => ({ all: to - from, half: Math.ceil(to / 2) - Math.ceil(from / 2) });

function importTopics(store, word, half) {
  const file = join(dir, `topics-${word}.ndjson`);
  writeFileSync(file, [
    JSON.stringify({ unit: 'hub', name: `All ${word}`, query: word }),
    JSON.stringify({ unit: 'hub', name: `Half ${word}`, query: `${word} AND ${half}` }),
  ].join('\n') + '\n');
  execFileSync(BIN, ['topic', 'import', ...store, file], { encoding: 'utf8' });
}

/** `dandelion check --json` on `store`; fails the test with its problems when not sound. */
function check(store, when) {
  const r = spawnSync(BIN, ['check', '--json', ...store], { encoding: 'utf8' });
  const result = r.stdout.trim() ? JSON.parse(r.stdout) : { ok: false, problems: [r.stderr] };
  assert.deepEqual(result.problems, [], `the store is not sound ${when}`);
  assert.equal(r.status, 0, r.stderr);
  return result;
}

function assertCounts(result, word, expected) {
  const byName = Object.fromEntries(result.topics.map((t) => [t.name, t.matches]));
  assert.equal(result.mentions, expected.all, 'each post stored exactly once');
  assert.equal(byName[`All ${word}`], expected.all, 'each post matched once');
  assert.equal(byName[`Half ${word}`], expected.half, 'the narrower topic matched once each');
}

test(`dandelion ingest killed -9 mid-file ${ROUNDS} times, then run to the end: each post once, the store sound`, { skip, timeout: 900_000 }, async (t) => {
  const word = `kill${randomBytes(3).toString('hex')}`;
  const half = 'beta';
  const store = ['--data', join(dir, 'ingest-store')];
  importTopics(store, word, half);
  // Round r ingests posts [r·step, r·step + window): new posts, and the tail the last kill cut
  // short run again.
  const step = 3000;
  const window = 4000;
  const total = (ROUNDS - 1) * step + window;
  const fileOf = (from, to) => {
    const file = join(dir, `ingest-${from}-${to}.ndjson`);
    writeFileSync(file, `${twitterPosts(word, half, from, to).join('\n')}\n`);
    return file;
  };
  // Small batches: a run commits several times, and a kill falls between or during commits.
  const ingest = (file) => ['ingest', '--no-progress', '--batch-lines', '500', ...store, '--dead-letter', join(dir, 'ingest-rejected.ndjson'), file];

  let killed = 0;
  const storedAfter = [];
  // How long a whole run takes, learnt from the runs that got to the end: the kill falls at a
  // random moment within it, however fast or loaded the machine.
  let runMs = 400;
  for (let round = 0; round < ROUNDS; round++) {
    const file = fileOf(round * step, round * step + window);
    const began = Date.now();
    const running = run(children, BIN, ingest(file));
    await sleep(random() * runMs);
    running.child.kill('SIGKILL');
    const { code, signal, out } = await running.exited;
    if (signal === 'SIGKILL') {
      killed++;
    } else {
      assert.equal(code, 0, out); // it got to the end first
      runMs = Math.max(20, (Date.now() - began) * 0.9);
    }
    storedAfter.push(check(store, `after kill round ${round + 1}`).mentions);
    rmSync(file);
  }
  execFileSync(BIN, ingest(fileOf(0, total)), { encoding: 'utf8' });
  const result = check(store, 'at the end');
  assertCounts(result, word, expectedMatches(0, total));
  assert.ok(killed >= ROUNDS / 2, `most rounds were killed mid-file (${killed} of ${ROUNDS})`);
  // A kill mid-file: the run stored some of its new posts, not all.
  const cut = storedAfter.filter((n, r) => n > (storedAfter[r - 1] ?? 0) && n < r * step + window).length;
  t.diagnostic(`${killed} of ${ROUNDS} runs killed, ${cut} while storing new posts; ${total} posts stored once`);
  assert.ok(cut > 0, `some kills fell while posts were being stored: ${storedAfter.join(',')}`);
});

test(`stream workers killed -9 mid-stream ${ROUNDS} times: every acknowledged post stored exactly once`, { skip: skip || (!PG && 'DANDELION_TEST_PG is needed'), timeout: 900_000 }, async (t) => {
  const natsPort = await freePort();
  const nats = `nats://127.0.0.1:${natsPort}`;
  await start(children, 'nats-server', ['-js', '-a', '127.0.0.1', '-p', String(natsPort), '-sd', join(dir, 'nats')], /Server is ready/);
  const dbName = `kill9_${randomBytes(4).toString('hex')}`;
  sql(PG, `CREATE DATABASE ${dbName}`);
  const store = ['--db', withDatabase(PG, dbName)];
  const word = `stream${randomBytes(3).toString('hex')}`;
  const half = 'beta';
  importTopics(store, word, half);

  const perRound = 400;
  let published = 0;
  const publish = (from, to) => {
    const file = join(dir, `stream-${from}.ndjson`);
    writeFileSync(file, `${twitterPosts(word, half, from, to).join('\n')}\n`);
    const out = execFileSync(BIN, ['publish-stream', '--nats', nats, file], { encoding: 'utf8' });
    // The stream's publish acknowledgement for every line: these must all be stored.
    assert.match(out, new RegExp(`${to - from} lines, ${to - from} new`), out);
    published = to;
  };
  const worker = ['worker', ...store, '--nats', nats];
  const stored = () => Number(sql(withDatabase(PG, dbName), 'SELECT count(*) FROM mentions'));
  const killedAt = [];
  for (let round = 0; round < ROUNDS; round++) {
    publish(published, published + perRound);
    const w = await start(children, BIN, worker, /worker consuming/, { name: 'dandelion worker' });
    await sleep(random() * 700);
    const exited = new Promise((r) => w.child.once('exit', r));
    w.child.kill('SIGKILL');
    await exited;
    killedAt.push(stored());
    if ((round + 1) % 10 === 0) check(store, `after kill round ${round + 1}`);
  }
  // The kills left messages delivered and never acknowledged: the stream delivers them again once
  // their acknowledgement wait (60 s) is over, to the worker that drains it now.
  const last = await start(children, BIN, worker, /worker consuming/, { name: 'dandelion worker' });
  await until('every published post to be stored', () => stored() >= published, 180_000);
  await sleep(1500); // a late redelivery would show up as a second copy now
  const stopped = new Promise((r) => last.child.once('exit', r));
  last.child.kill('SIGTERM');
  await stopped;
  const result = check(store, 'at the end');
  assertCounts(result, word, expectedMatches(0, published));
  assert.equal(Number(sql(withDatabase(PG, dbName), 'SELECT count(*) FROM rejected_lines')), 0, 'no post became a dead letter');
  // The kills fell mid-stream: between the first and the last round the store grew.
  const midStream = killedAt.filter((n, r) => n < (r + 1) * perRound).length;
  t.diagnostic(`${ROUNDS} workers killed, ${midStream} with published posts not yet stored; ${published} posts stored once`);
  assert.ok(midStream > 0, `kills fell mid-stream: ${killedAt.join(',')}`);
});

test('restore drill: a store backed up while it ingests restores sound, with its audit chain, and serves', { skip, timeout: 300_000 }, async () => {
  const data = join(dir, 'live');
  const word = `drill${randomBytes(3).toString('hex')}`;
  const node = await start(children, BIN, ['serve', '--data', data, '--port', '0', '--seed-demo'], /serving on (http:\/\/[^/ ]+)\//);
  importTopics(['--data', data], word, 'beta');
  const file = join(dir, 'drill-posts.ndjson');
  writeFileSync(file, `${twitterPosts(word, 'beta', 0, 40_000).join('\n')}\n`);
  const ingest = run(children, BIN, ['ingest', '--no-progress', '--data', data, '--dead-letter', join(dir, 'drill-rejected.ndjson'), file]);
  await sleep(1500);

  const backup = join(dir, 'drill-backup.db');
  const out = execFileSync(BIN, ['backup', '--data', data, backup], { encoding: 'utf8' });
  assert.match(out, /Backed up the store into/);
  assert.ok(existsSync(backup) && !existsSync(`${backup}.part`));
  const refused = spawnSync(BIN, ['backup', '--data', data, backup], { encoding: 'utf8' });
  assert.equal(refused.status, 1, 'an existing file is never overwritten');
  assert.match(refused.stderr, /exists; back up into a new file/);
  const ingested = await ingest.exited;
  assert.equal(ingested.code, 0, ingested.out);

  const restored = join(dir, 'restored');
  assert.match(execFileSync(BIN, ['restore', '--data', restored, backup], { encoding: 'utf8' }), /Restored .* audit entries intact/);
  const again = spawnSync(BIN, ['restore', '--data', restored, backup], { encoding: 'utf8' });
  assert.equal(again.status, 1, 'a folder that holds a store is never overwritten');
  assert.match(again.stderr, /already holds a store/);

  const copy = check(['--data', restored], 'after the restore');
  assert.ok(copy.audit_entries > 0, 'the audit chain came along');
  // One consistent snapshot: whatever the backup caught, its matches and rollups agree with it.
  const byName = Object.fromEntries(copy.topics.map((t) => [t.name, t.matches]));
  assert.equal(execFileSync(BIN, ['audit', 'verify', '--data', restored], { encoding: 'utf8' }).includes('intact'), true);
  const live = check(['--data', data], 'of the live store after the ingest');
  assert.ok(live.mentions >= copy.mentions, 'the copy holds no more than the live store');

  // The restored store serves: the demo admin signs in and reads the topic.
  const served = await start(children, BIN, ['serve', '--data', restored, '--port', '0'], /serving on (http:\/\/[^/ ]+)\//);
  const api = served.match[1];
  const login = await fetch(`${api}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'admin@demo.example', password: 'dandelion-demo' }),
  });
  assert.equal(login.status, 200);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const topics = await (await fetch(`${api}/api/v1/topics`, { headers: { Cookie: cookie } })).json();
  const topic = topics.items.find((t) => t.name === `All ${word}`);
  assert.ok(topic, 'the drill topic came along');
  const seen = await (await fetch(`${api}/api/v1/topics/${topic.id}`, { headers: { Cookie: cookie } })).json();
  assert.equal(seen.mentions, byName[`All ${word}`]);
});
