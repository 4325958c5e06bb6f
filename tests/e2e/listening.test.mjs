// Browser test of the Listening page against a running server:
//   DANDELION_URL=http://127.0.0.1:18080 node --test tests/e2e/listening.test.mjs
// Set-up through the API (as the demo hub admin): a few posts carrying a word of their own are
// ingested, so that the test does not depend on the demo's stream of mentions. In the browser the
// admin starts a new topic, types a query with a missing operator and checks that the error is
// shown with its message, what was expected, and the mark and caret at the right column; then
// an unbalanced parenthesis; then fixes the query, sees the preview with the matched terms marked,
// saves, and finds the topic's mentions (highlighted) and its volume chart. Finally the topic is
// deleted through the confirmation dialog.
// Screenshots go to ${E2E_OUT_DIR || 'build/e2e'}/: listening-query-error.png, listening-preview.png,
// listening.png (the saved topic) and listening-charts.png.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { ADMIN, apiSession, BASE, logIn, OUT_DIR, serverUp, withPage } from './support.mjs';

/** Ingests posts (native NDJSON lines); returns the server's report. */
async function ingest(session, posts) {
  const res = await fetch(`${BASE}/api/v1/ingest`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-ndjson',
      Accept: 'application/json',
      Cookie: session.cookie,
      'X-CSRF-Token': session.csrf,
    },
    body: posts.map((p) => JSON.stringify(p)).join('\n'),
  });
  assert.equal(res.status, 200, `ingest: ${await res.clone().text()}`);
  return res.json();
}

test('the server answers', async () => {
  assert.ok(await serverUp(), `no Dandelion server at ${BASE} (set DANDELION_URL)`);
});

