// The five seed pages, each read for what it really contains.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readPage, readPageText, detectPageKind } from '../../src/sources/pages/index.js';
import { parseMail } from '../../src/mail/parse.js';
import type { SourceItem, StubMessage } from '../../src/sources/types.js';
import { seed } from '../helpers/corpus.js';
import { readFileSync } from 'node:fs';

const messages = (items: SourceItem[]) => items.filter((i): i is Extract<SourceItem, { kind: 'message' }> => i.kind === 'message');
const stubs = (items: SourceItem[]): StubMessage[] => items.flatMap((i) => (i.kind === 'stub' ? [i.stub] : []));

test('000: a hypermail page with a visible MIME body becomes one message with its patch attachment', async () => {
  const items = readPage(seed('000'));
  assert.equal(detectPageKind(readFileSync(seed('000'), 'utf8')), 'hypermail');
  const [only, ...rest] = messages(items);
  assert.equal(rest.length, 0);
  const mail = await parseMail(only!.raw);
  assert.equal(mail.from?.name, 'Andrea Arcangeli');
  assert.equal(mail.from?.email, 'andrea@suse.de');
  assert.equal(mail.date, '2003-06-01T12:22:00Z');
  assert.match(mail.messageId, /\.invalid$/, 'the page shows no Message-ID: a synthetic one');
  assert.deepEqual(mail.attachments.map((a) => a.filename), ['9999_truncate-nopage-race-1']);
  assert.match(mail.attachments[0]!.text ?? '', /^diff -urNp .*mm\/memory\.c/m);
  assert.match(mail.text, /^Hi Paul,/);
  assert.doesNotMatch(mail.text, /Content-Type:/, 'the MIME structure is parsed, not left in the text');
});

test('000: the synthetic Message-ID is stable across reads', async () => {
  const a = await parseMail(messages(readPage(seed('000')))[0]!.raw);
  const b = await parseMail(messages(readPage(seed('000')))[0]!.raw);
  assert.equal(a.messageId, b.messageId);
});

test('001: a flat thread page gives two full messages and the 14-entry overview as stubs', async () => {
  const items = readPage(seed('001'));
  const full = await Promise.all(messages(items).map((m) => parseMail(m.raw)));
  assert.deepEqual(full.map((m) => m.from?.name), ['Ingo Molnar', 'Martin Wirth']);
  assert.equal(full[0]!.date, '2002-09-26T11:30:00Z');
  assert.equal(full[1]!.inReplyTo, '200209261501.g8QF1pc02251@penguin.transmeta.com', '[parent not found: <…>] is the reply\'s parent');
  assert.match(full[0]!.text, /^--- linux\/kernel\/futex\.c\.orig/m);
  const overview = stubs(items);
  // 14 dated entries and one [not found] placeholder; the two full messages are not stubs.
  assert.equal(overview.length + full.length, 15);
  const missing = overview.find((s) => s.messageId === '200209261501.g8QF1pc02251@penguin.transmeta.com');
  assert.ok(missing && !missing.synthetic && missing.depth === 0);
  const alan = overview.find((s) => s.authorName === 'Alan Cox')!;
  assert.equal(alan.depth, 2);
  assert.equal(overview.find((s) => s.messageId === alan.parentMessageId)?.parentMessageId, missing!.messageId);
  const jamie = overview.find((s) => s.authorName === 'Jamie Lokier')!;
  assert.equal(jamie.parentMessageId, full[0]!.messageId, 'overview entries point at the full message they answer');
});

test('002: a single-message page keeps its headers, and its 213-entry overview becomes stubs', async () => {
  const items = readPage(seed('002'));
  const mail = await parseMail(messages(items)[0]!.raw);
  assert.equal(mail.messageId, '20181212150319.GA3432@redhat.com');
  assert.equal(mail.inReplyTo, '20181210102846.GC29289@quack2.suse.cz');
  assert.equal(mail.subject, 'Re: [PATCH 1/2] mm: introduce put_user_page*(), placeholder versions');
  assert.equal(mail.date, '2018-12-12T15:03:20Z');
  assert.ok(mail.cc.some((a) => a.email === 'willy@infradead.org'));
  assert.doesNotMatch(mail.text, /Thread overview|reply\tother threads/);
  const overview = stubs(items);
  assert.equal(overview.length, 213);
  const jan = overview.find((s) => s.messageId === '20181210102846.GC29289@quack2.suse.cz');
  assert.ok(jan, 'the entry above [this message] carries the real In-Reply-To id');
  assert.equal(jan!.authorName, 'Jan Kara');
  assert.equal(jan!.depth, 13);
  assert.equal(overview.filter((s) => s.depth === 0).length, 2);
});

test('004: four git format-patch attachments and a 25-entry overview', async () => {
  const items = readPage(seed('004'));
  const mail = await parseMail(messages(items)[0]!.raw);
  assert.equal(mail.messageId, 'CAHk-=wicH=FaLOeum9_f7Vyyz9Fe4MWmELT7WKR_UbfY37yX-Q@mail.gmail.com');
  assert.equal(mail.attachments.length, 4);
  assert.ok(mail.attachments.every((a) => a.contentType === 'text/x-patch' && /^From [0-9a-f]{40} /.test(a.text ?? '')));
  assert.match(mail.text, /Gaah\. My alpine gmail setup/);
  const overview = stubs(items);
  assert.equal(overview.length, 25, '25 entries, the page\'s own message not among the stubs, plus one [not found]');
  assert.ok(overview.some((s) => s.messageId === '4794a3fa3742a5e84fb0f934944204b55730829b.camel@lca.pw' && !s.synthetic));
  const root = overview.find((s) => s.messageId === 'CAHk-=wgkD+sVx3cHAAzhVO5orgksY=7i8q6mbzwBjN0+4XTAUw@mail.gmail.com');
  assert.equal(root?.subject, '[PATCH 0/4] Some more lock_page work');
  assert.equal(root?.authorName, 'Linus Torvalds');
});

test('003: a list-archive page yields its message text without the site navigation', async () => {
  const mail = await parseMail(messages(readPage(seed('003')))[0]!.raw);
  assert.equal(mail.subject, 'Re: Re: Splitting the mmap_sem');
  assert.equal(mail.from, null, 'the page names no author: unknown, not guessed');
  assert.match(mail.text, /^On Thu, Feb 06, 2020 at 12:15:36PM -0800, Matthew Wilcox wrote:/);
  assert.doesNotMatch(mail.text, /Date Prev|Index of Archives/);
});

test('a text that is no archive page is an error naming the file and what was expected', () => {
  const items = readPageText('/tmp/notes.txt', 'just some notes\nnothing more\n');
  assert.equal(items.length, 1);
  assert.equal(items[0]!.kind, 'error');
  assert.match((items[0] as { reason: string }).reason, /\/tmp\/notes\.txt: not a recognised archive page: expected a public-inbox page/);
});

test('every seed page is detected as a page on its own, not as a single message', async () => {
  const { detectFormat } = await import('../../src/sources/index.js');
  for (const prefix of ['000', '001', '002', '003', '004']) assert.deepEqual(await detectFormat(seed(prefix)), { format: 'page' }, prefix);
});
