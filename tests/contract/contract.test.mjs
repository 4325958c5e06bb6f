// The contract test: the OpenAPI document (merged from src/http/openapi.base.json and
// src/http/*/openapi.json) against a real `dandelion serve --seed-demo`.
//
// Every operation of the document is called, its successes and its documented errors (400 bad
// body or parameter, 401 without a session, 403 without the right, 404 unknown id, 409, 413, 415,
// 429). Every answer must have a status the operation documents, the documented media type, and a
// body the documented schema accepts (ajv; the schemas are strict, so an unknown, missing or
// mistyped field fails). The last test fails when an operation of the document was not called, so
// a new endpoint needs its cases here.
//
// The wire convention (info.description) is checked here too: every list answers
// {"items": [...], "next": string|null} (next null always for the lists that are not paginated),
// paginated lists are walked page by page with ?cursor=<next>, timestamps are ISO 8601 UTC strings
// with milliseconds (the Timestamp schema), from / to are sent as such, and a malformed cursor or
// time answers 400 naming the parameter.
//
//   DANDELION_BIN=build/dandelion node --test tests/contract/
// DANDELION_BIN defaults to build/dandelion. The server runs on a free port with its data (and
// working directory) in a temporary folder, removed at the end.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { merge, resolvePointer } from '../../tools/openapi/merge.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = resolve(ROOT, process.env.DANDELION_BIN || 'build/dandelion');
const DEMO_PASSWORD = 'dandelion-demo'; // src/service/demo.h, kDemoPassword
const ADMIN = 'admin@demo.example'; // admin at the hub
const AGENT = 'agent@demo.example'; // agent at support: sees support, may change nothing here
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const MISSING_ID = 987654321;
/** The list operations of the convention: paginated (?cursor=, next) or not (next always null). */
const LISTS = new Map([
  ['GET /api/v1/users', { paginated: true }],
  ['GET /api/v1/audit', { paginated: true }],
  ['GET /api/v1/topics/{id}/mentions', { paginated: true }],
  ['GET /api/v1/roles', { paginated: false }],
  ['GET /api/v1/units', { paginated: false }],
  ['GET /api/v1/units/{slug}/members', { paginated: false }],
  ['GET /api/v1/units/{slug}/invitations', { paginated: false }],
  ['GET /api/v1/auth/tokens', { paginated: false }],
  ['GET /api/v1/topics', { paginated: false }],
  ['GET /api/v1/alerts', { paginated: false }],
  ['GET /api/v1/ingest/rejected', { paginated: true }],
  ['GET /api/v1/cases', { paginated: true }],
  ['GET /api/v1/units/{slug}/channels', { paginated: false }],
  ['GET /api/v1/units/{slug}/routing-rules', { paginated: false }],
  ['GET /api/v1/units/{slug}/sla-policies', { paginated: false }],
  ['GET /api/v1/units/{slug}/agents', { paginated: false }],
]);
/** A time as the query parameters take it: ISO 8601 UTC, with milliseconds, or without (`seconds`). */
const isoParam = (ms, { seconds = false } = {}) => {
  const t = new Date(ms).toISOString();
  return seconds ? t.replace(/\.\d{3}Z$/, 'Z') : t;
};

/* ---------- the document ---------- */

