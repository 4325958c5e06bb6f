#!/usr/bin/env node
// Screenshots of every page of the web UI, for comparing the look before and after a change:
//
//   DANDELION_URL=http://127.0.0.1:18081 node tests/e2e/screenshots.mjs OUT_DIR
//   node tests/e2e/screenshots.mjs --compare BEFORE_DIR AFTER_DIR DIFF_DIR
//
// The first form logs in as the demo hub admin and saves one PNG per page, each as tall as the
// page's content (the main pane scrolls, so the window is grown to it). It only reads: run it
// against two servers started from copies of one data folder to compare like with like. It
// navigates by clicking, as a user would, so it works whatever the addresses of the pages are.
// The second form compares the PNGs of two runs pixel by pixel in Chromium and writes an image
// per page that differs, the differing pixels in red.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ADMIN, BASE, withPage } from './support.mjs';

const WIDTH = 1366;

async function settle(page) {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('[role="status"].state--loading, .spinner'));
  await page.mouse.move(0, 0);
  // The page title takes the focus on arrival; leave it there (the same in every run).
  await page.waitForTimeout(300);
}

async function shoot(page, dir, name) {
  await settle(page);
  const height = await page.evaluate(() => {
    const main = document.querySelector('main');
    const top = main ? main.getBoundingClientRect().top : 0;
    return Math.ceil(top + (main ? main.scrollHeight : document.documentElement.scrollHeight));
  });
  await page.setViewportSize({ width: WIDTH, height: Math.max(768, height) });
  await settle(page);
  await page.screenshot({ path: join(dir, `${name}.png`) });
  await page.setViewportSize({ width: WIDTH, height: 768 });
  console.log(`${name}.png`);
}

const nav = (page, name) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();

async function capture(dir) {
  await mkdir(dir, { recursive: true });
  await withPage(async (page) => {
    await page.goto(`${BASE}/login`);
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await shoot(page, dir, '01-login');
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    await page.getByRole('heading', { level: 1, name: /Welcome/ }).waitFor();
    await page.getByText('Runs the unit').first().waitFor();
    await shoot(page, dir, '02-overview');

    await nav(page, 'Organisation');
    await page.getByRole('tree', { name: 'Units' }).waitFor();
    await page.getByRole('table', { name: /Members of/ }).waitFor();
    await shoot(page, dir, '03-organisation');
    await page.getByRole('treeitem', { name: /\bemea\b/ }).first().locator('.tree__row').first().click();
    await page.getByRole('heading', { level: 2, name: 'EMEA', exact: true }).waitFor();
    await page.getByRole('table', { name: 'Members of EMEA' }).waitFor();
    await page.getByRole('form', { name: 'Give a role' }).getByRole('option', { name: /emea\.admin/ }).waitFor({ state: 'attached' });
    await shoot(page, dir, '04-organisation-emea');
    await page.getByRole('button', { name: /^Remove the admin role/ }).first().click();
    await page.getByRole('dialog').waitFor();
    await shoot(page, dir, '05-organisation-dialog');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });

    await nav(page, 'Listening');
    await page.getByTestId('topic-view').waitFor();
    await page.getByTestId('volume-chart').waitFor();
    await page.getByTestId('mentions').waitFor();
    await page.getByTestId('share-chart').waitFor();
    await shoot(page, dir, '06-listening');
    await page.getByTestId('topic-view').getByRole('link', { name: 'Edit' }).click();
    await page.getByTestId('query-valid').waitFor();
    await page.getByTestId('preview-count').waitFor();
    await shoot(page, dir, '07-listening-edit');
    await page.getByRole('link', { name: 'New topic' }).click();
    const query = page.getByRole('textbox', { name: 'Query' });
    await query.fill('acme juice');
    await page.getByTestId('query-error').waitFor();
    await shoot(page, dir, '08-listening-new-error');

    await nav(page, 'Publishing');
    await page.getByLabel('Draft', { exact: true }).fill(
      '😡 @AcmeAir lost my bag AGAIN!!! worst airline ever, nobody answers. Call me on +1 415 555 0123 https://acmeair.com/bags',
    );
    await page.getByTestId('pii-warning').waitFor();
    await shoot(page, dir, '09-publishing');

    await nav(page, 'Audit log');
    await page.getByRole('table', { name: 'Entries' }).waitFor();
    await page.getByRole('button', { name: /Show changes of entry/ }).nth(1).click();
    await shoot(page, dir, '10-audit');

    await nav(page, 'Settings');
    await page.getByText('You have no API tokens.').waitFor();
    await shoot(page, dir, '11-settings');

    await nav(page, 'Inbox');
    await page.getByText('Inbox is not built yet.').waitFor();
    await shoot(page, dir, '12-not-built');

    await page.goto(`${BASE}/no-such-page`);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await shoot(page, dir, '13-not-found');
  });
}

