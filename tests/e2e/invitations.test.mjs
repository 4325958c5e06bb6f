// Browser test of invitations by e-mail against a running server that writes its mail to a folder:
//   dandelion serve --seed-demo --mail-dir DIR …
//   DANDELION_URL=http://127.0.0.1:18080 DANDELION_MAIL_DIR=DIR node --test tests/e2e/invitations.test.mjs
// A spoke admin (EMEA) has no "Add a user" form; they invite a new address to a role, see it pending,
// and the invitee opens the link from the e-mail (logged out), creates the account and lands logged
// in; the admin then sees them among the members. The used link is dead. The same person, invited
// again, logs in from the link and accepts (someone else logged in is told it is not theirs). A
// withdrawn invitation leaves the list and its link stops working.
import assert from 'node:assert/strict';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ADMIN, apiGet, apiSession, BASE, logIn, serverUp, withPage } from './support.mjs';

const MAIL_DIR = process.env.DANDELION_MAIL_DIR;
const SPOKE_ADMIN = { email: 'emea.admin@demo.example', password: ADMIN.password, name: 'Jonas Weber' };
const GONE = /This invitation link is not valid any more: it was used, withdrawn or has expired\. Ask for a new one\./;

const stamp = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
/** The person invited first: created by signing up from the link, then invited again. */
const invitee = { email: `inv-${stamp}@e2e.example`, name: 'Ines Vogel', password: `e2e-invitee-${stamp}` };
/** The link of the first invitation, once used. */
let usedLink = null;
const seenTokens = new Set();

const path = (page) => new URL(page.url()).pathname;

function needMailDir() {
  assert.ok(
    MAIL_DIR,
    'DANDELION_MAIL_DIR is not set: start the server with --mail-dir DIR and run this test with DANDELION_MAIL_DIR=DIR, so that it can read the invitation e-mails',
  );
}

/** The newest e-mail (.eml in DANDELION_MAIL_DIR) that names `address` and has a link not seen before. */
async function mailTo(address, timeoutMs = 10_000) {
  needMailDir();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const names = (await readdir(MAIL_DIR).catch(() => [])).filter((n) => n.endsWith('.eml'));
    const found = [];
    for (const name of names) {
      const file = join(MAIL_DIR, name);
      const text = await readFile(file, 'utf8').catch(() => '');
      const token = text.match(/\/invitations\/([0-9a-f]{64})\b/)?.[1];
      if (!text.includes(address) || !token || seenTokens.has(token)) continue;
      found.push({ name, text, token, mtime: (await stat(file)).mtimeMs });
    }
    if (found.length > 0) {
      // The server names each file <milliseconds>-<random>.eml.
      const at = (n) => Number(n.split('-')[0]) || 0;
      found.sort((a, b) => b.mtime - a.mtime || at(b.name) - at(a.name));
      seenTokens.add(found[0].token);
      return found[0];
    }
    if (Date.now() > deadline) assert.fail(`no invitation e-mail to ${address} in ${MAIL_DIR} (${names.length} .eml files)`);
    await sleep(200);
  }
}