test('a new topic: live query errors at their column, a fix, then highlighted mentions and a chart', async () => {
  // A word no other post has: the topic is about it alone, whatever else the store holds.
  const word = `zq${Date.now().toString(36)}`;
  const session = await apiSession(ADMIN.email, ADMIN.password);
  const now = Date.now();
  const networks = ['mastodon', 'bluesky', 'x'];
  const texts = [
    `Fresh ${word} juice is back at the market, love it #${word}`,
    `The ${word} juice recall is a disgrace, I want a refund`,
    `Anyone tried ${word} juice with ginger? Asking for a friend`,
    `Das ${word} juice schmeckt wunderbar`,
  ];
  const posts = Array.from({ length: 12 }, (_, i) => ({
    network: networks[i % networks.length],
    id: `${word}-${i}`,
    text: texts[i % texts.length],
    // The newest mentions of the store, so that the preview (which scans the newest) sees them.
    created_at: now - (i * 3 + 1) * 60_000,
    author: { id: `${word}-a${i % 5}`, handle: `juicer${i % 5}`, name: `Juicer ${i % 5}`, followers: 100 * (i + 1) },
  }));
  const report = await ingest(session, posts);
  assert.equal(report.accepted, posts.length, `every post stored: ${JSON.stringify(report)}`);

  await withPage(async (page) => {
    await logIn(page, ADMIN.email, ADMIN.password);
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Listening', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Listening' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/listening');

    // Start a new topic.
    await page.getByRole('link', { name: 'New topic' }).click();
    const form = page.getByRole('form', { name: 'New topic' });
    await form.waitFor();
    const unit = form.getByLabel('Unit');
    if ((await unit.locator('option[value="consumer"]').count()) > 0) await unit.selectOption('consumer');
    const name = `E2E ${word}`;
    await form.getByLabel('Name').fill(name);
    const query = form.getByRole('textbox', { name: 'Query' });

    // Two terms side by side: the error points at the second one.
    const bad = `${word} juice`;
    const column = word.length + 2; // 1-based: the "j"
    await query.fill(bad);
    const problem = form.getByTestId('query-error');
    await problem.waitFor();
    assert.equal(await problem.getAttribute('data-column'), String(column));
    const message = await problem.locator('.qerr__msg').innerText();
    assert.match(message, new RegExp(`Column ${column}`), message);
    assert.match(message, /missing operator between two terms/i, message);
    assert.match(message, /Expected AND, OR, NOT or NEAR\/n/, message);
    assert.equal(await query.getAttribute('aria-invalid'), 'true', 'the query box is marked invalid');

    // The mark is on the character at that column, and the caret right under it.
    const mark = problem.getByTestId('query-error-mark');
    assert.equal(await mark.innerText(), 'j');
    const caret = problem.getByTestId('query-error-caret');
    assert.equal(await caret.innerText(), `${' '.repeat(column - 1)}^`);
    const geometry = await problem.evaluate((li) => {
      const pre = li.querySelector('.qerr__code');
      const m = li.querySelector('.qerr__at');
      const c = li.querySelector('.qerr__caret');
      const range = document.createRange();
      const text = c.lastChild;
      range.setStart(text, text.length - 1);
      range.setEnd(text, text.length);
      const hat = range.getBoundingClientRect();
      const markBox = m.getBoundingClientRect();
      // Width of one character of the monospace font, from the whole first line.
      const line = document.createRange();
      line.setStart(pre, 0);
      line.setEnd(m, 0);
      const before = line.getBoundingClientRect();
      return { markLeft: markBox.left, hatLeft: hat.left, charW: markBox.width, preLeft: before.left, beforeW: before.width };
    });
    assert.ok(Math.abs(geometry.markLeft - geometry.hatLeft) < 1.5, `caret under the mark: ${JSON.stringify(geometry)}`);
    const cols = (geometry.markLeft - geometry.preLeft) / geometry.charW;
    assert.ok(Math.abs(cols - (column - 1)) < 0.2, `mark ${cols} characters in, expected ${column - 1}`);

    await mkdir(OUT_DIR, { recursive: true });
    await form.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUT_DIR, 'listening-query-error.png') });

    // "Column N" puts the cursor there, for keyboard users.
    await problem.getByRole('button', { name: `Column ${column}` }).click();
    const sel = await query.evaluate((t) => ({ focused: document.activeElement === t, start: t.selectionStart }));
    assert.deepEqual(sel, { focused: true, start: column - 1 });

    // An unbalanced parenthesis points at the "(" (column 1).
    await query.fill(`(${word} AND juice`);
    const paren = form.locator('[data-testid="query-error"][data-column="1"]');
    await paren.waitFor();
    assert.match(await paren.getByTestId('query-error-message').innerText(), /unbalanced parenthesis/i);
    assert.equal(await paren.getByTestId('query-error-mark').innerText(), '(');

    // Saving is refused while the query is wrong.
    await form.getByRole('button', { name: 'Create topic' }).click();
    await form.getByText('Fix the query first').waitFor();

    // Fixed: valid, with the canonical form, and a preview of matching mentions with the terms marked.
    await query.fill(`${word} AND juice`);
    await form.getByTestId('query-valid').waitFor();
    assert.equal(await form.getByTestId('query-error').count(), 0);
    assert.match(await form.getByTestId('query-canonical').innerText(), new RegExp(`${word} AND juice`, 'i'));
    const previewCount = page.getByTestId('preview-count');
    await previewCount.waitFor();
    assert.match(await previewCount.innerText(), /^\d[\d,]* of [\d,]+ recent mentions? match/);
    const previewMarks = page.getByTestId('preview-mentions').locator('mark');
    await previewMarks.first().waitFor();
    const marked = (await previewMarks.allInnerTexts()).map((t) => t.toLowerCase());
    assert.ok(marked.includes(word) && marked.includes('juice'), `marked in the preview: ${marked.slice(0, 10)}`);
    await page.getByRole('heading', { name: 'Preview' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUT_DIR, 'listening-preview.png') });

    await form.getByRole('button', { name: 'Create topic' }).click();

    // The topic is saved and selected: listed under its unit, its mentions highlighted, its chart drawn.
    const view = page.getByTestId('topic-view');
    await view.getByRole('heading', { level: 2, name }).waitFor();
    await page.getByRole('status').filter({ hasText: `Topic “${name}” created` }).waitFor();
    const link = page.getByRole('navigation', { name: 'Topics' }).getByRole('link', { name: new RegExp(name) });
    assert.equal(await link.getAttribute('aria-current'), 'page');
    assert.match(new URL(page.url()).pathname, /^\/listening\/topics\/\d+$/, 'the address names the topic');

    const mentions = view.getByTestId('mentions').getByTestId('mention');
    await mentions.first().waitFor();
    assert.equal(await mentions.count(), posts.length, 'every ingested post matched');
    const hits = (await view.getByTestId('mentions').locator('mark').allInnerTexts()).map((t) => t.toLowerCase());
    assert.ok(hits.filter((h) => h === word).length >= posts.length, `the word is marked in each mention: ${hits}`);
    assert.ok(hits.includes('juice'));
    const first = mentions.first();
    assert.match(await first.innerText(), /Mastodon|Bluesky|X/);
    assert.equal(await first.locator('.sentiment-label').count(), 1, 'a sentiment badge');

    const chart = view.getByTestId('volume-chart');
    await chart.waitFor();
    assert.ok((await chart.locator('rect.vol__bar').count()) > 0, 'the volume chart has bars');
    assert.match(await view.getByTestId('stats-summary').innerText(), new RegExp(`^${posts.length} mentions`));
    assert.ok((await view.locator('.bars__list').count()) >= 3, 'bars for networks, languages, authors…');
    await page.getByTestId('share-chart').waitFor();

    await page.getByRole('heading', { level: 1, name: 'Listening' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUT_DIR, 'listening.png') });
    await page.getByRole('button', { name: 'Dismiss message' }).click();
    await view.locator('.lst-charts').evaluate((card) => card.scrollIntoView({ block: 'start' }));
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(OUT_DIR, 'listening-charts.png') });

    // Delete it, through the confirmation dialog.
    await view.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: `Delete the topic “${name}”?` });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Delete topic' }).click();
    await page.getByRole('status').filter({ hasText: `Topic “${name}” deleted` }).waitFor();
    await link.waitFor({ state: 'detached' });
  });
});
