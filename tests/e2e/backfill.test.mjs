// Browser test of a topic's back-fill progress on the Listening page, against a running server:
//   DANDELION_URL=http://127.0.0.1:18080 node --test tests/e2e/backfill.test.mjs
// On the demo's small store a back-fill is done before POST/PUT /topics answer, so the test makes it
// look running: the browser's requests for the topic (the POST's answer, the topic list and the
// polls of GET /topics/{id}) are answered by the server, then changed to say `backfill: running`
// with fewer mentions, for the first polls only. Then the real answer (done) goes through, and the
// page must show the full numbers without the progress bar.
// 1. Created in the editor, "running" at 40%: the progress bar and its label, "still growing" on
//    the count and the charts, a bar in the topic list; then done: the bar goes, the count, charts
//    and mentions show all the posts, "Back-fill … done" is read out, and the polls stop.
// 2. Polls that fail back off (1.5 s, then 3 s, then 6 s), and leaving the page stops them.
// Screenshot: ${E2E_OUT_DIR || 'build/e2e'}/listening-backfill.png.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { ADMIN, apiSession, BASE, logIn, OUT_DIR, serverUp, withPage } from './support.mjs';

const LABEL = (pct) => `Back-filling over stored mentions… ${pct}%`;

/** A request of the API as that session (CSRF token included); returns the response. */
function apiSend(session, method, path, body, contentType = 'application/json') {
  return fetch(`${BASE}${path}`, {
    method,
    headers: {
      Accept: 'application/json',
      Cookie: session.cookie,
      'X-CSRF-Token': session.csrf,
      ...(body === undefined ? {} : { 'Content-Type': contentType }),
    },
    body,
  });
}

/** Stores `count` posts that carry `word` (and nothing else does); returns the server's report. */
async function ingestPosts(session, word, count) {
  const now = Date.now();
  const posts = Array.from({ length: count }, (_, i) => ({
    network: ['mastodon', 'bluesky', 'x'][i % 3],
    id: `${word}-${i}`,
    text: `The ${word} lamp number ${i} is ${i % 2 ? 'great' : 'broken again, awful'}`,
    created_at: now - (i * 5 + 1) * 60_000,
    author: { id: `${word}-a${i % 4}`, handle: `lamper${i % 4}`, name: `Lamper ${i % 4}`, followers: 10 * (i + 1) },
  }));
  const res = await apiSend(session, 'POST', '/api/v1/ingest', posts.map((p) => JSON.stringify(p)).join('\n'), 'application/x-ndjson');
  assert.equal(res.status, 200, `ingest: ${await res.clone().text()}`);
  const report = await res.json();
  assert.equal(report.accepted, count, `every post stored: ${JSON.stringify(report)}`);
}

/** The topic as a back-fill at `percent` that has found `mentions` so far. */
const running = (topic, percent, mentions) => ({ ...topic, mentions, backfill: { state: 'running', percent } });

/** What the browser's requests about topics are, by method and path. */
const KINDS = { 'POST /api/v1/topics': 'create', 'GET /api/v1/topics': 'list', 'GET /api/v1/topics/ID': 'get', 'PUT /api/v1/topics/ID': 'update' };

/**
 * Routes the browser's topic requests through `edit(kind, topic)`, kind 'create', 'update', 'list'
 * (called for each item) or 'get', which answers the topic to send: the server's, or a changed copy.
 * Before a GET /topics/{id} goes to the server, `edit('before-get', {id})` may answer a whole
 * response instead (e.g. a 503). Returns the times (ms), by topic id, of the GET /topics/{id}.
 */
async function routeTopics(page, edit) {
  const polls = new Map();
  await page.route(
    (url) => /^\/api\/v1\/topics(\/\d+)?$/.test(url.pathname),
    async (route) => {
      const req = route.request();
      const path = new URL(req.url()).pathname;
      const id = Number(path.match(/\/(\d+)$/)?.[1] ?? Number.NaN);
      const kind = KINDS[`${req.method()} ${path.replace(/\/\d+$/, '/ID')}`];
      if (!kind) return route.continue();
      if (kind === 'get') {
        polls.set(id, [...(polls.get(id) ?? []), Date.now()]);
        const instead = edit('before-get', { id });
        if (instead) return route.fulfill(instead);
      }
      const response = await route.fetch();
      if (!response.ok()) return route.fulfill({ response });
      const body = await response.json();
      const json = kind === 'list' ? { ...body, items: body.items.map((t) => edit('list', t)) } : edit(kind, body);
      return route.fulfill({ response, json });
    },
  );
  return polls;
}

test('the server answers', async () => {
  assert.ok(await serverUp(), `no Dandelion server at ${BASE} (set DANDELION_URL)`);
});