/** Polls until fn() is true (the page changes after a request). */
async function until(what, fn, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

async function unitName(slug) {
  const s = await apiSession(SPOKE_ADMIN.email, SPOKE_ADMIN.password);
  const { items } = await apiGet(s, '/api/v1/units');
  const unit = items.find((u) => u.slug === slug);
  assert.ok(unit, `the spoke admin sees the unit ${slug}`);
  return unit.name;
}

async function logInAsSpokeAdmin(page) {
  await logIn(page, SPOKE_ADMIN.email, SPOKE_ADMIN.password);
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}

/** Opens the unit on the Organisation page and waits for its members and pending invitations. */
async function openUnit(page, slug, name) {
  await page.goto(`${BASE}/organisation/units/${slug}`);
  await page.getByRole('heading', { level: 2, name, exact: true }).waitFor();
  const card = page.getByRole('region', { name: 'Pending invitations' });
  await card.waitFor();
  await until('the pending invitations', async () => !(await card.innerText()).includes('Loading invitations…'));
  return card;
}

/** Sends the "Invite by e-mail" form of the open unit and waits for its confirmation. */
async function invite(page, email, role) {
  const form = page.getByRole('form', { name: 'Invite by e-mail' });
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Role').selectOption(role);
  await form.getByRole('button', { name: 'Send invitation' }).click();
  const sent = form.getByRole('status').filter({ hasText: email });
  await sent.waitFor();
  return sent.innerText();
}

test('the server answers, and the test can read its mail', async () => {
  assert.ok(await serverUp(), `no Dandelion server at ${BASE} (set DANDELION_URL)`);
  needMailDir();
});

test('a spoke admin invites a new person by e-mail, who signs up from the link and becomes a member', async () => {
  needMailDir();
  const emea = await unitName('emea');
  await withPage(async (page) => {
    await logInAsSpokeAdmin(page);
    const pending = await openUnit(page, 'emea', emea);

    // Only hub admins create accounts directly; a spoke admin invites.
    assert.equal(await page.getByRole('form', { name: 'Add a user' }).count(), 0, 'no "Add a user" for a spoke admin');
    assert.equal(await page.getByRole('form', { name: 'Invite by e-mail' }).count(), 1);

    // A bad address is named beside its field, before anything is sent.
    const form = page.getByRole('form', { name: 'Invite by e-mail' });
    await form.getByLabel('Email').fill('not-an-address');
    await form.getByRole('button', { name: 'Send invitation' }).click();
    await form.getByText('Enter a valid e-mail address.').waitFor();
    assert.equal(await form.getByLabel('Email').getAttribute('aria-invalid'), 'true');

    const confirmation = await invite(page, invitee.email, 'publisher');
    assert.match(confirmation, new RegExp(`e-mailed to ${invitee.email.replace(/[.]/g, '\\.')}`));
    assert.match(confirmation, /expires in 7 days/);

    const row = page.getByRole('table', { name: 'Pending invitations' }).getByRole('row').filter({ hasText: invitee.email });
    await row.waitFor();
    const cells = await row.getByRole('cell').allInnerTexts();
    assert.ok(cells.some((c) => c.trim() === 'publisher'), `role in ${cells}`);
    assert.ok(cells.some((c) => c.includes(SPOKE_ADMIN.name)), `inviter in ${cells}`);
    assert.equal(await row.getByRole('button', { name: `Withdraw the invitation of ${invitee.email} (publisher)` }).count(), 1);
    assert.ok(await pending.isVisible());

    // The e-mail has the link; the invitee opens it in a browser of their own, logged out.
    const mail = await mailTo(invitee.email);
    const link = `/invitations/${mail.token}`;
    await withPage(async (guest) => {
      await guest.goto(`${BASE}${link}`);
      await guest.getByRole('heading', { level: 1, name: 'Invitation' }).waitFor();
      assert.equal(path(guest), link, 'a visitor stays on the invitation page (no login asked)');
      await guest.getByText(`${SPOKE_ADMIN.name} invited you to be publisher at ${emea}.`).waitFor();

      const signup = guest.getByRole('form', { name: 'Create your account' });
      assert.equal(await signup.getByLabel('Email').inputValue(), invitee.email);
      await signup.getByLabel('Full name').fill(invitee.name);
      // Too short a password: said beside the field, which takes the focus.
      await signup.getByLabel('Password', { exact: true }).fill('short');
      await signup.getByLabel('Confirm password').fill('short');
      await signup.getByRole('button', { name: 'Create account and accept' }).click();
      await signup.getByText('The password needs at least 10 characters.').waitFor();
      assert.equal(await signup.getByLabel('Password', { exact: true }).getAttribute('aria-invalid'), 'true');
      assert.ok(await signup.getByLabel('Password', { exact: true }).evaluate((el) => el === document.activeElement));
      assert.match(await signup.innerText(), /10 to 200 characters/);

      // Then right, sent with the keyboard.
      await signup.getByLabel('Password', { exact: true }).fill(invitee.password);
      await signup.getByLabel('Confirm password').fill(invitee.password);
      await signup.getByLabel('Confirm password').press('Enter');
      await guest.getByRole('button', { name: 'Log out' }).waitFor();
      assert.equal(path(guest), '/', 'the overview after signing up');
      await guest.getByRole('status').filter({ hasText: `you are now publisher at ${emea}` }).waitFor();
      const me = await guest.evaluate(async () => (await fetch('/api/v1/auth/me')).json());
      assert.equal(me.user.email, invitee.email);
      assert.ok(me.memberships.some((m) => m.unit === 'emea' && m.role === 'publisher'), 'the role is theirs');
    });
    usedLink = link;

    // The spoke admin reloads: the new member is listed, the invitation is no longer pending.
    await page.reload();
    await page.getByRole('heading', { level: 2, name: emea, exact: true }).waitFor();
    const member = page.getByRole('table', { name: `Members of ${emea}` }).getByRole('row').filter({ hasText: invitee.email });
    await member.waitFor();
    const memberCells = await member.getByRole('cell').allInnerTexts();
    assert.ok(memberCells.some((c) => c.includes(invitee.name)), `name in ${memberCells}`);
    assert.ok(memberCells.some((c) => c.trim() === 'publisher'), `role in ${memberCells}`);
    const card = page.getByRole('region', { name: 'Pending invitations' });
    await until('the pending invitations', async () => !(await card.innerText()).includes('Loading invitations…'));
    assert.ok(!(await card.innerText()).includes(invitee.email), 'no longer pending');
  });
});

test('a used invitation link says it is not valid any more', async () => {
  assert.ok(usedLink, 'the sign-up test before got the link');
  await withPage(async (page) => {
    await page.goto(`${BASE}${usedLink}`);
    await page.getByText(GONE).waitFor();
    assert.equal(await page.getByRole('form', { name: 'Create your account' }).count(), 0);
    assert.equal(path(page), usedLink, 'no login asked for');
  });
});

test('someone with an account logs in from the link and accepts; another user is told it is not theirs', async () => {
  assert.ok(usedLink, 'the sign-up test before made the account');
  const dach = await unitName('emea-dach');
  await withPage(async (page) => {
    await logInAsSpokeAdmin(page);
    await openUnit(page, 'emea-dach', dach);
    await invite(page, invitee.email, 'analyst');
    const { token } = await mailTo(invitee.email);
    const link = `/invitations/${token}`;

    // The spoke admin opens it: logged in as someone else.
    await page.goto(`${BASE}${link}`);
    await page.getByText(`${SPOKE_ADMIN.name} invited you to be analyst at ${dach}.`).waitFor();
    await page.getByText(`but this invitation is for ${invitee.email}`).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Accept', exact: true }).count(), 0, 'no Accept for someone else');

    await withPage(async (guest) => {
      await guest.goto(`${BASE}${link}`);
      await guest.getByText(`${SPOKE_ADMIN.name} invited you to be analyst at ${dach}.`).waitFor();
      assert.equal(await guest.getByRole('form', { name: 'Create your account' }).count(), 0, 'no sign-up: the account exists');
      await guest.getByRole('link', { name: 'Log in to accept' }).click();
      await guest.getByRole('heading', { name: 'Log in' }).waitFor();
      assert.equal(new URL(guest.url()).searchParams.get('next'), link, 'the login page knows where to come back');
      await guest.getByLabel('Email').fill(invitee.email);
      await guest.getByLabel('Password').fill(invitee.password);
      await guest.getByRole('button', { name: 'Log in' }).click();

      const accept = guest.getByRole('button', { name: 'Accept', exact: true });
      await accept.waitFor();
      assert.equal(path(guest), link, 'back on the invitation after logging in');
      await guest.getByText(`You are logged in as ${invitee.name}`).waitFor();
      await accept.click();
      await guest.getByRole('button', { name: 'Log out' }).waitFor();
      assert.equal(path(guest), '/');
      await guest.getByRole('status').filter({ hasText: `You are now analyst at ${dach}.` }).waitFor();
      const me = await guest.evaluate(async () => (await fetch('/api/v1/auth/me')).json());
      assert.ok(me.memberships.some((m) => m.unit === 'emea-dach' && m.role === 'analyst'), 'the new role is theirs');
    });

    // Used: dead for everyone.
    await page.goto(`${BASE}${link}`);
    await page.getByText(GONE).waitFor();
  });
});

test('a withdrawn invitation leaves the list and its link stops working', async () => {
  needMailDir();
  const emea = await unitName('emea');
  const email = `withdrawn-${stamp}@e2e.example`;
  await withPage(async (page) => {
    await logInAsSpokeAdmin(page);
    await openUnit(page, 'emea', emea);
    await invite(page, email, 'agent');
    const { token } = await mailTo(email);

    const table = page.getByRole('table', { name: 'Pending invitations' });
    const row = table.getByRole('row').filter({ hasText: email });
    await row.waitFor();
    await row.getByRole('button', { name: `Withdraw the invitation of ${email} (agent)` }).click();
    const dialog = page.getByRole('dialog', { name: 'Withdraw this invitation?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Withdraw', exact: true }).click();
    await page.getByRole('status').filter({ hasText: `Withdrew the invitation of ${email}` }).waitFor();
    await row.waitFor({ state: 'detached' });

    await withPage(async (guest) => {
      await guest.goto(`${BASE}/invitations/${token}`);
      await guest.getByText(GONE).waitFor();
    });
  });
});
