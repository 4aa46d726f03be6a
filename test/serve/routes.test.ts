// The explorer over HTTP on 127.0.0.1: every page answers, unknown names get a 404 that
// suggests the nearest ones, JSON mirrors each page, and no byte of mail becomes markup.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startExplorer, type Explorer } from '../../src/serve/server.js';
import { openDatabase } from '../../src/store/open.js';
import { explorerDb, HOSTILE_ID, HOSTILE_NAME, HOSTILE_PATH, HOSTILE_SUBJECT } from './fixture.js';

const LINUS = 'CAHk-=wicH=FaLOeum9_f7Vyyz9Fe4MWmELT7WKR_UbfY37yX-Q@mail.gmail.com';
let fixture: Awaited<ReturnType<typeof explorerDb>>;
let explorer: Explorer;

before(async () => {
  fixture = await explorerDb();
  explorer = await startExplorer(fixture.db, { port: 0 });
});
after(async () => {
  await explorer.close();
  fixture.cleanup();
});

const get = async (path: string) => {
  const response = await fetch(`${explorer.url}${path}`);
  return { status: response.status, headers: response.headers, text: await response.text() };
};

test('the home page lists threads, functions and races, with a CSP that allows no script', async () => {
  const home = await get('/');
  assert.equal(home.status, 200);
  assert.match(home.headers.get('content-security-policy') ?? '', /script-src 'none'/);
  assert.match(home.text, /href="\/race\/truncate-nopage"/);
  assert.match(home.text, /href="\/fn\/do_no_page"/);
});

test('search takes the prefixes of lorelab search and links each hit', async () => {
  const hits = await get('/search?q=s:lock_page');
  assert.equal(hits.status, 200);
  assert.ok(hits.text.includes(`href="/m/${encodeURIComponent(LINUS)}"`), 'the Linus reply is found by subject');
  const api = JSON.parse((await get('/api/search?q=fn:do_no_page')).text) as { hits: Array<{ messageId: string }> };
  assert.ok(api.hits.length >= 1);
  const bad = await get('/search?q=foo%20AND');
  assert.equal(bad.status, 400);
  assert.match(bad.text, /bad search query/);
  const path = await get('/search?q=mm%2Ffilemap.c');
  assert.equal(path.status, 200, 'a path is searched as a phrase, not rejected as FTS5 syntax');
});

