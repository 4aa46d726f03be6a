// A user in real Chromium: searches, opens a message, follows a touched function, opens its
// race and steps through the counterexample; then opens the hostile message. Screenshots of
// each page are taken along the way (kept under $LORELAB_SCREENSHOTS when set).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startExplorer, type Explorer } from '../../src/serve/server.js';
import { tempDir } from '../helpers/corpus.js';
import { explorerDb, HOSTILE_ID } from './fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let fixture: Awaited<ReturnType<typeof explorerDb>>;
let explorer: Explorer;
let context: BrowserContext;
const dir = tempDir('lorelab-serve-browser-');
const shots = process.env.LORELAB_SCREENSHOTS ?? join(dir.path, 'shots');

before(async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: run scripts/ensure-system-packages.sh`);
  mkdirSync(shots, { recursive: true });
  fixture = await explorerDb();
  explorer = await startExplorer(fixture.db, { port: 0 });
  context = await chromium.launchPersistentContext(join(dir.path, 'profile'), { executablePath: CHROMIUM, args: ARGS, headless: true });
});
after(async () => {
  await context?.close();
  await explorer?.close();
  fixture?.cleanup();
  dir.cleanup();
});

/** A page that records dialogs, CSP violations and script errors: none may happen. */
async function watchedPage(): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); void d.dismiss(); });
  page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
  page.on('console', (m) => { if (/Content Security Policy|Refused/.test(m.text())) problems.push(`csp: ${m.text()}`); });
  return { page, problems };
}

async function shot(page: Page, name: string): Promise<void> {
  const file = join(shots, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  assert.ok(statSync(file).size > 1000, `${name}.png was written`);
}

test('search → message → touched function → race → step through the counterexample', async () => {
  const { page, problems } = await watchedPage();
  await page.goto(`${explorer.url}/`);
  await shot(page, '1-home');
  await page.fill('form.search input[name=q]', 's:lock_page');
  await page.click('form.search button');
  await page.waitForURL(/\/search\?q=/);
  await shot(page, '2-search');
  await page.locator('ol.results a', { hasText: /^Re: \[PATCH 0\/4\] Some more lock_page work/ }).click();
  await page.waitForURL(/\/m\//);
  assert.ok(await page.locator('.hunk .touches a.symbol', { hasText: 'filemap_map_pages' }).first().isVisible());
  await shot(page, '3-message');
  await page.locator('.hunk .touches a.symbol', { hasText: 'filemap_map_pages' }).first().click();
  await page.waitForURL(/\/fn\/filemap_map_pages$/);
  await shot(page, '4-function');
  await page.locator('a[href="/race/map-pages-lock"]').first().click();
  await page.waitForURL(/\/race\/map-pages-lock$/);
  assert.ok(await page.locator('figure.swimlanes svg').isVisible(), 'the counterexample is drawn');
  await shot(page, '5-race');
  await page.locator('a.replay').first().click();
  await page.waitForURL(/step=0/);
  const total = Number(/step 0 of (\d+)/.exec(await page.locator('#replay h2').innerText())![1]);
  assert.ok(total > 1);
  for (let step = 1; step <= total; step++) {
    await page.locator('nav.stepper a.next').click();
    await page.waitForURL(new RegExp(`step=${step}$`));
    assert.equal(await page.locator('ol.steps li.current').count(), 1);
  }
  assert.match(await page.locator('p.outcome').innerText(), /violation/);
  assert.equal(await page.locator('nav.stepper a.next').count(), 0, 'no step after the last');
  await shot(page, '6-replay-end');
  assert.deepEqual(problems, []);
});

test('the hostile message renders as text and runs nothing', async () => {
  const { page, problems } = await watchedPage();
  await page.goto(`${explorer.url}/m/${encodeURIComponent(HOSTILE_ID)}`);
  await shot(page, '7-hostile');
  assert.match(await page.locator('h1').innerText(), /<script>window.__pwned = 1<\/script>/);
  assert.equal(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned), undefined);
  assert.equal(await page.locator('main script, main img, main svg[onload]').count(), 0);
  assert.deepEqual(problems, []);
});
