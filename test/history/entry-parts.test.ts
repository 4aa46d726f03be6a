// The pure parts of an entry: a hunk cut to the subject's own lines, which exchanges are about
// those lines, and which prose is someone's own words rather than a pasted log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cutToSubject } from '../../src/history/load/hunk-text.js';
import { relevanceOf } from '../../src/history/load/relevant.js';
import { isLogLine, ownWordsNaming } from '../../src/history/load/discussion.js';
import type { ArgumentPair } from '../../src/history/types.js';

test('a hunk that starts inside the subject ends at its closing brace; other functions are left out', () => {
  const lines = [' \tint ret;', '+\tlock(x);', ' \treturn ret;', ' }', ' ', '+static int other(void)', '+{', '+\treturn 1;', '+}'];
  const cut = cutToSubject(lines, ['foo_bar'], 'static int foo_bar(struct page *page)');
  assert.deepEqual(cut.lines, lines.slice(0, 4));
  assert.equal(cut.omitted, 5);
  assert.deepEqual(cutToSubject(lines, ['foo_bar'], 'static int unrelated(void)').lines, lines, 'kept whole when it is not known to start inside');
});

test('a definition inside a long hunk is what is kept of it', () => {
  const filler = Array.from({ length: 50 }, (_, i) => `+int v${i};`);
  const lines = [...filler, '+static int foo_bar(void)', '+{', '+\treturn 0;', '+}', '+int after;'];
  assert.deepEqual(cutToSubject(lines, ['foo_bar']).lines, ['+static int foo_bar(void)', '+{', '+\treturn 0;', '+}']);
});

const pair = (point: string, reply: string): ArgumentPair => ({
  point: { text: point, author: null, date: null, message: null },
  reply: { text: reply, author: { name: 'R', email: 'r@example.org' }, date: null, message: null },
});

test('an exchange is about the subject when the lines right above the reply quote its changed lines', () => {
  const r = { changed: ['set_page_locked_for_real(page);', 'return -EINVAL;'], names: /\bfoo_bar\b/ };
  assert.equal(relevanceOf(pair('+\tset_page_locked_for_real(page);', 'Needs the mapping lock.'), r), 'quotes');
  assert.equal(relevanceOf(pair('+\treturn -EINVAL;', 'Why EINVAL?'), r), null, 'a generic line in common is chance');
  const farAbove = ['+\tset_page_locked_for_real(page);', ...Array.from({ length: 20 }, (_, i) => `+\tother_call_${i}(x);`)].join('\n');
  assert.equal(relevanceOf(pair(farAbove, 'Typo below.'), r), null, 'a reply answers the end of a long quotation');
  assert.equal(relevanceOf(pair('Changelog mentions foo_bar.', 'Typo in the title.'), r), null);
  assert.equal(relevanceOf(pair('anything', 'foo_bar() must not sleep here.'), r), 'names');
});

test('build logs and stack traces are not someone\'s own words', () => {
  assert.equal(isLogLine("mm/foo.c:13:2: error: implicit declaration of function 'foo_bar'"), true);
  assert.equal(isLogLine(' foo_bar+0x1c/0x80'), true);
  assert.equal(isLogLine('[   12.345678] foo_bar: oops'), true);
  assert.equal(isLogLine('I think foo_bar() should take the lock.'), false);
  const m = /(?<![\w/])foo_bar(?![\w])/;
  assert.equal(ownWordsNaming(["mm/foo.c:13:2: error: 'foo_bar' undeclared"], m), null);
  assert.equal(ownWordsNaming(['Call Trace:\n foo_bar+0x1c/0x80\n do_fault+0x40/0x90'], m), null);
  assert.match(ownWordsNaming(['Hello.', 'Maybe foo_bar() should drop the lock first?'], m) ?? '', /should drop the lock/);
  assert.equal(ownWordsNaming(['Alice Dev (2):\n  mm: split foo_bar()\n  mm: rename baz'], m), null, 'a cover letter shortlog lists titles');
  assert.equal(ownWordsNaming([' mm/foo_bar | 12 ++++--'], /foo_bar/), null, 'a diffstat');
});
