// Browser test of the addresses of the UI (web/src/routes.ts) against a running server:
//   DANDELION_URL=http://127.0.0.1:18080 node --test tests/e2e/routes.test.mjs
// A nested address (/listening/topics/<id>) opened directly goes through the login and comes back,
// survives a reload, and Back / Forward walk the topics and the editor; a unit has its address too;
// the old ?topic= address moves to the new one; an unknown address shows the not-found page (the
// server answers index.html for it), an area that is not built yet says so; and an area's code is
// fetched only when the area is opened (one chunk per area).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADMIN, apiGet, apiSession, BASE, logIn, serverUp, withPage } from './support.mjs';

const path = (page) => new URL(page.url()).pathname;

test('the server answers', async () => {
  assert.ok(await serverUp(), `no Dandelion server at ${BASE} (set DANDELION_URL)`);
});

test('a nested address opens directly, survives a reload, and Back and Forward walk it', async () => {
  const session = await apiSession(ADMIN.email, ADMIN.password);
  const { items: topics } = await apiGet(session, '/api/v1/topics');
  assert.ok(topics.length >= 2, 'the demo has topics');
  const [a, b] = topics;

  await withPage(async (page) => {
    // Logged out: the login page, which remembers the address and goes back to it.
    await page.goto(`${BASE}/listening/topics/${a.id}`);
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    assert.equal(new URL(page.url()).searchParams.get('next'), `/listening/topics/${a.id}`);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    const view = page.getByTestId('topic-view');
    await view.getByRole('heading', { level: 2, name: a.name, exact: true }).waitFor();
    assert.equal(path(page), `/listening/topics/${a.id}`);
    const nav = page.getByRole('navigation', { name: 'Main' });
    assert.equal(await nav.getByRole('link', { name: 'Listening', exact: true }).getAttribute('aria-current'), 'true');
    const topicsNav = page.getByRole('navigation', { name: 'Topics' });
    assert.equal(await topicsNav.getByRole('link', { name: new RegExp(a.name) }).getAttribute('aria-current'), 'page');

    // A reload shows the same topic.
    await page.reload();
    await view.getByRole('heading', { level: 2, name: a.name, exact: true }).waitFor();
    assert.equal(path(page), `/listening/topics/${a.id}`);

    // Another topic, then its editor: each has its address.
    await topicsNav.getByRole('link', { name: new RegExp(b.name) }).click();
    await view.getByRole('heading', { level: 2, name: b.name, exact: true }).waitFor();
    assert.equal(path(page), `/listening/topics/${b.id}`);
    await view.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('form', { name: `Edit “${b.name}”` }).waitFor();
    assert.equal(path(page), `/listening/topics/${b.id}/edit`);

    // Back: the topic, then the first topic; Forward: the topic again.
    await page.goBack();
    await view.getByRole('heading', { level: 2, name: b.name, exact: true }).waitFor();
    assert.equal(path(page), `/listening/topics/${b.id}`);
    await page.goBack();
    await view.getByRole('heading', { level: 2, name: a.name, exact: true }).waitFor();
    assert.equal(path(page), `/listening/topics/${a.id}`);
    await page.goForward();
    await view.getByRole('heading', { level: 2, name: b.name, exact: true }).waitFor();

    // The old address of a topic moves to its new one.
    await page.goto(`${BASE}/listening?topic=${a.id}`);
    await view.getByRole('heading', { level: 2, name: a.name, exact: true }).waitFor();
    assert.equal(path(page), `/listening/topics/${a.id}`);
    assert.equal(new URL(page.url()).search, '');

    // A unit has its address: opened directly, then another one chosen in the tree, then Back.
    await page.goto(`${BASE}/organisation/units/emea`);
    await page.getByRole('heading', { level: 2, name: 'EMEA', exact: true }).waitFor();
    const tree = page.getByRole('tree', { name: 'Units' });
    assert.equal(await tree.getByRole('treeitem', { name: /\bemea\b/ }).first().getAttribute('aria-selected'), 'true');
    await tree.getByRole('treeitem').first().locator('.tree__row').first().click();
    await page.getByRole('table', { name: /^Members of Social Media/ }).waitFor();
    assert.equal(path(page), '/organisation/units/hub');
    await page.goBack();
    await page.getByRole('heading', { level: 2, name: 'EMEA', exact: true }).waitFor();
    assert.equal(path(page), '/organisation/units/emea');
  });
});

test('an unknown address shows the not-found page; an area not built yet says what it will do', async () => {
  await withPage(async (page) => {
    await logIn(page, ADMIN.email, ADMIN.password);
    await page.getByRole('button', { name: 'Log out' }).waitFor();

    const res = await page.goto(`${BASE}/no-such-page`);
    assert.equal(res?.status(), 200, 'the server answers the app for any path outside /api/');
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    assert.equal(await page.title(), 'Page not found · Dandelion');
    const nav = page.getByRole('navigation', { name: 'Main' });
    assert.equal(await nav.locator('[aria-current]').count(), 0, 'no area is current');

    // Inside an area too: an address it does not have, and a topic or unit that does not exist.
    await page.goto(`${BASE}/listening/no/such/view`);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await page.goto(`${BASE}/listening/topics/999999999`);
    await page.getByText('This topic does not exist any more').waitFor();
    await page.goto(`${BASE}/organisation/units/no-such-unit`);
    await page.getByText('There is no unit “no-such-unit”').waitFor();

    // The not-found page leads back to the overview.
    await page.goto(`${BASE}/no-such-page`);
    await page.getByRole('link', { name: 'Go to the overview' }).click();
    await page.getByRole('heading', { level: 1, name: /^Welcome/ }).waitFor();
    assert.equal(path(page), '/');

    // An area of the navigation that is not built yet.
    await nav.getByRole('link', { name: 'Inbox', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
    await page.getByText('Inbox is not built yet.').waitFor();
    assert.equal(await nav.getByRole('link', { name: 'Inbox', exact: true }).getAttribute('aria-current'), 'page');
  });
});

test('an area is fetched when it is opened, with its own stylesheet', async () => {
  await withPage(async (page) => {
    const fetched = [];
    page.on('request', (r) => {
      if (['script', 'stylesheet'].includes(r.resourceType())) fetched.push(new URL(r.url()).pathname);
    });
    await logIn(page, ADMIN.email, ADMIN.password);
    await page.getByRole('heading', { level: 1, name: /^Welcome/ }).waitFor();
    const area = (name, ext) => fetched.some((p) => new RegExp(`/assets/${name}-[\\w-]+\\.${ext}$`).test(p));
    assert.ok(area('overview', 'js'), `the overview's chunk: ${fetched}`);
    assert.ok(!area('listening', 'js'), `nothing of Listening yet: ${fetched}`);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Listening', exact: true }).click();
    await page.getByTestId('topic-view').waitFor();
    assert.ok(area('listening', 'js') && area('listening', 'css'), `Listening's chunk and stylesheet: ${fetched}`);
    // Its stylesheet applies (the topic list is laid out by listening.css).
    const position = await page.locator('.lst-topics').evaluate((el) => getComputedStyle(el).position);
    assert.equal(position, 'sticky');
  });
});
