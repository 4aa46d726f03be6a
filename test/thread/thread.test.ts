import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { threadMessages, type ThreadInput } from '../../src/thread/index.js';

interface OverviewEntry { line: number; date: string; depth: number; text: string }

/** The public-inbox "Thread overview" of a saved page: depth from the indentation. */
function overviewEntries(file: string): OverviewEntry[] {
  const lines = readFileSync(new URL(`../../corpora/${file}`, import.meta.url), 'utf8').split('\n');
  const start = lines.findIndex((l) => /^Thread overview:/.test(l));
  const entries: OverviewEntry[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const m = /^(\d{4}-\d\d-\d\d) ([ \d]\d:\d\d) (.*)$/.exec(lines[i]);
    if (!m) { if (entries.length) break; continue; }
    const nested = /^( *)` (.*)$/.exec(m[3]);
    // Two spaces per level after the first "` ".
    const depth = nested ? 1 + nested[1].length / 2 : 0;
    entries.push({ line: i + 1, date: `${m[1]}T${m[2].trim().padStart(5, '0')}:00Z`, depth, text: nested ? nested[2] : m[3] });
  }
  return entries;
}

/** Stubs as a page reader makes them: parent = the nearest entry above at depth − 1. */
function stubsFrom(entries: OverviewEntry[]): ThreadInput[] {
  const open: string[] = [];
  return entries.map((e) => {
    const id = e.text.includes('[this message]') ? '20181212150319.GA3432@redhat.com' : `overview-line-${e.line}`;
    open[e.depth] = id;
    open.length = e.depth + 1;
    return { messageId: id, stub: true, parentMessageId: e.depth ? open[e.depth - 1] : null, date: e.date, author: e.text.replace(' [this message]', '') };
  });
}

test('seed 002: the overview becomes trees at the depths the page shows, Jerome Glisse at 14', () => {
  const entries = overviewEntries('002_cf02ac1430d7df9c.txt');
  // The page says "213+ messages" and lists 214 entries: 210 in the 2018 series, 4 in a 2019 repost.
  assert.equal(entries.length, 214);
  const result = threadMessages(stubsFrom(entries));
  assert.equal(result.messages.length, 214);
  assert.deepEqual(result.problems, []);
  const first = result.threads[0];
  // The 2018 series is one tree; the page also lists a 2019 repost as its own root.
  const rootsOnPage = entries.filter((e) => e.depth === 0).length;
  assert.equal(rootsOnPage, 2);
  assert.equal(result.threads.length, rootsOnPage);
  assert.equal(first.messageCount, 210);
  assert.equal(first.rootMessageId, `overview-line-${entries[0].line}`);
  assert.equal(first.messageCount, entries.findIndex((e, i) => i > 0 && e.depth === 0));
  const jerome = result.messages.find((m) => m.messageId === '20181212150319.GA3432@redhat.com')!;
  assert.equal(jerome.depth, 14);
  assert.equal(jerome.rootMessageId, first.rootMessageId);
  const parent = entries.find((e) => `overview-line-${e.line}` === jerome.parentMessageId)!;
  assert.match(parent.text, /^Jan Kara/);
  assert.equal(parent.date, '2018-12-10T10:28:00Z');
  // Every entry keeps the depth its indentation gave.
  const depthOf = new Map(result.messages.map((m) => [m.messageId, m.depth]));
  stubsFrom(entries).forEach((s, i) => assert.equal(depthOf.get(s.messageId), entries[i].depth, `line ${entries[i].line}`));
  assert.equal(first.stubCount, first.messageCount);
  assert.equal(first.firstDate, '2018-12-04T00:17:00Z');
});

const msg = (messageId: string, extra: Partial<ThreadInput> = {}): ThreadInput => ({ messageId, subject: 'Re: topic of the discussion', ...extra });

test('References chains, placeholders for missing parents, pre-order by date', () => {
  const result = threadMessages([
    msg('c@x', { references: ['<a@x>', '<b@x>'], inReplyTo: '<b@x>', date: '2020-01-03T00:00:00Z' }),
    msg('d@x', { references: ['<a@x>'], date: '2020-01-02T00:00:00Z' }),
    msg('a@x', { subject: 'topic of the discussion', date: '2020-01-01T00:00:00Z' }),
  ]);
  const placed = Object.fromEntries(result.messages.map((m) => [m.messageId, [m.parentMessageId, m.depth, m.position, m.kind]]));
  assert.deepEqual(placed, {
    'a@x': [null, 0, 0, 'message'],
    'd@x': ['a@x', 1, 1, 'message'],
    'b@x': ['a@x', 1, 2, 'placeholder'],   // undated: sorts by its child's date (Jan 3), after d (Jan 2)
    'c@x': ['b@x', 2, 3, 'message'],
  });
  assert.equal(result.threads.length, 1);
  assert.deepEqual(
    { ...result.threads[0] },
    { rootMessageId: 'a@x', subject: 'topic of the discussion', firstDate: '2020-01-01T00:00:00Z', lastDate: '2020-01-03T00:00:00Z',
      messageCount: 4, stubCount: 1, placeholderCount: 1, participantCount: 0, patchCount: 0 },
  );
});

