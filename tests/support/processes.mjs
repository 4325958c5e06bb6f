// What the multi-process tests (tests/cluster, tests/reliability) share: free ports, starting a
// process and waiting for the line that says it is ready, waiting for a condition, and psql.
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A free TCP port on the loopback interface. */
export const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/**
 * Starts `cmd args…`, remembered in `children` (so that the test's `after` can kill what is left),
 * and resolves once a line of its output matches `ready`, with the match and its output so far.
 * Rejects when it exits first or after 30 s.
 */
export function start(children, cmd, args, ready, { name = cmd, env } = {}) {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: env ?? process.env });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${out}`)), 30_000);
    const read = (chunk) => {
      out += chunk;
      const m = out.match(ready);
      if (m) {
        clearTimeout(timer);
        resolve({ child, match: m, log: () => out });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code ?? signal}) before it was ready:\n${out}`));
    });
  });
}

/** Resolves with check()'s first truthy value; throws after `ms`. */
export async function until(what, check, ms = 30_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** One SQL statement through psql; its unaligned output. */
export const sql = (url, query) => execFileSync('psql', [url, '-tAc', query], { encoding: 'utf8' }).trim();

/** `url` (a postgresql:// URI) with its database replaced by `name`. */
export const withDatabase = (url, name) => url.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts `cmd args…` without waiting for anything (remembered in `children`); `exited` resolves
 * with its exit code, the signal that ended it, and its output.
 */
export function run(children, cmd, args) {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (out += c));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, out })));
  return { child, exited };
}

/**
 * Publishes posts `${word}-${from}` … `${word}-${to - 1}` (native shape, each saying `word`) into
 * the stream at `nats` with `bin publish-stream`, through a file under `dir`.
 */
export function publishPosts(bin, nats, dir, word, from, to) {
  const lines = [];
  for (let i = from; i < to; i++) {
    lines.push(JSON.stringify({ network: 'x', id: `${word}-${i}`, text: `${word} ${i}`, created_at: Date.now(), author: { id: 'u', handle: 'u' } }));
  }
  const file = join(dir, `posts-${word}-${from}.ndjson`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  execFileSync(bin, ['publish-stream', '--nats', nats, file]);
}