/** Compares two PNGs in the browser; returns the share of differing pixels and a PNG of them (data URL). */
async function diffImages(page, a, b) {
  return page.evaluate(
    async ([a64, b64]) => {
      const load = (src) =>
        new Promise((ok, fail) => {
          const img = new Image();
          img.onload = () => ok(img);
          img.onerror = fail;
          img.src = src;
        });
      const [ia, ib] = await Promise.all([load(a64), load(b64)]);
      const w = Math.max(ia.width, ib.width);
      const h = Math.max(ia.height, ib.height);
      const px = (img) => {
        const c = document.createElement('canvas');
        c.width = w;
        c.height = h;
        const ctx = c.getContext('2d');
        ctx.drawImage(img, 0, 0);
        return ctx.getImageData(0, 0, w, h);
      };
      const da = px(ia);
      const db = px(ib);
      const out = new ImageData(w, h);
      let differ = 0;
      for (let i = 0; i < da.data.length; i += 4) {
        const d =
          Math.abs(da.data[i] - db.data[i]) + Math.abs(da.data[i + 1] - db.data[i + 1]) + Math.abs(da.data[i + 2] - db.data[i + 2]);
        if (d > 24) {
          differ++;
          out.data.set([220, 0, 0, 255], i);
        } else {
          const g = 255 - (255 - da.data[i]) / 4;
          out.data.set([g, g, g, 255], i);
        }
      }
      const c = document.createElement('canvas');
      c.width = w;
      c.height = h;
      c.getContext('2d').putImageData(out, 0, 0);
      return { size: [ia.width, ia.height, ib.width, ib.height], share: differ / (w * h), png: c.toDataURL('image/png') };
    },
    [a, b],
  );
}

async function compare(before, after, out) {
  await mkdir(out, { recursive: true });
  const names = (await readdir(before)).filter((n) => n.endsWith('.png')).sort();
  const rows = [];
  await withPage(async (page) => {
    for (const name of names) {
      const url = async (dir) => `data:image/png;base64,${(await readFile(join(dir, name))).toString('base64')}`;
      let a;
      let b;
      try {
        a = await url(before);
        b = await url(after);
      } catch {
        rows.push(`${name}: missing in ${after}`);
        continue;
      }
      const r = await diffImages(page, a, b);
      const same = r.share === 0 && r.size[0] === r.size[2] && r.size[1] === r.size[3];
      rows.push(`${name}: ${same ? 'identical' : `${(r.share * 100).toFixed(3)}% of pixels differ`} (${r.size[0]}×${r.size[1]} / ${r.size[2]}×${r.size[3]})`);
      if (!same) await writeFile(join(out, name), Buffer.from(r.png.split(',')[1], 'base64'));
    }
  });
  console.log(rows.join('\n'));
}

const [mode, ...rest] = process.argv.slice(2);
if (mode === '--compare') await compare(rest[0], rest[1], rest[2]);
else await capture(mode || 'build/e2e/screens');