test('a topic saved while its back-fill runs shows its progress, then the full numbers once done', async () => {
  const word = `bf${Date.now().toString(36)}`;
  const COUNT = 12;
  const session = await apiSession(ADMIN.email, ADMIN.password);
  await ingestPosts(session, word, COUNT);
  const name = `E2E back-fill ${word}`;

  await withPage(async (page) => {
    // Until `fake` polls have been answered "running", everything about the topic says 40%, 5 found.
    let id = null;
    let fake = 2;
    const polls = await routeTopics(page, (kind, t) => {
      if (kind === 'before-get') return null;
      const ours = kind === 'create' ? t.name === name : t.id === id;
      if (kind === 'create' && ours) id = t.id;
      if (!ours || fake <= 0) return t;
      if (kind === 'get') fake--;
      return running(t, 40, 5);
    });
    // Its charts and mentions too, while it "runs": 5 found so far. Each load is counted.
    const loads = { stats: 0, mentions: 0 };
    await page.route(
      (url) => /^\/api\/v1\/topics\/\d+\/(stats|mentions)$/.test(url.pathname),
      async (route) => {
        const [, topic, what] = new URL(route.request().url()).pathname.match(/\/(\d+)\/(stats|mentions)$/);
        if (Number(topic) !== id) return route.continue();
        loads[what]++;
        const response = await route.fetch();
        if (fake <= 0 || !response.ok()) return route.fulfill({ response });
        const body = await response.json();
        const json = what === 'stats' ? { ...body, total: 5 } : { items: body.items.slice(0, 5), next: null };
        return route.fulfill({ response, json });
      },
    );

    await logIn(page, ADMIN.email, ADMIN.password);
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    await page.goto(`${BASE}/listening/new`);
    const form = page.getByRole('form', { name: 'New topic' });
    await form.waitFor();
    const unit = form.getByLabel('Unit');
    if ((await unit.locator('option[value="consumer"]').count()) > 0) await unit.selectOption('consumer');
    await form.getByLabel('Name').fill(name);
    await form.getByRole('textbox', { name: 'Query' }).fill(`${word} AND lamp`);
    await form.getByTestId('query-valid').waitFor();
    await form.getByRole('button', { name: 'Create topic' }).click();

    // The answer said "running": the page navigated to shows the progress.
    const view = page.getByTestId('topic-view');
    await view.getByRole('heading', { level: 2, name }).waitFor();
    assert.ok(id, 'the POST was answered');
    assert.equal(new URL(page.url()).pathname, `/listening/topics/${id}`);
    const saved = `Topic “${name}” created: back-filling over the stored mentions, 40% done, 5 mentions matched so far.`;
    await page.getByRole('status').filter({ hasText: saved }).waitFor();
    const bar = view.getByRole('progressbar', { name: LABEL(40) });
    await bar.waitFor();
    assert.equal(await bar.evaluate((el) => [el.value, el.max].join('/')), '40/100');
    assert.equal(await view.getByTestId('backfill').locator('.lst-backfill__label').innerText(), LABEL(40));
    assert.match(await view.getByTestId('backfill').innerText(), /still growing/);
    // The accessibility tree has it as a progress bar at 40.
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const ax = nodes.find((n) => n.role?.value === 'progressbar' && n.name?.value === LABEL(40));
    assert.ok(ax, 'a progressbar named by its label in the accessibility tree');
    assert.equal(ax.properties?.find((p) => p.name === 'valuenow')?.value?.value ?? ax.value?.value, 40, JSON.stringify(ax));
    assert.equal(await view.getByTestId('topic-total').innerText(), '5 mentions (still growing)');
    await view.getByTestId('charts-growing').waitFor();
    await view.getByTestId('stats-summary').filter({ hasText: /^5 mentions/ }).waitFor();
    assert.equal(await view.getByTestId('mentions').getByTestId('mention').count(), 5);
    assert.match(await view.getByText(/^Showing 5 of/).innerText(), /^Showing 5 of 5 mentions found so far, newest first\.$/);
    const link = page.getByRole('navigation', { name: 'Topics' }).getByRole('link', { name: new RegExp(name) });
    assert.equal(await link.getByTestId('topic-list-backfill').count(), 1, 'a bar in the topic list');
    assert.equal(await link.getAttribute('aria-current'), 'page');
    assert.match(await link.textContent(), /mentions so far, back-filling: 40%/);

    await mkdir(OUT_DIR, { recursive: true });
    await page.getByRole('button', { name: 'Dismiss message' }).click();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(OUT_DIR, 'listening-backfill.png') });

    // The third poll gets the server's answer (done): the bar goes and the full numbers show.
    await page.getByRole('status').filter({ hasText: `Back-fill of “${name}” done: ${COUNT} mentions matched.` }).waitFor();
    await view.getByTestId('backfill').waitFor({ state: 'detached' });
    assert.equal(await view.getByRole('progressbar').count(), 0);
    assert.equal(await view.getByTestId('topic-total').innerText(), `${COUNT} mentions`);
    assert.equal(await view.getByTestId('charts-growing').count(), 0);
    await view.getByTestId('stats-summary').filter({ hasText: new RegExp(`^${COUNT} mentions`) }).waitFor();
    const mentions = view.getByTestId('mentions').getByTestId('mention');
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="mentions"] [data-testid="mention"]').length === n,
      COUNT,
    );
    assert.equal(await mentions.count(), COUNT);
    assert.equal(await link.getByTestId('topic-list-backfill').count(), 0);
    assert.match(await link.textContent(), new RegExp(`${COUNT} mentions$`));
    // Loaded once more, and only once, when the back-fill was done.
    assert.deepEqual(loads, { stats: 2, mentions: 2 });

    // Polled every 1.5 s (three times: two "running", one done), then no more.
    const times = polls.get(id) ?? [];
    assert.equal(times.length, 3, `polls: ${times.map((t) => t - times[0])}`);
    for (let i = 1; i < times.length; i++) {
      const gap = times[i] - times[i - 1];
      assert.ok(gap >= 1300 && gap < 4000, `poll ${i} came ${gap} ms after the one before`);
    }
    await page.waitForTimeout(3500);
    assert.equal((polls.get(id) ?? []).length, 3, 'no poll once done');
    assert.deepEqual(loads, { stats: 2, mentions: 2 }, 'nothing loaded again after that');
  });

  const del = await apiSend(session, 'DELETE', `/api/v1/topics/${await topicId(session, name)}`);
  assert.equal(del.status, 204, 'the topic deleted');
});