const doc = await merge();
const operations = new Map(); // "GET /api/v1/units/{slug}" -> operation
for (const [path, item] of Object.entries(doc.paths)) {
  for (const m of METHODS) if (item[m]) operations.set(`${m.toUpperCase()} ${path}`, item[m]);
}
/** Statuses each operation answered in this run. */
const exercised = new Map();

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);
const COMPONENTS = 'urn:dandelion:openapi-components';
/** A copy of a schema with '#/components/schemas/X' refs pointing into the registered components. */
const rebase = (node) =>
  JSON.parse(JSON.stringify(node), (k, v) => (k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/') ? `${COMPONENTS}#/$defs/${v.slice(21)}` : v));
ajv.addSchema({ $id: COMPONENTS, $defs: rebase(doc.components.schemas) });
const validators = new Map();

function documentedResponse(op, status) {
  let r = op.responses[String(status)];
  if (r?.$ref) r = resolvePointer(doc, r.$ref.slice(1));
  return r;
}

/** Checks one answer against the document; records the status as exercised. */
function checkAnswer(key, res) {
  const op = operations.get(key);
  assert.ok(op, `${key} is not in the document`);
  if (!exercised.has(key)) exercised.set(key, new Set());
  exercised.get(key).add(res.status);
  const r = documentedResponse(op, res.status);
  assert.ok(r, `${key} answered ${res.status}, which it does not document (documented: ${Object.keys(op.responses).join(', ')}); body: ${res.text.slice(0, 300)}`);
  const media = Object.keys(r.content ?? {});
  const type = (res.headers.get('content-type') ?? '').split(';')[0].trim();
  if (media.length === 0) {
    assert.equal(res.text, '', `${key} ${res.status} documents no body but has one: ${res.text.slice(0, 200)}`);
    return;
  }
  assert.ok(media.includes(type), `${key} ${res.status} answered Content-Type "${type}", documented: ${media.join(', ')}`);
  const schema = r.content[type].schema;
  if (!schema) return;
  let body = res.text;
  if (type === 'application/json') {
    try {
      body = JSON.parse(res.text);
    } catch (e) {
      assert.fail(`${key} ${res.status}: the body is not JSON (${e.message}): ${res.text.slice(0, 200)}`);
    }
  }
  const id = `${key} ${res.status} ${type}`;
  if (!validators.has(id)) validators.set(id, ajv.compile(rebase(schema)));
  const validate = validators.get(id);
  if (!validate(body)) {
    const errors = validate.errors.slice(0, 8).map((e) => `  ${e.instancePath || '(body)'} ${e.message} ${JSON.stringify(e.params)} [schema ${e.schemaPath}]`);
    assert.fail(`${key} ${res.status}: the body does not match the document:\n${errors.join('\n')}\nbody: ${res.text.slice(0, 400)}`);
  }
  const list = LISTS.get(key);
  if (list && res.status === 200) {
    assert.ok(Object.hasOwn(body, 'next'), `${key}: a list answer without a next key: ${res.text.slice(0, 200)}`);
    if (list.paginated) assert.ok(body.next === null || typeof body.next === 'string', `${key}: next is a string or null`);
    else assert.equal(body.next, null, `${key} is not paginated: its next is always null`);
  }
}

/* ---------- the server ---------- */

let server = null;
let dataDir = null;
let base = '';
let serverLog = '';

const freePort = () =>
  new Promise((ok, fail) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
    s.on('error', fail);
  });

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'dandelion-contract-'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // The working directory is the temp folder too, so that nothing the server writes lands in the checkout.
  server = spawn(BIN, ['serve', '--port', String(port), '--data', join(dataDir, 'data'), '--seed-demo'], {
    cwd: dataDir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout.on('data', (d) => (serverLog += d));
  server.stderr.on('data', (d) => (serverLog += d));
  const exited = new Promise((ok) => {
    server.once('exit', (code) => ok(code));
    server.once('error', (e) => ok(`${e.message}; set DANDELION_BIN to the dandelion binary`));
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    const code = await Promise.race([exited, new Promise((ok) => setTimeout(() => ok(undefined), 100))]);
    if (code !== undefined) throw new Error(`${BIN} exited (${code}) before it was ready:\n${serverLog}`);
    if (Date.now() > deadline) throw new Error(`${BIN} was not ready after 60 s:\n${serverLog}`);
  }
});

after(async () => {
  if (server && server.pid && server.exitCode === null) {
    const exited = new Promise((ok) => server.once('exit', ok));
    server.kill('SIGTERM');
    const timer = setTimeout(() => server.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/* ---------- calling it ---------- */

/**
 * Calls `METHOD template` and checks the answer against the document.
 * as: a session ({cookie, csrf}), a token ({token}) or null (no credentials).
 * params fill the template; query is appended; json is sent as application/json, raw as is.
 */
async function call(key, { as = null, params = {}, query, json, raw, type, csrf = true } = {}) {
  const [method, template] = key.split(' ');
  let url = template.replace(/\{([^}]+)\}/g, (_, n) => {
    assert.ok(n in params, `${key}: no value for {${n}}`);
    return encodeURIComponent(String(params[n]));
  });
  if (query) url += `?${new URLSearchParams(query)}`;
  const headers = { Accept: 'application/json' };
  let body;
  if (json !== undefined) {
    body = JSON.stringify(json);
    headers['Content-Type'] = 'application/json';
  }
  if (raw !== undefined) body = raw;
  if (type) headers['Content-Type'] = type;
  if (as?.cookie) {
    headers.Cookie = as.cookie;
    if (csrf && method !== 'GET') headers['X-CSRF-Token'] = as.csrf;
  }
  if (as?.token) headers.Authorization = `Bearer ${as.token}`;
  const res = await fetch(base + url, { method, headers, body, redirect: 'manual' });
  const answer = { status: res.status, headers: res.headers, text: await res.text() };
  answer.json = () => JSON.parse(answer.text);
  checkAnswer(key, answer);
  return answer;
}

/** call() and assert the status. */
async function expect(status, key, init) {
  const res = await call(key, init);
  assert.equal(res.status, status, `${key}: expected ${status}, got ${res.status}: ${res.text.slice(0, 300)}`);
  return res;
}

async function login(email, password = DEMO_PASSWORD) {
  const res = await expect(200, 'POST /api/v1/auth/login', { json: { email, password } });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  assert.match(cookie, /^dandelion_session=./, 'the login sets the session cookie');
  return { cookie, csrf: res.json().csrf_token };
}

/* ---------- the cases ---------- */

const s = {}; // what the cases share: sessions, tokens, created ids

test('GET /healthz, /readyz, /metrics', async () => {
  assert.deepEqual((await expect(200, 'GET /healthz')).json(), { status: 'ok' });
  assert.equal((await expect(200, 'GET /readyz')).json().store, 'sqlite');
  assert.match((await expect(200, 'GET /metrics')).text, /^# (HELP|TYPE) /m);
});

test('GET /api/v1/openapi.json serves a valid document with the operations of the parts', async () => {
  const served = (await expect(200, 'GET /api/v1/openapi.json')).json();
  await SwaggerParser.validate(structuredClone(served));
  const ops = (d) => Object.entries(d.paths).flatMap(([p, item]) => METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${p}`)).sort();
  assert.deepEqual(ops(served), [...operations.keys()].sort());
  // The binary embeds the document merged from the parts at build time: the two are one.
  assert.deepEqual(served, doc, 'the served document is the merged document (rebuild the binary?)');
});

test('POST /api/v1/auth/login: 400 unknown field, 415 not JSON, 413 too big, 401 wrong password', async () => {
  const r = await expect(400, 'POST /api/v1/auth/login', { json: { email: ADMIN, password: DEMO_PASSWORD, remember: true } });
  assert.equal(r.json().error.field, 'remember');
  await expect(415, 'POST /api/v1/auth/login', { raw: `email=${ADMIN}`, type: 'text/plain' });
  await expect(413, 'POST /api/v1/auth/login', { json: { email: ADMIN, password: 'x'.repeat((1 << 20) + 1) } });
  await expect(401, 'POST /api/v1/auth/login', { json: { email: ADMIN, password: 'not the password' } });
});

test('POST /api/v1/auth/login: 429 after 5 failed attempts for one e-mail', async () => {
  for (let i = 0; i < 5; i++) await expect(401, 'POST /api/v1/auth/login', { json: { email: 'nobody@demo.example', password: 'wrong' } });
  await expect(429, 'POST /api/v1/auth/login', { json: { email: 'nobody@demo.example', password: 'wrong' } });
});

test('POST /api/v1/auth/login 200 (the demo admin and a support agent)', async () => {
  s.admin = await login(ADMIN);
  s.agent = await login(AGENT);
});

test('every operation that documents 401 answers it without credentials', async () => {
  const samples = { id: 1, slug: 'hub' };
  for (const [key, op] of operations) {
    if (!op.responses['401']) continue;
    const params = Object.fromEntries([...key.matchAll(/\{([^}]+)\}/g)].map(([, n]) => [n, samples[n]]));
    const method = key.split(' ')[0];
    const init = { params, ...(method === 'GET' || method === 'DELETE' ? {} : { json: {} }) };
    if (key === 'POST /api/v1/auth/login') continue; // public: 401 is the wrong password, above
    await expect(401, key, init);
    await expect(401, key, { ...init, as: { token: 'not-a-token' } });
  }
});

test('GET /api/v1/auth/me: the session (with its CSRF token)', async () => {
  const me = (await expect(200, 'GET /api/v1/auth/me', { as: s.admin })).json();
  assert.equal(me.user.email, ADMIN);
  assert.equal(me.csrf_token, s.admin.csrf);
  assert.equal(me.memberships[0].unit, 'hub');
});

test('POST /api/v1/auth/tokens: 201, 400 empty name, 400 unknown field, 403 without the CSRF token', async () => {
  const t = (await expect(201, 'POST /api/v1/auth/tokens', { as: s.admin, json: { name: 'contract test', scope: 'write', expires_in_days: 30 } })).json();
  assert.equal(t.scope, 'write');
  s.adminToken = { token: t.token };
  // A token cannot mint tokens, whatever its scope.
  await expect(403, 'POST /api/v1/auth/tokens', { as: s.adminToken, json: { name: 'heir' } });
  await expect(400, 'POST /api/v1/auth/tokens', { as: s.admin, json: { name: 'x', expires_in_days: 1000 } });
  s.tokenId = t.id;
  const spare = (await expect(201, 'POST /api/v1/auth/tokens', { as: s.admin, json: { name: 'to revoke' } })).json();
  s.spareTokenId = spare.id;
  await expect(400, 'POST /api/v1/auth/tokens', { as: s.admin, json: { name: '' } });
  await expect(400, 'POST /api/v1/auth/tokens', { as: s.admin, json: { name: 'x'.repeat(121) } });
  await expect(400, 'POST /api/v1/auth/tokens', { as: s.admin, json: { name: 'x', scope: 'all' } });
  const r = await call('POST /api/v1/auth/tokens', { as: s.admin, json: { name: 'no csrf' }, csrf: false });
  assert.equal(r.status, 403);
  assert.equal(r.json().error.field, 'X-CSRF-Token');
  const agentToken = (await expect(201, 'POST /api/v1/auth/tokens', { as: s.agent, json: { name: 'agent' } })).json();
  s.agentToken = { token: agentToken.token };
});

test('GET /api/v1/auth/me with a token: csrf_token is null', async () => {
  const me = (await expect(200, 'GET /api/v1/auth/me', { as: s.adminToken })).json();
  assert.equal(me.csrf_token, null);
});

test('GET /api/v1/auth/tokens lists them (last_used_at set once used)', async () => {
  const { items } = (await expect(200, 'GET /api/v1/auth/tokens', { as: s.admin })).json();
  const used = items.find((t) => t.id === s.tokenId);
  assert.ok(used && typeof used.last_used_at === 'string', 'the token used above has last_used_at');
  assert.equal(items.find((t) => t.id === s.spareTokenId).last_used_at, null);
});

test('DELETE /api/v1/auth/tokens/{id}: 204, 404 unknown id, 400 not an id', async () => {
  await expect(204, 'DELETE /api/v1/auth/tokens/{id}', { as: s.admin, params: { id: s.spareTokenId } });
  await expect(404, 'DELETE /api/v1/auth/tokens/{id}', { as: s.admin, params: { id: s.spareTokenId } });
  await expect(404, 'DELETE /api/v1/auth/tokens/{id}', { as: s.admin, params: { id: MISSING_ID } });
  await expect(400, 'DELETE /api/v1/auth/tokens/{id}', { as: s.admin, params: { id: 'abc' } });
});

test('the document: every list of the convention answers {items, next}, and only those', () => {
  const docLists = [...operations]
    .filter(([, op]) => op.responses['200']?.content?.['application/json']?.schema?.properties?.next)
    .map(([k]) => k)
    .sort();
  assert.deepEqual(docLists, [...LISTS.keys()].sort(), 'the operations whose answer has a next');
  for (const key of LISTS.keys()) {
    const schema = operations.get(key).responses['200'].content['application/json'].schema;
    // A list may say more about the whole of it (the dead letters' counts per reason), never less.
    assert.deepEqual(schema.required.slice(0, 2), ['items', 'next'], `${key}: items and next are required, first`);
    assert.equal(schema.properties.next.$ref, '#/components/schemas/Next', `${key}: next is the shared Next`);
    const params = (operations.get(key).parameters ?? []).map((p) => p.$ref ?? p.name);
    if (LISTS.get(key).paginated) assert.ok(params.includes('#/components/parameters/Cursor'), `${key} takes the Cursor parameter`);
    else assert.ok(!params.includes('#/components/parameters/Cursor'), `${key} is not paginated: no cursor`);
  }
});

test('GET /api/v1/roles', async () => {
  const { items } = (await expect(200, 'GET /api/v1/roles', { as: s.admin })).json();
  assert.equal(items.length, 7);
});

test('GET /api/v1/units (admin: all; agent: support and its ancestors)', async () => {
  const all = (await expect(200, 'GET /api/v1/units', { as: s.admin })).json().items;
  assert.equal(all[0].parent, null);
  const seen = (await expect(200, 'GET /api/v1/units', { as: s.agent })).json().items;
  assert.ok(seen.length < all.length);
});

test('POST /api/v1/units: 201, 409 taken slug, 400 bad slug, 400 missing field, 404 unknown parent, 403 not allowed', async () => {
  const u = (await expect(201, 'POST /api/v1/units', { as: s.admin, json: { slug: 'contract-spoke', name: 'Contract spoke', parent: 'hub' } })).json();
  assert.equal(u.parent, 'hub');
  await expect(409, 'POST /api/v1/units', { as: s.admin, json: { slug: 'contract-spoke', name: 'Again', parent: 'hub' } });
  await expect(400, 'POST /api/v1/units', { as: s.admin, json: { slug: 'Not A Slug', name: 'Bad', parent: 'hub' } });
  await expect(400, 'POST /api/v1/units', { as: s.admin, json: { slug: 'no-parent', name: 'Bad' } });
  await expect(404, 'POST /api/v1/units', { as: s.admin, json: { slug: 'orphan', name: 'Orphan', parent: 'no-such-unit' } });
  await expect(403, 'POST /api/v1/units', { as: s.agent, json: { slug: 'agent-spoke', name: 'Agent spoke', parent: 'support' } });
});

test('GET /api/v1/units/{slug}: 200, 404 (unknown, or outside the view), 403 (seen, closed)', async () => {
  assert.equal((await expect(200, 'GET /api/v1/units/{slug}', { as: s.admin, params: { slug: 'contract-spoke' } })).json().depth, 1);
  await expect(404, 'GET /api/v1/units/{slug}', { as: s.admin, params: { slug: 'no-such-unit' } });
  await expect(404, 'GET /api/v1/units/{slug}', { as: s.agent, params: { slug: 'contract-spoke' } });
  await expect(403, 'GET /api/v1/units/{slug}', { as: s.agent, params: { slug: 'hub' } });
});

test('PATCH /api/v1/units/{slug}: 200, 400 empty name, 404, 403', async () => {
  const u = (await expect(200, 'PATCH /api/v1/units/{slug}', { as: s.admin, params: { slug: 'contract-spoke' }, json: { name: 'Contract spoke (renamed)' } })).json();
  assert.equal(u.name, 'Contract spoke (renamed)');
  await expect(400, 'PATCH /api/v1/units/{slug}', { as: s.admin, params: { slug: 'contract-spoke' }, json: { name: '' } });
  await expect(404, 'PATCH /api/v1/units/{slug}', { as: s.admin, params: { slug: 'no-such-unit' }, json: { name: 'X' } });
  await expect(403, 'PATCH /api/v1/units/{slug}', { as: s.agent, params: { slug: 'support' }, json: { name: 'X' } });
});

test('POST /api/v1/users: 201, 409 taken e-mail, 400 short password, 404 unknown unit, 403', async () => {
  const body = { email: 'contract.user@demo.example', name: 'Contract User', password: 'contract-password', unit: 'contract-spoke', role: 'publisher' };
  const u = (await expect(201, 'POST /api/v1/users', { as: s.admin, json: body })).json();
  assert.deepEqual(u.memberships, [{ unit: 'contract-spoke', role: 'publisher' }]);
  s.userId = u.id;
  await expect(409, 'POST /api/v1/users', { as: s.admin, json: body });
  await expect(400, 'POST /api/v1/users', { as: s.admin, json: { ...body, email: 'short@demo.example', password: 'short' } });
  await expect(404, 'POST /api/v1/users', { as: s.admin, json: { ...body, email: 'nowhere@demo.example', unit: 'no-such-unit' } });
  await expect(403, 'POST /api/v1/users', { as: s.agent, json: { ...body, email: 'agent.made@demo.example', unit: 'support' } });
});

test('POST /api/v1/auth/password and POST /api/v1/auth/logout-everywhere: 204, 400, 403 with a token, 200', async () => {
  const first = await login('contract.user@demo.example', 'contract-password');
  const second = await login('contract.user@demo.example', 'contract-password');
  const wrong = await expect(400, 'POST /api/v1/auth/password', { as: first, json: { current_password: 'not it', new_password: 'a new contract password' } });
  assert.equal(wrong.json().error.field, 'current_password');
  await expect(400, 'POST /api/v1/auth/password', { as: first, json: { current_password: 'contract-password', new_password: 'short' } });
  await expect(403, 'POST /api/v1/auth/password', { as: s.adminToken, json: { current_password: 'x', new_password: 'a new contract password' } });
  await expect(204, 'POST /api/v1/auth/password', { as: first, json: { current_password: 'contract-password', new_password: 'a new contract password' } });
  await expect(401, 'GET /api/v1/auth/me', { as: second }); // the other session ended
  const ended = (await expect(200, 'POST /api/v1/auth/logout-everywhere', { as: first })).json();
  assert.equal(ended.sessions_ended, 1);
  await expect(401, 'POST /api/v1/auth/logout-everywhere', { as: first });
  // A read-only token may not do it (it is a POST).
  const reader = (await expect(201, 'POST /api/v1/auth/tokens', { as: s.admin, json: { name: 'reader', scope: 'read' } })).json();
  await expect(403, 'POST /api/v1/auth/logout-everywhere', { as: { token: reader.token } });
});

test('GET /api/v1/users: pages (?cursor=, next), 400 bad limit, 400 bad cursor, 403', async () => {
  const all = (await expect(200, 'GET /api/v1/users', { as: s.admin, query: { limit: 200 } })).json();
  assert.equal(all.next, null, 'one page holds every demo user');
  assert.ok(all.items.length > 2, 'enough users for two pages');
  const first = (await expect(200, 'GET /api/v1/users', { as: s.admin, query: { limit: 2 } })).json();
  assert.equal(first.items.length, 2);
  assert.equal(typeof first.next, 'string');
  const second = (await expect(200, 'GET /api/v1/users', { as: s.admin, query: { limit: 2, cursor: first.next } })).json();
  assert.ok(second.items.length > 0);
  assert.deepEqual([...first.items, ...second.items].map((u) => u.id), all.items.slice(0, first.items.length + second.items.length).map((u) => u.id), 'the second page goes on where the first ended');
  const rest = (await expect(200, 'GET /api/v1/users', { as: s.admin, query: { limit: 200, cursor: first.next } })).json();
  assert.equal(rest.next, null);
  assert.deepEqual(rest.items.map((u) => u.id), all.items.slice(2).map((u) => u.id));
  assert.ok(rest.items.some((u) => u.id === s.userId));
  // Walking every page, two at a time, gives every user once.
  const walked = [];
  let cursor = null;
  for (let i = 0; i < 100; i++) {
    const page = (await expect(200, 'GET /api/v1/users', { as: s.admin, query: { limit: 2, ...(cursor ? { cursor } : {}) } })).json();
    walked.push(...page.items.map((u) => u.id));
    if (page.next === null) break;
    cursor = page.next;
  }
  assert.deepEqual(walked, all.items.map((u) => u.id));
  await expect(400, 'GET /api/v1/users', { as: s.admin, query: { limit: 0 } });
  for (const bad of ['not-a-cursor', '-1', '1.5']) {
    const r = await expect(400, 'GET /api/v1/users', { as: s.admin, query: { cursor: bad } });
    assert.equal(r.json().error.field, 'cursor', `cursor=${bad}`);
  }
  await expect(403, 'GET /api/v1/users', { as: s.agent });
});

test('GET /api/v1/units/{slug}/members: 200, 404, 403', async () => {
  const { items } = (await expect(200, 'GET /api/v1/units/{slug}/members', { as: s.admin, params: { slug: 'contract-spoke' } })).json();
  assert.equal(items[0].user.id, s.userId);
  await expect(404, 'GET /api/v1/units/{slug}/members', { as: s.admin, params: { slug: 'no-such-unit' } });
  await expect(403, 'GET /api/v1/units/{slug}/members', { as: s.agent, params: { slug: 'hub' } });
});

test('POST /api/v1/units/{slug}/members: 201, 409 same role, 400 unknown role, 404 unknown user, 403', async () => {
  const m = (await expect(201, 'POST /api/v1/units/{slug}/members', { as: s.admin, params: { slug: 'contract-spoke' }, json: { user_id: s.userId, role: 'analyst' } })).json();
  assert.equal(m.user.id, s.userId);
  s.membershipId = m.id;
  await expect(409, 'POST /api/v1/units/{slug}/members', { as: s.admin, params: { slug: 'contract-spoke' }, json: { user_id: s.userId, role: 'analyst' } });
  await expect(400, 'POST /api/v1/units/{slug}/members', { as: s.admin, params: { slug: 'contract-spoke' }, json: { user_id: s.userId, role: 'overlord' } });
  await expect(400, 'POST /api/v1/units/{slug}/members', { as: s.admin, params: { slug: 'contract-spoke' }, json: { user_id: 'one', role: 'analyst' } });
  await expect(404, 'POST /api/v1/units/{slug}/members', { as: s.admin, params: { slug: 'contract-spoke' }, json: { user_id: MISSING_ID, role: 'analyst' } });
  await expect(404, 'POST /api/v1/units/{slug}/members', { as: s.admin, params: { slug: 'no-such-unit' }, json: { user_id: s.userId, role: 'analyst' } });
  await expect(403, 'POST /api/v1/units/{slug}/members', { as: s.agent, params: { slug: 'support' }, json: { user_id: s.userId, role: 'agent' } });
});

// The server writes invitation e-mails into <data>/outbox; the link's secret is read from there.
async function invitationToken(email) {
  const dir = join(dataDir, 'data', 'outbox');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.eml')).sort().reverse();
  for (const f of files) {
    const text = await readFile(join(dir, f), 'utf8');
    const link = text.match(/\/invitations\/([0-9a-f]{64})/);
    if (text.includes(`To: ${email}\r\n`) && link) return link[1];
  }
  throw new Error(`no invitation e-mail to ${email} in ${dir}`);
}

test('POST /api/v1/units/{slug}/invitations: 202, 400 bad e-mail, 400 unknown role, 404 outside the view, 403', async () => {
  const inv = (await expect(202, 'POST /api/v1/units/{slug}/invitations', { as: s.admin, params: { slug: 'contract-spoke' }, json: { email: 'invited@contract.example', role: 'agent' } })).json();
  assert.equal(inv.unit, 'contract-spoke');
  s.invitationId = inv.id;
  await expect(202, 'POST /api/v1/units/{slug}/invitations', { as: s.admin, params: { slug: 'contract-spoke' }, json: { email: 'joiner@contract.example', role: 'analyst' } });
  await expect(400, 'POST /api/v1/units/{slug}/invitations', { as: s.admin, params: { slug: 'contract-spoke' }, json: { email: 'not an address', role: 'agent' } });
  await expect(400, 'POST /api/v1/units/{slug}/invitations', { as: s.admin, params: { slug: 'contract-spoke' }, json: { email: 'x@contract.example', role: 'emperor' } });
  await expect(404, 'POST /api/v1/units/{slug}/invitations', { as: s.agent, params: { slug: 'contract-spoke' }, json: { email: 'x@contract.example', role: 'agent' } });
  await expect(403, 'POST /api/v1/units/{slug}/invitations', { as: s.agent, params: { slug: 'support' }, json: { email: 'x@contract.example', role: 'agent' } });
});

test('GET /api/v1/units/{slug}/invitations: 200, 404 outside the view, 403', async () => {
  const items = (await expect(200, 'GET /api/v1/units/{slug}/invitations', { as: s.admin, params: { slug: 'contract-spoke' } })).json().items;
  assert.ok(items.some((i) => i.email === 'invited@contract.example'));
  await expect(404, 'GET /api/v1/units/{slug}/invitations', { as: s.agent, params: { slug: 'contract-spoke' } });
  await expect(403, 'GET /api/v1/units/{slug}/invitations', { as: s.agent, params: { slug: 'support' } });
});

test('GET /api/v1/invitations/by-token/{token}, POST …/signup, POST …/accept: 200, 201, 409, 404 used', async () => {
  const token = await invitationToken('joiner@contract.example');
  const preview = (await expect(200, 'GET /api/v1/invitations/by-token/{token}', { params: { token } })).json();
  assert.equal(preview.account_exists, false);
  await expect(400, 'POST /api/v1/invitations/by-token/{token}/signup', { params: { token }, json: { name: 'Joiner', password: 'short' } });
  await expect(201, 'POST /api/v1/invitations/by-token/{token}/signup', { params: { token }, json: { name: 'Joiner', password: 'a long enough password' } });
  await expect(404, 'POST /api/v1/invitations/by-token/{token}/signup', { params: { token }, json: { name: 'Joiner', password: 'a long enough password' } });
  await expect(404, 'GET /api/v1/invitations/by-token/{token}', { params: { token } });
  // An account that exists accepts logged in, as itself only.
  // (to the agent's own unit, so that they still see nothing of contract-spoke afterwards)
  await expect(202, 'POST /api/v1/units/{slug}/invitations', { as: s.admin, params: { slug: 'support' }, json: { email: AGENT, role: 'reviewer' } });
  const agentToken = await invitationToken(AGENT);
  await expect(409, 'POST /api/v1/invitations/by-token/{token}/signup', { params: { token: agentToken }, json: { name: 'Thief', password: 'a long enough password' } });
  await expect(403, 'POST /api/v1/invitations/by-token/{token}/accept', { as: s.admin, params: { token: agentToken } });
  await expect(401, 'POST /api/v1/invitations/by-token/{token}/accept', { params: { token: agentToken } });
  await expect(200, 'POST /api/v1/invitations/by-token/{token}/accept', { as: s.agent, params: { token: agentToken } });
  await expect(404, 'POST /api/v1/invitations/by-token/{token}/accept', { as: s.agent, params: { token: agentToken } });
});

test('DELETE /api/v1/invitations/{id}: 404 outside the view, 204, 404 gone, 400', async () => {
  await expect(404, 'DELETE /api/v1/invitations/{id}', { as: s.agent, params: { id: s.invitationId } });
  await expect(204, 'DELETE /api/v1/invitations/{id}', { as: s.admin, params: { id: s.invitationId } });
  await expect(404, 'DELETE /api/v1/invitations/{id}', { as: s.admin, params: { id: s.invitationId } });
  await expect(400, 'DELETE /api/v1/invitations/{id}', { as: s.admin, params: { id: 'abc' } });
});

test('DELETE /api/v1/memberships/{id}: 403, 204, 404 (gone, or outside the view), 400', async () => {
  // The agent sees their own unit's members (their own membership) but may not remove them.
  const own = (await expect(200, 'GET /api/v1/auth/me', { as: s.agent })).json().memberships[0].id;
  await expect(403, 'DELETE /api/v1/memberships/{id}', { as: s.agent, params: { id: own } });
  await expect(404, 'DELETE /api/v1/memberships/{id}', { as: s.agent, params: { id: s.membershipId } });
  await expect(204, 'DELETE /api/v1/memberships/{id}', { as: s.admin, params: { id: s.membershipId } });
  await expect(404, 'DELETE /api/v1/memberships/{id}', { as: s.admin, params: { id: s.membershipId } });
  await expect(400, 'DELETE /api/v1/memberships/{id}', { as: s.admin, params: { id: 'abc' } });
});

test('GET /api/v1/audit: pages (?cursor=, next), 400 bad limit, 400 bad cursor, 403', async () => {
  const six = (await expect(200, 'GET /api/v1/audit', { as: s.admin, query: { limit: 6 } })).json();
  assert.equal(six.items.length, 6);
  const first = (await expect(200, 'GET /api/v1/audit', { as: s.admin, query: { limit: 3 } })).json();
  assert.equal(first.items.length, 3);
  assert.equal(typeof first.next, 'string');
  const second = (await expect(200, 'GET /api/v1/audit', { as: s.admin, query: { limit: 3, cursor: first.next } })).json();
  assert.deepEqual([...first.items, ...second.items].map((e) => e.id), six.items.map((e) => e.id), 'two pages of 3 are the first 6, newest first');
  // The rest of the log from the second page on, to its last page (next null).
  let cursor = second.next;
  let pages = 2;
  while (cursor !== null && pages < 1000) {
    const page = (await expect(200, 'GET /api/v1/audit', { as: s.admin, query: { limit: 200, cursor } })).json();
    assert.ok(page.items.length > 0 || page.next === null, 'a page before the last is not empty');
    cursor = page.next;
    pages++;
  }
  assert.equal(cursor, null, 'the log ends');
  await expect(400, 'GET /api/v1/audit', { as: s.admin, query: { limit: 500 } });
  for (const bad of ['not-a-cursor', '0x10']) {
    const r = await expect(400, 'GET /api/v1/audit', { as: s.admin, query: { cursor: bad } });
    assert.equal(r.json().error.field, 'cursor', `cursor=${bad}`);
  }
  await expect(403, 'GET /api/v1/audit', { as: s.agent });
});

test('GET /api/v1/audit/verify: 200, 403', async () => {
  const v = (await expect(200, 'GET /api/v1/audit/verify', { as: s.admin })).json();
  assert.equal(v.ok, true);
  assert.equal(v.first_bad_id, null);
  await expect(403, 'GET /api/v1/audit/verify', { as: s.agent });
});

test('POST /api/v1/text/analyze: 200 (entities, personal data), 400 unknown network, 400 missing text, 413', async () => {
  const text = 'Thanks @acme for fixing my #router so fast, love it! Mail me at jane@example.com, see https://acme.com/help $ACME';
  const e = (await expect(200, 'POST /api/v1/text/analyze', { as: s.agent, json: { text, network: 'twitter' } })).json();
  assert.equal(e.network, 'x');
  assert.deepEqual(new Set(e.entities.map((x) => x.type)), new Set(['mention', 'hashtag', 'url', 'cashtag']));
  assert.equal(e.pii[0].kind, 'email');
  await expect(200, 'POST /api/v1/text/analyze', { as: s.agent, json: { text: 'x'.repeat(600), network: 'bluesky' } });
  await expect(400, 'POST /api/v1/text/analyze', { as: s.agent, json: { text: 'hi', network: 'myspace' } });
  await expect(400, 'POST /api/v1/text/analyze', { as: s.agent, json: { network: 'x' } });
  await expect(413, 'POST /api/v1/text/analyze', { as: s.agent, json: { text: 'x'.repeat((1 << 20) + 1), network: 'x' } });
});

test('GET /api/v1/topics: 200, ?unit= 200, 404 unknown unit, 403 unit not visible', async () => {
  const all = (await expect(200, 'GET /api/v1/topics', { as: s.admin })).json().items;
  assert.ok(all.length > 0);
  s.hubTopic = all.find((t) => t.unit === 'hub');
  s.supportTopic = all.find((t) => t.unit === 'support');
  assert.ok(s.hubTopic && s.supportTopic, 'the demo has hub and support topics');
  const support = (await expect(200, 'GET /api/v1/topics', { as: s.agent, query: { unit: 'support' } })).json().items;
  assert.ok(support.every((t) => t.unit === 'support'));
  await expect(404, 'GET /api/v1/topics', { as: s.admin, query: { unit: 'no-such-unit' } });
  await expect(403, 'GET /api/v1/topics', { as: s.agent, query: { unit: 'hub' } });
});

test('POST /api/v1/topics/validate: 200 valid, 200 with errors, 400 missing query', async () => {
  const ok = (await expect(200, 'POST /api/v1/topics/validate', { as: s.agent, json: { query: 'acme  OR  lumo' } })).json();
  assert.equal(ok.valid, true);
  assert.equal(typeof ok.canonical, 'string');
  const bad = (await expect(200, 'POST /api/v1/topics/validate', { as: s.agent, json: { query: 'acme AND (' } })).json();
  assert.equal(bad.valid, false);
  assert.equal(bad.canonical, null);
  assert.ok(bad.errors.length > 0);
  await expect(400, 'POST /api/v1/topics/validate', { as: s.agent, json: {} });
});

test('POST /api/v1/topics/preview: 200, 400 refused query (with errors), 400 bad limit', async () => {
  const p = (await expect(200, 'POST /api/v1/topics/preview', { as: s.admin, json: { query: 'acme', scan: 500, limit: 3 } })).json();
  assert.ok(p.items.length > 0 && p.items.length <= 3);
  const r = (await expect(400, 'POST /api/v1/topics/preview', { as: s.admin, json: { query: 'acme AND (' } })).json();
  assert.ok(r.errors.length > 0);
  await expect(400, 'POST /api/v1/topics/preview', { as: s.admin, json: { query: 'acme', limit: 'ten' } });
  // scan and limit out of range are clamped, not refused.
  const clamped = (await expect(200, 'POST /api/v1/topics/preview', { as: s.admin, json: { query: 'acme', scan: 0, limit: 1000 } })).json();
  assert.equal(clamped.scanned, 1);
});

test('POST /api/v1/topics: 201, 400 refused query (with errors), 400 missing name, 404 unknown unit, 403, 409', async () => {
  const t = (await expect(201, 'POST /api/v1/topics', { as: s.admin, json: { unit: 'contract-spoke', name: 'Contract topic', query: 'acme OR lumo' } })).json();
  assert.equal(t.unit, 'contract-spoke');
  s.topicId = t.id;
  const other = (await expect(201, 'POST /api/v1/topics', { as: s.admin, json: { unit: 'contract-spoke', name: 'Second topic', query: 'globex' } })).json();
  s.otherTopicId = other.id;
  const r = (await expect(400, 'POST /api/v1/topics', { as: s.admin, json: { unit: 'contract-spoke', name: 'Bad', query: 'acme AND (' } })).json();
  assert.equal(r.error.field, 'query');
  assert.ok(r.errors.length > 0);
  const missing = (await expect(400, 'POST /api/v1/topics', { as: s.admin, json: { unit: 'contract-spoke', query: 'acme' } })).json();
  assert.equal(missing.errors, undefined);
  await expect(404, 'POST /api/v1/topics', { as: s.admin, json: { unit: 'no-such-unit', name: 'X', query: 'acme' } });
  await expect(403, 'POST /api/v1/topics', { as: s.agent, json: { unit: 'support', name: 'Agent topic', query: 'acme' } });
  await expect(409, 'POST /api/v1/topics', { as: s.admin, json: { unit: 'contract-spoke', name: 'Contract topic', query: 'acme' } });
});

test('GET /api/v1/topics/{id}: 200, 404 (unknown, or outside the view), 400 not an id', async () => {
  assert.equal((await expect(200, 'GET /api/v1/topics/{id}', { as: s.admin, params: { id: s.topicId } })).json().name, 'Contract topic');
  await expect(404, 'GET /api/v1/topics/{id}', { as: s.admin, params: { id: MISSING_ID } });
  await expect(400, 'GET /api/v1/topics/{id}', { as: s.admin, params: { id: 'abc' } });
  await expect(404, 'GET /api/v1/topics/{id}', { as: s.agent, params: { id: s.hubTopic.id } }); // outside the view
});

test('PUT /api/v1/topics/{id}: 200, 400 refused query, 404, 409 taken name, 403', async () => {
  const t = (await expect(200, 'PUT /api/v1/topics/{id}', { as: s.admin, params: { id: s.topicId }, json: { name: 'Contract topic', query: 'acme OR lumo OR #acme' } })).json();
  assert.equal(t.query, 'acme OR lumo OR #acme');
  const r = (await expect(400, 'PUT /api/v1/topics/{id}', { as: s.admin, params: { id: s.topicId }, json: { name: 'Contract topic', query: '"unclosed' } })).json();
  assert.ok(r.errors.length > 0);
  await expect(404, 'PUT /api/v1/topics/{id}', { as: s.admin, params: { id: MISSING_ID }, json: { name: 'X', query: 'acme' } });
  await expect(409, 'PUT /api/v1/topics/{id}', { as: s.admin, params: { id: s.otherTopicId }, json: { name: 'Contract topic', query: 'globex' } });
  await expect(403, 'PUT /api/v1/topics/{id}', { as: s.agent, params: { id: s.supportTopic.id }, json: { name: 'X', query: 'acme' } });
});

test('GET /api/v1/topics/{id}/mentions: pages (next), 400 bad limit, 404 (unknown, or outside the view)', async () => {
  const first = (await expect(200, 'GET /api/v1/topics/{id}/mentions', { as: s.admin, params: { id: s.hubTopic.id }, query: { limit: 3 } })).json();
  assert.equal(first.items.length, 3);
  assert.equal(typeof first.next, 'string');
  await expect(200, 'GET /api/v1/topics/{id}/mentions', { as: s.admin, params: { id: s.hubTopic.id }, query: { limit: 3, cursor: first.next } });
  await expect(200, 'GET /api/v1/topics/{id}/mentions', { as: s.agent, params: { id: s.supportTopic.id }, query: { limit: 200 } });
  await expect(400, 'GET /api/v1/topics/{id}/mentions', { as: s.admin, params: { id: s.hubTopic.id }, query: { limit: 0 } });
  const bad = await expect(400, 'GET /api/v1/topics/{id}/mentions', { as: s.admin, params: { id: s.hubTopic.id }, query: { cursor: 'not-a-cursor' } });
  assert.equal(bad.json().error.field, 'cursor');
  await expect(404, 'GET /api/v1/topics/{id}/mentions', { as: s.admin, params: { id: MISSING_ID } });
  await expect(404, 'GET /api/v1/topics/{id}/mentions', { as: s.agent, params: { id: s.hubTopic.id } }); // outside the view
});

test('GET /api/v1/topics/{id}/stats: 200 (default range and given, ISO from / to), 400 bad from / to, 404 (unknown, or outside the view)', async () => {
  const st = (await expect(200, 'GET /api/v1/topics/{id}/stats', { as: s.admin, params: { id: s.hubTopic.id } })).json();
  assert.equal(st.hours.length, 7 * 24);
  assert.ok(st.total > 0);
  const from = Date.parse(st.from);
  assert.equal(Date.parse(st.to) - from, 7 * 24 * 3600_000, 'the default range is 7 days');
  assert.equal(Date.parse(st.hours[0].hour), from, 'the first hour starts the range');
  const given = { from: isoParam(from), to: isoParam(from + 3 * 3600_000) };
  const three = (await expect(200, 'GET /api/v1/topics/{id}/stats', { as: s.admin, params: { id: s.hubTopic.id }, query: given })).json();
  assert.deepEqual([three.from, three.to, three.hours.length], [given.from, given.to, 3]);
  // The milliseconds may be left out.
  const seconds = { from: isoParam(from, { seconds: true }), to: isoParam(from + 3 * 3600_000, { seconds: true }) };
  const same = (await expect(200, 'GET /api/v1/topics/{id}/stats', { as: s.admin, params: { id: s.hubTopic.id }, query: seconds })).json();
  assert.deepEqual([same.from, same.to], [given.from, given.to]);
  // Any other form is refused, naming the parameter: milliseconds since the epoch (the old form), words,
  // a date alone, an offset other than Z, no zone.
  const iso = isoParam(from);
  for (const [name, value] of [
    ['from', String(from)],
    ['from', 'yesterday'],
    ['from', iso.slice(0, 10)],
    ['to', iso.replace('Z', '+01:00')],
    ['to', iso.replace('Z', '')],
  ]) {
    const r = await expect(400, 'GET /api/v1/topics/{id}/stats', { as: s.admin, params: { id: s.hubTopic.id }, query: { [name]: value } });
    assert.equal(r.json().error.field, name, `${name}=${value}`);
  }
  await expect(404, 'GET /api/v1/topics/{id}/stats', { as: s.admin, params: { id: MISSING_ID } });
  await expect(404, 'GET /api/v1/topics/{id}/stats', { as: s.agent, params: { id: s.hubTopic.id } }); // outside the view
});

test(
  'GET /api/v1/topics/{id}/stats: a fraction of 1 or 2 digits answers 400',
  async () => {
    for (const value of ['2026-12-01T00:00:00.1Z', '2026-12-01T00:00:00.12Z']) {
      const r = await call('GET /api/v1/topics/{id}/stats', { as: s.admin, params: { id: s.hubTopic.id }, query: { from: value } });
      assert.equal(r.status, 400, `from=${value}: ${r.text.slice(0, 200)}`);
      assert.equal(r.json().error.field, 'from');
    }
  },
);

test('GET /api/v1/listening/share: 200 (default range and given), 400 no topics, 400 bad id, 400 bad from / to, 404 (unknown topic, or outside the view)', async () => {
  const ids = `${s.hubTopic.id},${s.supportTopic.id}`;
  const sh = (await expect(200, 'GET /api/v1/listening/share', { as: s.admin, query: { topics: ids } })).json();
  assert.equal(sh.topics.length, 2);
  assert.equal(sh.total, sh.topics.reduce((n, t) => n + t.count, 0), 'total counts a mention once per topic it matched');
  await expect(400, 'GET /api/v1/listening/share', { as: s.admin });
  await expect(400, 'GET /api/v1/listening/share', { as: s.admin, query: { topics: Array.from({ length: 21 }, (_, i) => i + 1).join(',') } });
  await expect(400, 'GET /api/v1/listening/share', { as: s.admin, query: { topics: '1,x' } });
  const now = Date.now();
  const ranged = { topics: ids, from: isoParam(now - 30 * 86_400_000), to: isoParam(now, { seconds: true }) };
  assert.equal((await expect(200, 'GET /api/v1/listening/share', { as: s.admin, query: ranged })).json().topics.length, 2);
  const badFrom = await expect(400, 'GET /api/v1/listening/share', { as: s.admin, query: { topics: ids, from: String(now) } });
  assert.equal(badFrom.json().error.field, 'from');
  const badTo = await expect(400, 'GET /api/v1/listening/share', { as: s.admin, query: { topics: ids, to: 'tomorrow' } });
  const backwards = await expect(400, 'GET /api/v1/listening/share', { as: s.admin, query: { topics: ids, from: '2026-12-02T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' } });
  assert.equal(backwards.json().error.field, 'to', 'to before from is refused, as on stats');
  assert.equal(badTo.json().error.field, 'to');
  await expect(404, 'GET /api/v1/listening/share', { as: s.admin, query: { topics: String(MISSING_ID) } });
  await expect(404, 'GET /api/v1/listening/share', { as: s.agent, query: { topics: ids } }); // the hub's topic is outside the view
});

test('GET /api/v1/listening/share with a topic twice counts it once', async () => {
  const id = s.hubTopic.id;
  const sh = (await expect(200, 'GET /api/v1/listening/share', { as: s.admin, query: { topics: `${id},${id}` } })).json();
  assert.deepEqual(sh.topics.map((x) => x.id), [id], 'each topic once');
  assert.equal(sh.total, sh.topics.reduce((n, x) => n + x.count, 0));
});

test('GET /api/v1/alerts: 200, 400 bad limit', async () => {
  const { items } = (await expect(200, 'GET /api/v1/alerts', { as: s.admin, query: { limit: 200 } })).json();
  assert.ok(items.length > 0, 'the demo raised alerts');
  s.alert = items.find((a) => !a.acknowledged);
  s.supportAlert = items.find((a) => a.unit === 'support');
  await expect(200, 'GET /api/v1/alerts', { as: s.agent });
  await expect(400, 'GET /api/v1/alerts', { as: s.admin, query: { limit: 0 } });
});

test('POST /api/v1/alerts/{id}/acknowledge: 200, 404, 400 not an id, 403', async () => {
  const a = (await expect(200, 'POST /api/v1/alerts/{id}/acknowledge', { as: s.admin, params: { id: s.alert.id } })).json();
  assert.deepEqual(a, { id: s.alert.id, acknowledged: true });
  await expect(404, 'POST /api/v1/alerts/{id}/acknowledge', { as: s.admin, params: { id: MISSING_ID } });
  await expect(400, 'POST /api/v1/alerts/{id}/acknowledge', { as: s.admin, params: { id: 'abc' } });
  assert.ok(s.supportAlert, 'the demo has an alert on a support topic');
  await expect(403, 'POST /api/v1/alerts/{id}/acknowledge', { as: s.agent, params: { id: s.supportAlert.id } });
});

test('POST /api/v1/ingest: 200 (accepted, duplicate, rejected), 415, 403', async () => {
  const now = Date.now();
  const lines = [
    { network: 'x', id: 'contract-1', text: 'Acme router down again #acmedown', created_at: new Date(now).toISOString(), author: { id: 'c1', handle: '@contract', name: 'Contract', followers: 12 } },
    { network: 'mastodon', id: 'contract-2', text: 'Love the Lumo phone', created_at: now, author: { id: 'c2' } },
    { network: 'x', id: 'contract-1', text: 'Acme router down again #acmedown', created_at: now, author: { id: 'c1' } },
  ].map((l) => JSON.stringify(l));
  lines.push('{"network": "x", "text": "no id"}', 'not json');
  const r = (await expect(200, 'POST /api/v1/ingest', { as: s.adminToken, raw: `${lines.join('\n')}\n`, type: 'application/x-ndjson' })).json();
  assert.equal(r.lines, 5);
  assert.equal(r.accepted, 2);
  assert.equal(r.duplicates, 1);
  assert.equal(r.rejected, 2);
  assert.deepEqual(
    r.rejected_lines.map((l) => [l.line, l.reason]),
    [
      [4, 'missing_field'],
      [5, 'not_json'],
    ],
  );
  await expect(200, 'POST /api/v1/ingest', { as: s.admin, raw: lines[1], type: 'application/x-ndjson' });
  await expect(415, 'POST /api/v1/ingest', { as: s.adminToken, raw: lines[0], type: 'text/plain' });
  await expect(403, 'POST /api/v1/ingest', { as: s.agentToken, raw: lines[0], type: 'application/x-ndjson' });
  // The mentions ingested here are served as the document says (followers null, a hashtag highlight).
  await expect(200, 'POST /api/v1/topics/preview', { as: s.admin, json: { query: 'contract OR lumo', limit: 100 } });
});

test('GET, DELETE /api/v1/ingest/rejected: the dead letters of the ingest: 200, 204, 404, 400, 403', async () => {
  await expect(200, 'POST /api/v1/ingest', { as: s.adminToken, raw: 'not json\n{"network": "x"\n', type: 'application/x-ndjson' });
  const page = (await expect(200, 'GET /api/v1/ingest/rejected', { as: s.admin, query: { limit: 1 } })).json();
  assert.equal(page.items.length, 1);
  assert.equal(typeof page.next, 'string', 'more than one page');
  assert.equal(page.items[0].raw, '{"network": "x"');
  const rest = (await expect(200, 'GET /api/v1/ingest/rejected', { as: s.admin, query: { cursor: page.next, limit: 200 } })).json();
  assert.ok(rest.items.every((l) => l.id < page.items[0].id), 'the next page goes on below the first');
  const notJson = (await expect(200, 'GET /api/v1/ingest/rejected', { as: s.admin, query: { reason: 'not_json' } })).json();
  assert.ok(notJson.items.length > 0 && notJson.items.every((l) => l.reason === 'not_json'));
  await expect(400, 'GET /api/v1/ingest/rejected', { as: s.admin, query: { reason: 'Not JSON' } });
  await expect(403, 'GET /api/v1/ingest/rejected', { as: s.agent });
  await expect(204, 'DELETE /api/v1/ingest/rejected/{id}', { as: s.admin, params: { id: page.items[0].id } });
  await expect(404, 'DELETE /api/v1/ingest/rejected/{id}', { as: s.admin, params: { id: page.items[0].id } });
  await expect(400, 'DELETE /api/v1/ingest/rejected/{id}', { as: s.admin, params: { id: 'abc' } });
  await expect(403, 'DELETE /api/v1/ingest/rejected/{id}', { as: s.agent, params: { id: MISSING_ID } });
  await expect(400, 'DELETE /api/v1/ingest/rejected', { as: s.admin, query: { reason: '../x' } });
  await expect(403, 'DELETE /api/v1/ingest/rejected', { as: s.agent });
  const cleared = (await expect(200, 'DELETE /api/v1/ingest/rejected', { as: s.admin, query: { reason: 'not_json' } })).json();
  assert.ok(cleared.deleted >= 1);
  assert.equal((await expect(200, 'GET /api/v1/ingest/rejected', { as: s.admin, query: { reason: 'not_json' } })).json().items.length, 0);
});

test('DELETE /api/v1/topics/{id}: 403, 204, 404, 400', async () => {
  await expect(403, 'DELETE /api/v1/topics/{id}', { as: s.agent, params: { id: s.supportTopic.id } });
  await expect(204, 'DELETE /api/v1/topics/{id}', { as: s.admin, params: { id: s.otherTopicId } });
  await expect(404, 'DELETE /api/v1/topics/{id}', { as: s.admin, params: { id: s.otherTopicId } });
  await expect(400, 'DELETE /api/v1/topics/{id}', { as: s.admin, params: { id: '0' } });
});

/* ---------- care: the inbox ---------- */

test('channels: POST 201, 409 taken, 400 bad network, 403 agent; GET; DELETE 204, 404', async () => {
  const made = (await expect(201, 'POST /api/v1/units/{slug}/channels', { as: s.admin, params: { slug: 'support' }, json: { network: 'x', handle: '@Contract_Help', name: 'Contract help' } })).json();
  assert.equal(made.handle, 'contract_help');
  s.channel = made;
  await expect(409, 'POST /api/v1/units/{slug}/channels', { as: s.admin, params: { slug: 'support' }, json: { network: 'x', handle: 'contract_help', name: 'Again' } });
  await expect(400, 'POST /api/v1/units/{slug}/channels', { as: s.admin, params: { slug: 'support' }, json: { network: 'myspace', handle: 'x', name: 'Old' } });
  await expect(400, 'POST /api/v1/units/{slug}/channels', { as: s.admin, params: { slug: 'support' }, json: { network: 'x', handle: 'a', name: 'A', extra: 1 } });
  await expect(403, 'POST /api/v1/units/{slug}/channels', { as: s.agent, params: { slug: 'support' }, json: { network: 'x', handle: 'agent_own', name: 'Mine' } });
  await expect(404, 'POST /api/v1/units/{slug}/channels', { as: s.admin, params: { slug: 'no-such-unit' }, json: { network: 'x', handle: 'z', name: 'Z' } });
  const listed = (await expect(200, 'GET /api/v1/units/{slug}/channels', { as: s.agent, params: { slug: 'support' } })).json().items;
  assert.ok(listed.some((c) => c.id === made.id));
  await expect(404, 'GET /api/v1/units/{slug}/channels', { as: s.admin, params: { slug: 'no-such-unit' } });
  await expect(403, 'GET /api/v1/units/{slug}/channels', { as: s.agent, params: { slug: 'hub' } });
  const spare = (await expect(201, 'POST /api/v1/units/{slug}/channels', { as: s.admin, params: { slug: 'support' }, json: { network: 'mastodon', handle: 'spare@social.example', name: 'Spare' } })).json();
  await expect(403, 'DELETE /api/v1/channels/{id}', { as: s.agent, params: { id: spare.id } });
  await expect(204, 'DELETE /api/v1/channels/{id}', { as: s.admin, params: { id: spare.id } });
  await expect(404, 'DELETE /api/v1/channels/{id}', { as: s.admin, params: { id: spare.id } });
  await expect(400, 'DELETE /api/v1/channels/{id}', { as: s.admin, params: { id: 'x' } });
});

test('SLA policies: POST 201, 409 taken name, 400 loop and bad targets, 403; GET; PUT 200; DELETE 409 in use, 204', async () => {
  const body = { name: 'Contract standard', first_response_minutes: 30, next_response_minutes: 60, resolution_minutes: 240, on_breach: { raise_priority: true } };
  s.policy = (await expect(201, 'POST /api/v1/units/{slug}/sla-policies', { as: s.admin, params: { slug: 'support' }, json: body })).json();
  assert.equal(s.policy.on_breach.notify, true);
  await expect(409, 'POST /api/v1/units/{slug}/sla-policies', { as: s.admin, params: { slug: 'support' }, json: body });
  await expect(400, 'POST /api/v1/units/{slug}/sla-policies', { as: s.admin, params: { slug: 'support' }, json: { name: 'Never', first_response_minutes: 0 } });
  await expect(403, 'POST /api/v1/units/{slug}/sla-policies', { as: s.agent, params: { slug: 'support' }, json: { name: 'Mine' } });
  await expect(404, 'POST /api/v1/units/{slug}/sla-policies', { as: s.admin, params: { slug: 'no-such-unit' }, json: { name: 'Z' } });
  const other = (await expect(201, 'POST /api/v1/units/{slug}/sla-policies', { as: s.admin, params: { slug: 'retail' }, json: { name: 'Retail contract', on_breach: { move_to: 'support', then_policy_id: s.policy.id } } })).json();
  assert.equal(other.on_breach.move_to, 'support');
  const loop = await expect(400, 'PUT /api/v1/sla-policies/{id}', { as: s.admin, params: { id: s.policy.id }, json: { ...body, on_breach: { move_to: 'retail', then_policy_id: other.id } } });
  assert.equal(loop.json().error.field, 'on_breach.then_policy_id');
  await expect(404, 'PUT /api/v1/sla-policies/{id}', { as: s.admin, params: { id: MISSING_ID }, json: body });
  await expect(403, 'PUT /api/v1/sla-policies/{id}', { as: s.agent, params: { id: s.policy.id }, json: body });
  const renamed = (await expect(200, 'PUT /api/v1/sla-policies/{id}', { as: s.admin, params: { id: s.policy.id }, json: { ...body, resolution_minutes: 480 } })).json();
  assert.equal(renamed.resolution_minutes, 480);
  await expect(400, 'PUT /api/v1/sla-policies/{id}', { as: s.admin, params: { id: 'x' }, json: body });
  const listed = (await expect(200, 'GET /api/v1/units/{slug}/sla-policies', { as: s.agent, params: { slug: 'support' } })).json().items;
  assert.ok(listed.some((p) => p.id === s.policy.id));
  await expect(404, 'GET /api/v1/units/{slug}/sla-policies', { as: s.admin, params: { slug: 'no-such-unit' } });
  await expect(403, 'GET /api/v1/units/{slug}/sla-policies', { as: s.agent, params: { slug: 'hub' } });
  await expect(409, 'DELETE /api/v1/sla-policies/{id}', { as: s.admin, params: { id: s.policy.id } });
  await expect(403, 'DELETE /api/v1/sla-policies/{id}', { as: s.agent, params: { id: s.policy.id } });
  await expect(404, 'DELETE /api/v1/sla-policies/{id}', { as: s.agent, params: { id: other.id } }); // retail's: outside the agent's view
  await expect(204, 'DELETE /api/v1/sla-policies/{id}', { as: s.admin, params: { id: other.id } });
  await expect(404, 'DELETE /api/v1/sla-policies/{id}', { as: s.admin, params: { id: other.id } });
  await expect(400, 'DELETE /api/v1/sla-policies/{id}', { as: s.admin, params: { id: '0' } });
});

test('queue: GET inherited, PUT 200, 400 unknown zone and bad hours, 403', async () => {
  const before = (await expect(200, 'GET /api/v1/units/{slug}/queue', { as: s.agent, params: { slug: 'support' } })).json();
  assert.ok(before.inherited_from !== null || before.time_zone);
  const week = { monday: '09:00-17:00', tuesday: '09:00-17:00', wednesday: '09:00-17:00', thursday: '09:00-17:00', friday: '09:00-17:00', saturday: '', sunday: '' };
  const put = (await expect(200, 'PUT /api/v1/units/{slug}/queue', { as: s.admin, params: { slug: 'support' }, json: { time_zone: 'Europe/Berlin', week, holidays: ['2026-12-25'], assignment: 'manual', join_window_minutes: 1440 } })).json();
  assert.equal(put.time_zone, 'Europe/Berlin');
  assert.equal((await expect(200, 'GET /api/v1/units/{slug}/queue', { as: s.agent, params: { slug: 'support' } })).json().inherited_from, null);
  assert.equal((await expect(400, 'PUT /api/v1/units/{slug}/queue', { as: s.admin, params: { slug: 'support' }, json: { time_zone: 'Mars/Olympus', week } })).json().error.field, 'time_zone');
  assert.equal((await expect(400, 'PUT /api/v1/units/{slug}/queue', { as: s.admin, params: { slug: 'support' }, json: { week: { ...week, monday: '17:00-09:00' } } })).json().error.field, 'week.monday');
  await expect(403, 'PUT /api/v1/units/{slug}/queue', { as: s.agent, params: { slug: 'support' }, json: { week } });
  await expect(404, 'PUT /api/v1/units/{slug}/queue', { as: s.admin, params: { slug: 'no-such-unit' }, json: { week } });
  await expect(404, 'GET /api/v1/units/{slug}/queue', { as: s.admin, params: { slug: 'no-such-unit' } });
  await expect(403, 'GET /api/v1/units/{slug}/queue', { as: s.agent, params: { slug: 'hub' } });
  // Back to always open, so that the cases below run their clocks now.
  const open = Object.fromEntries(Object.keys(week).map((d) => [d, '00:00-24:00']));
  await expect(200, 'PUT /api/v1/units/{slug}/queue', { as: s.admin, params: { slug: 'support' }, json: { time_zone: 'UTC', week: open } });
});

test('routing rules: POST 201 at a position, 400 with the field, 403; GET; PUT; move; explain; DELETE', async () => {
  const rule = { name: 'Contract refunds', when: { intents: ['complaint'], keywords: 'refund* OR "money back"' }, then: { priority: 'high', sla_policy_id: s.policy.id, tags: ['refund'], auto_reply: 'Thanks {handle}, case {case}.' } };
  s.rule = (await expect(201, 'POST /api/v1/units/{slug}/routing-rules', { as: s.admin, params: { slug: 'support' }, json: { ...rule, position: 1 } })).json();
  assert.equal(s.rule.position, 1);
  assert.equal(s.rule.then.queue, null);
  const bad = async (json, field) => assert.equal((await expect(400, 'POST /api/v1/units/{slug}/routing-rules', { as: s.admin, params: { slug: 'support' }, json })).json().error.field, field);
  await bad({ name: 'x', when: { sentiment_min: 0.5, sentiment_max: -0.5 } }, 'when.sentiment_max');
  await bad({ name: 'x', when: { intent: ['complaint'] } }, 'when.intent');
  await bad({ name: 'x', when: { intents: ['grumble'] } }, 'when.intents[0]');
  await bad({ name: 'x', when: { keywords: 'refund AND' } }, 'when.keywords');
  await bad({ name: 'x', then: { queue: 'hub' } }, 'then.queue');
  await bad({ name: 'x', then: { priority: 'asap' } }, 'then.priority');
  await expect(403, 'POST /api/v1/units/{slug}/routing-rules', { as: s.agent, params: { slug: 'support' }, json: rule });
  await expect(404, 'POST /api/v1/units/{slug}/routing-rules', { as: s.admin, params: { slug: 'no-such-unit' }, json: rule });
  const second = (await expect(201, 'POST /api/v1/units/{slug}/routing-rules', { as: s.admin, params: { slug: 'support' }, json: { name: 'Contract ignore spam', when: { intents: ['spam'] }, then: { ignore: true } } })).json();
  const listed = (await expect(200, 'GET /api/v1/units/{slug}/routing-rules', { as: s.agent, params: { slug: 'support' } })).json().items;
  assert.deepEqual(listed.map((r) => r.position), listed.map((_, i) => i + 1));
  await expect(404, 'GET /api/v1/units/{slug}/routing-rules', { as: s.admin, params: { slug: 'no-such-unit' } });
  await expect(403, 'GET /api/v1/units/{slug}/routing-rules', { as: s.agent, params: { slug: 'hub' } });
  const moved = (await expect(200, 'POST /api/v1/routing-rules/{id}/move', { as: s.admin, params: { id: second.id }, json: { position: 1 } })).json();
  assert.equal(moved.position, 1);
  await expect(400, 'POST /api/v1/routing-rules/{id}/move', { as: s.admin, params: { id: second.id }, json: { position: 0 } });
  await expect(403, 'POST /api/v1/routing-rules/{id}/move', { as: s.agent, params: { id: second.id }, json: { position: 2 } });
  await expect(404, 'POST /api/v1/routing-rules/{id}/move', { as: s.admin, params: { id: MISSING_ID }, json: { position: 1 } });
  const renamed = (await expect(200, 'PUT /api/v1/routing-rules/{id}', { as: s.admin, params: { id: s.rule.id }, json: { ...rule, name: 'Contract refunds and returns' } })).json();
  assert.equal(renamed.name, 'Contract refunds and returns');
  await expect(400, 'PUT /api/v1/routing-rules/{id}', { as: s.admin, params: { id: s.rule.id }, json: { ...rule, when: { followers_min: -1 } } });
  await expect(403, 'PUT /api/v1/routing-rules/{id}', { as: s.agent, params: { id: s.rule.id }, json: rule });
  await expect(404, 'PUT /api/v1/routing-rules/{id}', { as: s.admin, params: { id: MISSING_ID }, json: rule });
  // The dry run: the spam rule first, then the refund rule takes it.
  const why = (await expect(200, 'POST /api/v1/routing/explain', { as: s.admin, json: { text: '@contract_help I want a refund, the blender is broken and awful', author: 'kim' } })).json();
  assert.equal(why.for_unit, 'support');
  assert.ok(why.verdicts.length >= 1);
  await expect(400, 'POST /api/v1/routing/explain', { as: s.admin, json: { text: 'x', nonsense: true } });
  await expect(404, 'POST /api/v1/routing/explain', { as: s.admin, json: { mention_id: MISSING_ID } });
  await expect(403, 'DELETE /api/v1/routing-rules/{id}', { as: s.agent, params: { id: second.id } });
  await expect(204, 'DELETE /api/v1/routing-rules/{id}', { as: s.admin, params: { id: second.id } });
  await expect(404, 'DELETE /api/v1/routing-rules/{id}', { as: s.admin, params: { id: second.id } });
  await expect(400, 'DELETE /api/v1/routing-rules/{id}', { as: s.admin, params: { id: 'x' } });
});

test('agents: PUT 200, 400 someone without the right, 403, 404; GET; DELETE 204, 404', async () => {
  const me = (await expect(200, 'GET /api/v1/auth/me', { as: s.agent })).json();
  s.agentUserId = me.user.id;
  const put = (await expect(200, 'PUT /api/v1/units/{slug}/agents/{user_id}', { as: s.admin, params: { slug: 'support', user_id: me.user.id }, json: { capacity: 5, languages: ['en', 'de'] } })).json();
  assert.equal(put.capacity, 5);
  const admin = (await expect(200, 'GET /api/v1/auth/me', { as: s.admin })).json();
  const retailOnly = (await expect(200, 'GET /api/v1/users', { as: s.admin })).json().items.find((u) => u.email === 'retail.publisher@demo.example');
  await expect(400, 'PUT /api/v1/units/{slug}/agents/{user_id}', { as: s.admin, params: { slug: 'support', user_id: retailOnly.id }, json: {} });
  await expect(400, 'PUT /api/v1/units/{slug}/agents/{user_id}', { as: s.admin, params: { slug: 'support', user_id: me.user.id }, json: { languages: ['English'] } });
  await expect(403, 'PUT /api/v1/units/{slug}/agents/{user_id}', { as: s.agent, params: { slug: 'support', user_id: me.user.id }, json: {} });
  await expect(404, 'PUT /api/v1/units/{slug}/agents/{user_id}', { as: s.admin, params: { slug: 'no-such-unit', user_id: me.user.id }, json: {} });
  const listed = (await expect(200, 'GET /api/v1/units/{slug}/agents', { as: s.agent, params: { slug: 'support' } })).json().items;
  assert.ok(listed.some((a) => a.user_id === me.user.id && a.capacity === 5));
  await expect(404, 'GET /api/v1/units/{slug}/agents', { as: s.admin, params: { slug: 'no-such-unit' } });
  await expect(403, 'GET /api/v1/units/{slug}/agents', { as: s.agent, params: { slug: 'hub' } });
  await expect(200, 'PUT /api/v1/units/{slug}/agents/{user_id}', { as: s.admin, params: { slug: 'support', user_id: admin.user.id }, json: { available: false } });
  await expect(403, 'DELETE /api/v1/units/{slug}/agents/{user_id}', { as: s.agent, params: { slug: 'support', user_id: admin.user.id } });
  await expect(204, 'DELETE /api/v1/units/{slug}/agents/{user_id}', { as: s.admin, params: { slug: 'support', user_id: admin.user.id } });
  await expect(404, 'DELETE /api/v1/units/{slug}/agents/{user_id}', { as: s.admin, params: { slug: 'support', user_id: admin.user.id } });
  await expect(400, 'DELETE /api/v1/units/{slug}/agents/{user_id}', { as: s.admin, params: { slug: 'support', user_id: 'x' } });
});

test('cases: a complaint ingested is a case; list, get, claim (409 for the other), status, patch, notes, replies', async () => {
  const stamp = Date.now().toString(36);
  const line = JSON.stringify({ network: 'x', id: `contract-case-${stamp}`, text: '@contract_help I want a refund, my blender arrived broken and this is awful', created_at: Date.now() - 60000, author: { id: `kim-${stamp}`, handle: `kim_${stamp}`, name: 'Kim' } });
  await expect(200, 'POST /api/v1/ingest', { as: s.admin, raw: `${line}\n`, type: 'application/x-ndjson' });
  // Newest first: the demo's queue holds older cases due before this one.
  const page = (await expect(200, 'GET /api/v1/cases', { as: s.agent, query: { unit: 'support', sort: 'newest', limit: 200 } })).json();
  const mine = page.items.find((c) => c.author_handle === `kim_${stamp}`);
  assert.ok(mine, 'the ingested complaint is a case in the support queue');
  assert.equal(mine.sla_policy.id, s.policy.id);
  assert.deepEqual(mine.tags, ['refund']);
  assert.ok(page.total >= page.items.length);
  const small = (await expect(200, 'GET /api/v1/cases', { as: s.admin, query: { limit: 1 } })).json();
  if (small.next) await expect(200, 'GET /api/v1/cases', { as: s.admin, query: { limit: 1, cursor: small.next } });
  await expect(400, 'GET /api/v1/cases', { as: s.admin, query: { status: 'closed' } });
  await expect(400, 'GET /api/v1/cases', { as: s.admin, query: { cursor: 'nonsense' } });
  await expect(404, 'GET /api/v1/cases', { as: s.admin, query: { unit: 'no-such-unit' } });
  await expect(403, 'GET /api/v1/cases', { as: s.agent, query: { unit: 'hub', subtree: 'false' } });
  const detail = (await expect(200, 'GET /api/v1/cases/{id}', { as: s.agent, params: { id: mine.id } })).json();
  assert.equal(detail.mentions.length, 1);
  assert.equal(detail.events[0].kind, 'created');
  await expect(404, 'GET /api/v1/cases/{id}', { as: s.admin, params: { id: MISSING_ID } });
  await expect(400, 'GET /api/v1/cases/{id}', { as: s.admin, params: { id: 'x' } });
  const retail = await login('retail.publisher@demo.example');
  await expect(404, 'GET /api/v1/cases/{id}', { as: retail, params: { id: mine.id } });
  const claimed = (await expect(200, 'POST /api/v1/cases/{id}/claim', { as: s.agent, params: { id: mine.id } })).json();
  assert.equal(claimed.assignee.id, s.agentUserId);
  const taken = await expect(409, 'POST /api/v1/cases/{id}/claim', { as: s.admin, params: { id: mine.id } });
  assert.match(taken.json().error.message, /already taken by agent@demo\.example/);
  await expect(404, 'POST /api/v1/cases/{id}/claim', { as: retail, params: { id: mine.id } });
  await expect(400, 'POST /api/v1/cases/{id}/claim', { as: s.admin, params: { id: '0' } });
  await expect(403, 'POST /api/v1/cases/{id}/claim', { as: await login('legal@demo.example'), params: { id: mine.id } });
  await expect(400, 'POST /api/v1/cases/{id}/assign', { as: s.admin, params: { id: mine.id }, json: { user_id: MISSING_ID } });
  await expect(403, 'POST /api/v1/cases/{id}/assign', { as: await login('legal@demo.example'), params: { id: mine.id }, json: { user_id: null } });
  await expect(404, 'POST /api/v1/cases/{id}/assign', { as: s.admin, params: { id: MISSING_ID }, json: { user_id: null } });
  const unassigned = (await expect(200, 'POST /api/v1/cases/{id}/assign', { as: s.admin, params: { id: mine.id }, json: { user_id: null } })).json();
  assert.equal(unassigned.assignee, null);
  await expect(200, 'POST /api/v1/cases/{id}/assign', { as: s.admin, params: { id: mine.id }, json: { user_id: s.agentUserId } });
  const patched = (await expect(200, 'PATCH /api/v1/cases/{id}', { as: s.agent, params: { id: mine.id }, json: { priority: 'urgent', tags: ['refund', 'vip'] } })).json();
  assert.equal(patched.priority, 'urgent');
  await expect(400, 'PATCH /api/v1/cases/{id}', { as: s.agent, params: { id: mine.id }, json: { tags: ['Not A Tag'] } });
  await expect(403, 'PATCH /api/v1/cases/{id}', { as: await login('legal@demo.example'), params: { id: mine.id }, json: { priority: 'low' } });
  await expect(404, 'PATCH /api/v1/cases/{id}', { as: s.agent, params: { id: MISSING_ID }, json: { priority: 'low' } });
  const note = (await expect(201, 'POST /api/v1/cases/{id}/notes', { as: s.agent, params: { id: mine.id }, json: { text: 'Checking with @support.lead@demo.example' } })).json();
  assert.equal(note.kind, 'note');
  assert.equal(note.actor, 'agent@demo.example');
  await expect(400, 'POST /api/v1/cases/{id}/notes', { as: s.agent, params: { id: mine.id }, json: { text: '' } });
  await expect(403, 'POST /api/v1/cases/{id}/notes', { as: await login('legal@demo.example'), params: { id: mine.id }, json: { text: 'hi' } });
  await expect(404, 'POST /api/v1/cases/{id}/notes', { as: s.agent, params: { id: MISSING_ID }, json: { text: 'hi' } });
  const long = await expect(400, 'POST /api/v1/cases/{id}/replies', { as: s.agent, params: { id: mine.id }, json: { text: 'a'.repeat(300) } });
  assert.match(long.json().error.message, /too long for X/);
  await expect(400, 'POST /api/v1/cases/{id}/replies', { as: s.agent, params: { id: mine.id }, json: { text: 'mail me at kim@example.com' } });
  const reply = (await expect(201, 'POST /api/v1/cases/{id}/replies', { as: s.agent, params: { id: mine.id }, json: { text: 'So sorry! A new blender is on its way.' } })).json();
  assert.equal(reply.kind, 'reply');
  await expect(403, 'POST /api/v1/cases/{id}/replies', { as: await login('legal@demo.example'), params: { id: mine.id }, json: { text: 'hi' } });
  await expect(404, 'POST /api/v1/cases/{id}/replies', { as: s.agent, params: { id: MISSING_ID }, json: { text: 'hi' } });
  const pending = (await expect(200, 'POST /api/v1/cases/{id}/status', { as: s.agent, params: { id: mine.id }, json: { status: 'pending' } })).json();
  assert.equal(pending.paused, true);
  const resolved = (await expect(200, 'POST /api/v1/cases/{id}/status', { as: s.agent, params: { id: mine.id }, json: { status: 'resolved' } })).json();
  assert.equal(resolved.status, 'resolved');
  assert.deepEqual(resolved.clocks.map((c) => c.state), ['met', 'met', 'met']);
  await expect(400, 'POST /api/v1/cases/{id}/status', { as: s.agent, params: { id: mine.id }, json: { status: 'closed' } });
  await expect(403, 'POST /api/v1/cases/{id}/status', { as: await login('legal@demo.example'), params: { id: mine.id }, json: { status: 'open' } });
  await expect(404, 'POST /api/v1/cases/{id}/status', { as: s.agent, params: { id: MISSING_ID }, json: { status: 'open' } });
});

test('POST /api/v1/auth/logout: 204, then the session is gone (401)', async () => {
  const r = await expect(204, 'POST /api/v1/auth/logout', { as: s.agent });
  assert.match(r.headers.get('set-cookie') ?? '', /Max-Age=0/);
  await expect(401, 'GET /api/v1/auth/me', { as: s.agent });
  await expect(401, 'POST /api/v1/auth/logout', { as: s.agent });
});

test('coverage: every documented operation was called, and its errors tried', () => {
  const notCalled = [...operations.keys()].filter((k) => !exercised.has(k));
  assert.deepEqual(notCalled, [], 'operations of the document that no case calls: add cases to tests/contract/contract.test.mjs');
  const noError = [...operations]
    .filter(([k, op]) => Object.keys(op.responses).some((st) => st >= '400' && st < '500') && ![...exercised.get(k)].some((st) => st >= 400))
    .map(([k]) => k);
  assert.deepEqual(noError, [], 'operations with documented errors none of which was tried');
  const listsNotAnswered = [...LISTS.keys()].filter((k) => !exercised.get(k)?.has(200));
  assert.deepEqual(listsNotAnswered, [], 'list operations whose next key was never checked');
});