test('a message page shows each hunk with what it touches, the thread and the lore link', async () => {
  const page = await get(`/m/${encodeURIComponent(LINUS)}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /<a class="symbol" href="\/fn\/filemap_map_pages">filemap_map_pages<\/a>/);
  assert.match(page.text, /href="https:\/\/lore\.kernel\.org\/r\//);
  assert.match(page.text, /<h2>Thread<\/h2><ul class="tree">/);
  const api = JSON.parse((await get(`/api/m/${encodeURIComponent(LINUS)}`)).text) as { patchViews: Array<{ files: Array<{ hunks: Array<{ lines: string[]; symbols: unknown[] }> }> }> };
  const hunks = api.patchViews.flatMap((p) => p.files.flatMap((f) => f.hunks));
  assert.ok(hunks.length > 0);
  assert.ok(hunks.every((h) => h.lines[0]?.startsWith('@@')), 'each hunk row carries its own lines');
});

test('function, file, race, thread and history pages answer, with JSON alike', async () => {
  for (const path of ['/fn/do_no_page', '/file/mm/memory.c', '/file/mm/', '/race/map-pages-lock', `/t/${encodeURIComponent(LINUS)}`, '/history/do_no_page']) {
    const page = await get(path);
    assert.equal(page.status, 200, path);
  }
  const fn = JSON.parse((await get('/api/fn/filemap_map_pages')).text) as { races: Array<{ scenario: string }>; patches: unknown[] };
  assert.ok(fn.races.some((r) => r.scenario === 'map-pages-lock'));
  assert.ok(fn.patches.length >= 1);
  const dir = JSON.parse((await get('/api/file/mm/')).text) as { directory: boolean; files: string[] };
  assert.equal(dir.directory, true);
  assert.ok(dir.files.includes('mm/memory.c'));
});

test('a replay positions itself on the asked step and shows the outcome at the end', async () => {
  const race = JSON.parse((await get('/api/race/truncate-nopage')).text) as { runs: Array<{ variant: string; schedule: string; trace: unknown[]; verdict: string }> };
  const before = race.runs.find((r) => r.variant === 'before')!;
  assert.equal(before.verdict, 'violation');
  const mid = await get(`/race/truncate-nopage?variant=before&schedule=${before.schedule}&step=2`);
  assert.match(mid.text, /step 2 of \d+/);
  assert.doesNotMatch(mid.text, /Outcome:/);
  const end = await get(`/race/truncate-nopage?variant=before&schedule=${before.schedule}&step=${before.trace.length}`);
  assert.match(end.text, /Outcome: <span class="verdict-violation">violation/);
  const bad = await get('/race/truncate-nopage?variant=before&schedule=9.9&step=0');
  assert.match(bad.text, /names no thread/);
});

test('unknown names get a 404 that suggests the nearest', async () => {
  const fn = await get('/fn/do_no_pag');
  assert.equal(fn.status, 404);
  assert.match(fn.text, /href="\/fn\/do_no_page"/);
  const race = await get('/race/truncate-nopag');
  assert.equal(race.status, 404);
  assert.match(race.text, /href="\/race\/truncate-nopage"/);
  const message = await get('/m/CAHk-%3Dwic-nonexistent');
  assert.equal(message.status, 404);
  assert.match(message.text, /CAHk-=wicH=FaLOeum9/);
  const api = await get('/api/history/filemap_map_pagez');
  assert.equal(api.status, 404);
  assert.ok((JSON.parse(api.text) as { suggestions: Array<{ label: string }> }).suggestions.some((s) => s.label === 'filemap_map_pages'));
  assert.equal((await fetch(`${explorer.url}/`, { method: 'POST' })).status, 405);
});

test('hostile subjects, names, bodies and paths are escaped on every page that shows them', async () => {
  const pages = [
    `/m/${encodeURIComponent(HOSTILE_ID)}`, `/t/${encodeURIComponent(HOSTILE_ID)}`, '/search?q=fix', '/', '/fn/evil_fn',
    `/file/${HOSTILE_PATH.split('/').map(encodeURIComponent).join('/')}`,
  ];
  for (const path of pages) {
    const page = await get(path);
    assert.equal(page.status, 200, path);
    assert.doesNotMatch(page.text, /<script/i, `${path}: no script element`);
    assert.doesNotMatch(page.text, /<img|<svg onload|href="javascript:/i, `${path}: no mail markup`);
  }
  const message = await get(`/m/${encodeURIComponent(HOSTILE_ID)}`);
  assert.ok(message.text.includes('&lt;script&gt;window.__pwned = 1&lt;/script&gt;'), 'the subject is shown as text');
  assert.ok(!message.text.includes(HOSTILE_SUBJECT) && !message.text.includes(HOSTILE_NAME));
});

test('the home page is kept until another connection changes the database', async () => {
  const count = (text: string) => Number(/<p>(\d+) messages/.exec(text)![1]);
  const first = count((await get('/')).text);
  assert.equal(count((await get('/')).text), first);
  const writer = openDatabase(fixture.path);
  writer.prepare("INSERT INTO messages (message_id, subject) VALUES ('added-later@example.com', 'added later')").run();
  writer.close();
  assert.equal(count((await get('/')).text), first + 1, 'an ingest while serving shows on the next visit');
});

test('a patch mail shows its inline diff once: folded in the body, annotated under Patches', async () => {
  const page = await get(`/m/${encodeURIComponent(HOSTILE_ID)}`);
  assert.doesNotMatch(page.text, /<pre class="part-diff">/);
  assert.match(page.text, /<details class="diff"><summary>diff: \d+ lines/);
  assert.match(page.text, /<a class="symbol" href="\/fn\/evil_fn">evil_fn<\/a>/);
});