test('failed polls back off, and leaving the page stops them', async () => {
  const word = `bf${Date.now().toString(36)}x`;
  const session = await apiSession(ADMIN.email, ADMIN.password);
  await ingestPosts(session, word, 3);
  const name = `E2E back-fill poll ${word}`;
  const res = await apiSend(session, 'POST', '/api/v1/topics', JSON.stringify({ unit: 'hub', name, query: word }));
  assert.equal(res.status, 201, `create: ${await res.clone().text()}`);
  const created = await res.json();
  assert.equal(created.backfill?.state, 'done', 'the demo back-fill ends within the wait');

  await withPage(async (page) => {
    // Running forever here; the first two polls fail (503), the later ones answer 60%.
    let gets = 0;
    const polls = await routeTopics(page, (kind, t) => {
      if (t.id !== created.id) return kind === 'before-get' ? null : t;
      if (kind === 'before-get') {
        gets++;
        return gets <= 2
          ? { status: 503, json: { error: { code: 'unavailable', message: 'Busy, try later.', field: null } } }
          : null;
      }
      return running(t, kind === 'get' ? 60 : 40, 1);
    });

    await logIn(page, ADMIN.email, ADMIN.password);
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    await page.goto(`${BASE}/listening/topics/${created.id}`);
    const view = page.getByTestId('topic-view');
    await view.getByRole('progressbar', { name: LABEL(40) }).waitFor();
    // The failures do not show as errors: the bar stays, then moves on.
    await view.getByRole('progressbar', { name: LABEL(60) }).waitFor({ timeout: 20_000 });
    const t = polls.get(created.id) ?? [];
    assert.ok(t.length >= 3, `polls: ${t.length}`);
    const gap1 = t[1] - t[0];
    const gap2 = t[2] - t[1];
    assert.ok(gap1 >= 2700, `after one failure the next poll waits 3 s (${gap1} ms)`);
    assert.ok(gap2 >= 5500, `after two failures it waits 6 s (${gap2} ms)`);

    // A poll answered: back to 1.5 s.
    const before = (polls.get(created.id) ?? []).length;
    await page.waitForTimeout(2000);
    const after = polls.get(created.id) ?? [];
    assert.ok(after.length > before, 'still polling every 1.5 s while running');

    // Leave the Listening area: no more polls.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview', exact: true }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/listening'));
    const left = (polls.get(created.id) ?? []).length;
    await page.waitForTimeout(3500);
    assert.equal((polls.get(created.id) ?? []).length, left, 'no poll once the page is left');
  });

  const del = await apiSend(session, 'DELETE', `/api/v1/topics/${created.id}`);
  assert.equal(del.status, 204, 'the topic deleted');
});

/** The id of the topic of that name (through the API). */
async function topicId(session, name) {
  const res = await fetch(`${BASE}/api/v1/topics`, { headers: { Accept: 'application/json', Cookie: session.cookie } });
  const { items } = await res.json();
  const t = items.find((x) => x.name === name);
  assert.ok(t, `topic ${name} listed`);
  return t.id;
}
