// Browser test of the draft checker (Publishing) against a running server with POST /api/v1/text/analyze:
//   DANDELION_URL=http://127.0.0.1:18080 npm run test:e2e
// (or against `DANDELION_API=http://127.0.0.1:18080 npm run dev` with DANDELION_URL=<Vite's URL>, to test
// the UI sources without rebuilding the server).
// It logs in as the demo hub admin, types a complaint with an emoji, a mention, a URL and a phone number,
// and checks the analysis (sentiment, intent, personal data, masked text, highlights at the right places),
// then switches to Bluesky and pastes a text over its limit.
// Screenshots go to ${E2E_OUT_DIR || 'build/e2e'}/draft-checker.png (and draft-checker-over.png).
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { ADMIN, BASE, OUT_DIR, serverUp, withPage } from './support.mjs';

// An emoji first (two UTF-16 code units, one code point): every highlight after it is in the right
// place only if the UI converts the server's code-point indices correctly.
const COMPLAINT =
  '😡 @AcmeAir lost my bag AGAIN!!! worst airline ever, nobody answers. ' +
  'Call me on +1 415 555 0123 https://acmeair.com/bags';
const OVER_LIMIT = 'Our new route to Lisbon starts in May, with two flights a day. '.repeat(6).trim();

test('the server answers', async () => {
  assert.ok(await serverUp(), `no Dandelion server at ${BASE} (set DANDELION_URL)`);
});

test('the draft checker analyses a draft as it is typed', async () => {
  await withPage(async (page) => {
    const analyses = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/text/analyze') analyses.push(r.postDataJSON());
    });

    await page.goto(`${BASE}/login`);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('button', { name: 'Log out' }).waitFor();

    // Publishing, from the navigation.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Publishing', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Publishing' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/publishing');
    await page.getByText(/scheduling.*approvals are not built yet/i).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Draft checker' }).waitFor();

    const draft = page.getByLabel('Draft', { exact: true });
    const network = page.getByLabel('Network', { exact: true });
    assert.equal(await network.inputValue(), 'x', 'X is the default network');
    const results = page.getByRole('region', { name: 'Analysis' });
    const summary = results.getByRole('status');
    const lengthValue = page.getByTestId('length-value');

    // Type the complaint key by key: the checker waits for a pause before asking the server.
    await draft.click();
    await draft.pressSequentially(COMPLAINT, { delay: 8 });
    await page.waitForFunction(
      () => document.querySelector('[aria-labelledby="results-title"]')?.getAttribute('aria-busy') === 'false',
    );
    await summary.filter({ hasText: /Sentiment negative/ }).waitFor();
    assert.ok(analyses.length >= 1, 'the draft was analysed');
    assert.ok(
      analyses.length <= 4,
      `typing ${COMPLAINT.length} characters sent ${analyses.length} requests: the input is not debounced`,
    );
    assert.deepEqual(analyses[analyses.length - 1], { text: COMPLAINT, network: 'x' }, 'the last request has the whole draft');

    // Length against X's limit.
    assert.match(await lengthValue.innerText(), /\/ 280 weighted characters/);
    assert.match(await lengthValue.innerText(), /left/);

    // Sentiment: the label and the bar.
    assert.equal((await page.getByTestId('sentiment-label').innerText()).trim(), 'Negative');
    const bar = page.getByRole('img', { name: /^Sentiment proportions/ });
    const barLabel = (await bar.getAttribute('aria-label')) ?? '';
    const negPct = Number(/Negative (\d+)%/.exec(barLabel)?.[1]);
    assert.ok(negPct > 0, `a negative share in "${barLabel}"`);
    // The widths are set through the CSSOM (allowed by the CSP's style-src 'self'): check they applied.
    const widths = await bar.evaluate((el) => ({
      bar: el.getBoundingClientRect().width,
      neg: el.querySelector('.sbar__part--negative')?.getBoundingClientRect().width ?? 0,
    }));
    assert.ok(Math.abs(widths.neg / widths.bar - negPct / 100) < 0.02, `negative part ${JSON.stringify(widths)} ≈ ${negPct}%`);

    // Intents: at least one chip, each listing the cues that fired.
    const chips = page.getByRole('list', { name: 'Intent' }).locator(':scope > li');
    assert.ok((await chips.count()) >= 1, 'an intent chip');
    const firstCues = chips.first().getByRole('listitem');
    assert.ok((await firstCues.count()) >= 1, 'the chip lists its cues');
    const chipTexts = await chips.allInnerTexts();
    assert.ok(chipTexts.some((t) => /Complaint/.test(t)), `a complaint chip among ${JSON.stringify(chipTexts)}`);

    // Highlights in the preview land on the right characters despite the emoji before them.
    const preview = page.getByTestId('preview');
    assert.equal(await preview.innerText(), COMPLAINT, 'the preview shows the draft');
    assert.equal((await preview.locator('mark.hl--mention').allInnerTexts()).join('|'), '@AcmeAir');
    assert.equal((await preview.locator('mark.hl--url').allInnerTexts()).join('|'), 'https://acmeair.com/bags');
    assert.match((await preview.locator('mark.hl--pii').allInnerTexts()).join('|'), /415 555 0123/);

    // Personal data: the warning, the masked text, and "Use masked text".
    const warning = page.getByRole('region', { name: /^Personal data/ });
    await warning.waitFor();
    assert.match(await warning.innerText(), /phone number/i);
    const masked = (await page.getByTestId('masked').innerText()).trim();
    assert.match(masked, /\[phone\]/);
    assert.doesNotMatch(masked, /555 0123/);

    await mkdir(OUT_DIR, { recursive: true });
    await page.screenshot({ path: join(OUT_DIR, 'draft-checker.png') });

    await warning.getByRole('button', { name: 'Use masked text' }).click();
    assert.equal(await draft.inputValue(), masked, 'the draft now holds the masked text');
    assert.ok(await draft.evaluate((el) => el === document.activeElement), 'the focus is back in the draft');
    await warning.waitFor({ state: 'detached' });
    await page.getByText('None found', { exact: false }).waitFor();

    // Bluesky counts graphemes, up to 300.
    await network.selectOption('bluesky');
    await lengthValue.filter({ hasText: '/ 300 graphemes' }).waitFor();
    assert.match(await summary.innerText(), /on Bluesky/);

    // Paste a text over the limit: it is reported, and the part past the limit is highlighted.
    await draft.focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText(OVER_LIMIT);
    await lengthValue.filter({ hasText: 'over the limit' }).waitFor();
    const problems = page.getByRole('list', { name: 'Length problems' });
    await problems.waitFor();
    assert.match(await problems.innerText(), /over the limit/);
    const over = (await preview.locator('.hl--over').allInnerTexts()).join('');
    assert.ok(over.length > 0 && OVER_LIMIT.endsWith(over), `the highlighted part "${over}" is the end of the draft`);
    assert.equal(OVER_LIMIT.length - over.length, 300, 'the highlight starts at the 301st character');
    assert.equal(await page.getByRole('meter').getAttribute('aria-valuemax'), '300');
    await page.screenshot({ path: join(OUT_DIR, 'draft-checker-over.png') });

    // Emptying the draft clears the analysis without asking the server.
    const before = analyses.length;
    await draft.fill('');
    await page.getByText('Nothing to preview yet.').waitFor();
    await page.waitForTimeout(500);
    assert.equal(analyses.length, before, 'an empty draft is not sent');
  });
});
