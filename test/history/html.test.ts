import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { renderHistoryHtml } from '../../src/history/html/render.js';
import { escapeHtml, html } from '../../src/history/html/escape.js';
import { fixtureInput, HOSTILE_BODY, HOSTILE_SUBJECT } from './fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

test('the html template escapes every value it is given', () => {
  assert.equal(html`<p>${HOSTILE_SUBJECT}</p>`.value,
    '<p>&lt;script&gt;window.__pwned = 1; alert(1)&lt;/script&gt;</p>');
  assert.equal(escapeHtml(`"'\`&`), '&quot;&#39;&#96;&amp;');
});

test('the page is self-contained and carries no mail text unescaped', () => {
  const page = renderHistoryHtml(fixtureInput(), { full: true });
  assert.ok(!page.includes('<script'), 'no script element at all');
  assert.ok(!page.includes(HOSTILE_BODY));
  assert.doesNotMatch(page, /<(link|img|iframe|object|embed)\b/);
  assert.doesNotMatch(page, /(src|href)="(https?:)?\/\/(?!lore\.kernel\.org)/);
  assert.match(page, /Content-Security-Policy/);
  assert.equal(page, renderHistoryHtml(fixtureInput(), { full: true }), 'deterministic');
  const concise = renderHistoryHtml(fixtureInput());
  assert.match(concise, /<table class="entries">/);
  assert.doesNotMatch(concise, /<table class="timeline">/, 'the thread timeline only with --full');
  assert.ok(!concise.includes(HOSTILE_BODY), 'the entry view escapes mail text too');
});

test('in Chromium: the page renders the timeline and the diagram and runs no mail script', async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: run scripts/ensure-system-packages.sh`);
  const dir = mkdtempSync(join(tmpdir(), 'lorelab-history-html-'));
  const file = join(dir, 'do_no_page.html');
  writeFileSync(file, renderHistoryHtml(fixtureInput(), { full: true }));
  const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: CHROMIUM, args: ARGS, headless: true,
  });
  try {
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href);
    await page.waitForLoadState('load');

    assert.equal(await page.locator('table.entries tr').count(), 2, 'header and one entry row');
    assert.ok(await page.locator('section.entry pre.diff').isVisible(), 'the subject\'s hunk');
    const timelineRows = await page.locator('table.timeline tr').count();
    assert.equal(timelineRows, 2, 'header and one thread row');
    assert.ok(await page.locator('table.timeline').isVisible());
    const lanes = page.locator('section.thread .race figure.swimlanes svg');
    assert.ok(await lanes.isVisible(), 'the counterexample is drawn');
    assert.equal(await lanes.locator('g.step').count(), 4);
    assert.ok(await page.locator('ul.tree li').first().isVisible(), 'the thread tree');

    // The hostile subject is shown as text, and its script never ran.
    const shown = await page.locator('ul.tree').innerText();
    assert.ok(shown.includes(HOSTILE_SUBJECT), 'hostile subject visible as text');
    assert.equal(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned), undefined);
    assert.equal(await page.locator('img').count(), 0);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(requests.filter((u) => !u.startsWith('file:')), []);

    const shot = join(dir, 'do_no_page.png');
    await page.screenshot({ path: shot, fullPage: true });
    assert.ok(statSync(shot).size > 10_000, 'a real screenshot');
  } finally {
    await context.close();
    if (!process.env.LORELAB_KEEP_SCREENSHOT) rmSync(dir, { recursive: true, force: true });
    else console.log(`screenshot kept in ${dir}`);
  }
});