test('loops and self-references are cut and reported; the result is still a forest', () => {
  const result = threadMessages([
    msg('a@x', { inReplyTo: '<b@x>', references: ['<a@x>', '<b@x>'] }),
    msg('b@x', { inReplyTo: '<a@x>' }),
    msg('s@x', { inReplyTo: '<s@x>' }),
    msg('r@x', { references: ['<p@x>', '<q@x>', '<p@x>'] }),
  ]);
  const kinds = result.problems.map((p) => `${p.kind}:${p.messageId}`).sort();
  assert.deepEqual(kinds, ['loop-cut:b@x', 'repeated-reference:r@x', 'self-reference:a@x', 'self-reference:s@x']);
  const parent = Object.fromEntries(result.messages.map((m) => [m.messageId, m.parentMessageId]));
  assert.equal(parent['a@x'], 'b@x');
  assert.equal(parent['b@x'], null);
  assert.equal(parent['s@x'], null);
  assert.equal(parent['r@x'], 'q@x');
  assert.equal(parent['q@x'], 'p@x');
  for (const m of result.messages) assert.ok(m.depth < result.messages.length);
});

test('doubled and junk In-Reply-To headers, missing ids, duplicates', () => {
  const result = threadMessages([
    msg('root@x', { subject: 'a question about the page cache' }),
    msg('<r1@x>', { inReplyTo: '<root@x> (Someone\'s message of Mon, 1 Jan 2020)' }),
    msg('r2@x', { inReplyTo: 'r1@x' }),
    msg('r1@x', { inReplyTo: '<other@x>' }),
    msg('', { inReplyTo: '<r2@x>', date: '2020-01-05T00:00:00Z' }),
  ]);
  const byId = new Map(result.messages.map((m) => [m.messageId, m]));
  assert.equal(byId.get('r1@x')?.parentMessageId, 'root@x');
  assert.equal(byId.get('r2@x')?.depth, 2);
  assert.ok(!byId.has('other@x'), 'the duplicate copy is ignored');
  const synthetic = result.messages.find((m) => m.messageId.startsWith('lorelab-synthetic-'))!;
  assert.equal(synthetic.parentMessageId, 'r2@x');
  assert.deepEqual(result.problems.map((p) => p.kind).sort(), ['duplicate-id', 'missing-id']);
  // Stable: the same input gives the same synthetic id.
  assert.equal(threadMessages([msg('', { inReplyTo: '<r2@x>', date: '2020-01-05T00:00:00Z' })]).messages.find((m) => m.kind === 'message')?.messageId, synthetic.messageId);
  assert.deepEqual(threadMessages(null as unknown as ThreadInput[]), { messages: [], threads: [], problems: [] });
});

test('subject fallback: recorded, never for common subjects, never for stubs, only to earlier roots', () => {
  const result = threadMessages([
    { messageId: 'orig@x', subject: '[PATCH] mm: fix the truncate vs nopage race', date: '2003-06-01T00:00:00Z' },
    { messageId: 'lost@x', subject: 'Re: [PATCH] mm: fix the truncate vs nopage race', date: '2003-06-02T00:00:00Z' },
    { messageId: 'early@x', subject: 'Re: [PATCH] mm: fix the truncate vs nopage race', date: '2003-05-01T00:00:00Z' },
    { messageId: 'p1@x', subject: '[PATCH]', date: '2003-06-01T00:00:00Z' },
    { messageId: 'p2@x', subject: 'Re: [PATCH]', date: '2003-06-02T00:00:00Z' },
    { messageId: 'stub@x', stub: true, parentMessageId: null, subject: 'Re: [PATCH] mm: fix the truncate vs nopage race', date: '2003-06-03T00:00:00Z' },
  ]);
  const parent = Object.fromEntries(result.messages.map((m) => [m.messageId, m.parentMessageId]));
  assert.equal(parent['lost@x'], 'orig@x');
  assert.equal(result.messages.find((m) => m.messageId === 'lost@x')?.parentSource, 'subject');
  assert.equal(parent['early@x'], null);
  assert.equal(parent['p2@x'], null);
  assert.equal(parent['stub@x'], null);
  assert.deepEqual(result.problems.map((p) => `${p.kind}:${p.messageId}`), ['subject-join:lost@x']);
});

test('a real message replaces its stub; a headerless one keeps the stub\'s place', () => {
  const result = threadMessages([
    { messageId: 'root@x', stub: true, parentMessageId: null, date: '2020-01-01T00:00:00Z' },
    { messageId: 'kid@x', stub: true, parentMessageId: 'root@x', date: '2020-01-02T00:00:00Z' },
    { messageId: 'kid@x', subject: 'Re: hello', date: '2020-01-02T00:00:00Z', author: 'a@x', hasPatch: true },
    { messageId: 'root@x', subject: 'hello', inReplyTo: null, author: 'b@x' },
  ]);
  assert.deepEqual(result.messages.map((m) => [m.messageId, m.kind, m.parentMessageId, m.parentSource]), [
    ['root@x', 'message', null, null],
    ['kid@x', 'message', 'root@x', 'overview'],
  ]);
  assert.equal(result.threads[0].participantCount, 2);
  assert.equal(result.threads[0].patchCount, 1);
  assert.equal(result.threads[0].stubCount, 0);
});
