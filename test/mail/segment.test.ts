import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { segmentBody, parseAttributionText } from '../../src/mail/segment/index.js';

/** The lines of a corpus page between two marker lines (exclusive), as a body. */
function corpusBody(file: string, after: RegExp, before: RegExp): string {
  const lines = readFileSync(new URL(`../../corpora/${file}`, import.meta.url), 'utf8').split('\n');
  const start = lines.findIndex((l) => after.test(l)) + 1;
  const end = lines.findIndex((l, i) => i >= start && before.test(l));
  return lines.slice(start, end).join('\n');
}

test('seed 000: attributions at depths 0-2, a quoted diff at depth 3, quotes, then prose', () => {
  const body = corpusBody('000_52fa4d23242dca54.txt', /^Content-Disposition: inline/, /^--=_courier/);
  const segments = segmentBody(body);
  const summary = segments.map((s) => `${s.kind}@${s.depth}`);
  assert.deepEqual(summary, [
    'prose@0', 'attribution@0', 'attribution@1', 'attribution@2', 'diff@3', 'quote@2', 'quote@1', 'prose@0',
  ]);
  const diff = segments.find((s) => s.kind === 'diff')!;
  assert.match(diff.text, /^-struct page \*\n-ia32_install_shared_page/);
  assert.equal(diff.text.split('\n').length, 4);
  const names = segments.filter((s) => s.kind === 'attribution').map((s) => s.attribution?.name);
  assert.deepEqual(names, ['Paul E. McKenney', 'Ingo Oeser', 'Paul E. McKenney']);
  const prose = segments.filter((s) => s.kind === 'prose');
  assert.equal(prose[0].text, 'Hi Paul,');
  assert.match(prose[1].paragraphs![0].text, /^it's a performance microoptimization/);
  assert.ok(prose[1].paragraphs!.length >= 6, 'Andrea wrote several paragraphs');
  // Line numbers point back into the body.
  const bodyLines = body.split('\n');
  const q2 = segments.find((s) => s.kind === 'quote' && s.depth === 2)!;
  assert.match(bodyLines[q2.lineStart - 1], /^> > Why do we always pass mm and vma down/);
});

test('seed 004: an attribution wrapped over two lines', () => {
  const body = corpusBody('004_e43b578b4fb50cba.txt', /^\[-- Attachment #1/, /^\[-- Attachment #2/);
  const segments = segmentBody(body);
  const attribution = segments.find((s) => s.kind === 'attribution')!;
  assert.equal(attribution.lineEnd - attribution.lineStart, 1);
  assert.deepEqual(attribution.attribution, {
    name: 'Linus Torvalds', email: 'torvalds@linux-foundation.org', dateText: 'Tue, Oct 13 2020 at 12:59 PM',
  });
  assert.equal(segments.find((s) => s.kind === 'quote')?.text, 'Comments?');
});

test('attribution forms', () => {
  const cases: Array<[string, string | null, string | null]> = [
    ['Ingo Molnar  <mingo@elte.hu> wrote:', 'Ingo Molnar', 'mingo@elte.hu'],
    ['On Mon, Dec 10, 2018 at 11:28:46AM +0100, Jan Kara wrote:', 'Jan Kara', null],
    ['On 12/13/18 3:20 AM, Jason Gunthorpe wrote:', 'Jason Gunthorpe', null],
    ['Quoting Chris Wilson (2020-01-02 10:00:01):', 'Chris Wilson', null],
    ['* Peter Zijlstra <peterz@infradead.org> [2020-02-06 14:59]:', 'Peter Zijlstra', 'peterz@infradead.org'],
    ['Andrew Morton writes:', 'Andrew Morton', null],
    ['On Tue, Oct 13, 2020 at 12:59 PM <torvalds@linux-foundation.org> wrote:', null, 'torvalds@linux-foundation.org'],
    ['On Tue, Oct 13, 2020 at 12:59 PM wrote:', null, null],
    // German and Dutch clients: the verb before the name.
    ['Am Mo., 5. Dez. 2022 um 10:12 Uhr schrieb Jan Kara <jack@suse.cz>:', 'Jan Kara', 'jack@suse.cz'],
    ['Am 05.12.2022 um 10:12 schrieb Christoph Hellwig:', 'Christoph Hellwig', null],
    ['Op ma 5 dec. 2022 om 10:12 schreef Jan Kara <jack@suse.cz>:', 'Jan Kara', 'jack@suse.cz'],
  ];
  for (const [line, name, email] of cases) {
    const parsed = parseAttributionText(line);
    assert.ok(parsed, line);
    assert.equal(parsed.name, name, line);
    assert.equal(parsed.email, email, line);
  }
  assert.equal(parseAttributionText('and this is what i think you wrote:'), null);
  assert.equal(parseAttributionText('Am Ende schrieb er das so:'), null);
  assert.equal(parseAttributionText('Am 05.12.2022 um 10:12 schrieb Christoph Hellwig:')?.dateText, '05.12.2022 um 10:12');
});

test('diffs, trailers, signature, scissors and footer are cut line-wise', () => {
  const body = [
    'Please apply.', '', '-- >8 --', 'Subject: mm: fix it', '', 'Fix the *race* in #ifdef_land.', '',
    'Signed-off-by: A Person <a@example.org>', 'Reviewed-by: B Person <b@example.org>', '---',
    'diff --git a/mm/memory.c b/mm/memory.c', 'index 1234567..89abcde 100644', '--- a/mm/memory.c', '+++ b/mm/memory.c',
    '@@ -1,3 +1,3 @@', ' int a;', '', '-int b;', '+int c;', '', '-- ', '2.20.1', '',
    '-', 'To unsubscribe from this list: send the line "unsubscribe linux-kernel" in',
    'the body of a message to majordomo@vger.kernel.org',
  ].join('\n');
  const kinds = segmentBody(body).map((s) => s.kind);
  assert.deepEqual(kinds, ['prose', 'scissors', 'prose', 'trailer', 'prose', 'diff', 'signature', 'footer']);
  const diff = segmentBody(body).find((s) => s.kind === 'diff')!;
  // A context line that lost its leading space (blank) stays inside the hunk: lines are counted.
  assert.equal(diff.lineEnd - diff.lineStart + 1, 9);
});

test('markdown syntax in mail is not taken as markdown', () => {
  const body = ['# not a heading, a comment', '* not emphasis *', '', '> quoted line', 'new prose right under it'].join('\n');
  const segments = segmentBody(body);
  assert.deepEqual(segments.map((s) => `${s.kind}@${s.depth}:${s.lineStart}-${s.lineEnd}`), [
    'prose@0:1-2', 'quote@1:4-4', 'prose@0:5-5',
  ]);
  assert.equal(segments[0].text, '# not a heading, a comment\n* not emphasis *');
});

test('Outlook-style original message is a quote; bad input gives no segments', () => {
  const body = ['Sounds good.', '', '-----Original Message-----', 'From: Jan Kara <jack@suse.cz>', 'Sent: Monday', '', 'The old text.'].join('\n');
  const segments = segmentBody(body);
  assert.deepEqual(segments.map((s) => `${s.kind}@${s.depth}`), ['prose@0', 'attribution@0', 'quote@1']);
  assert.equal(segments[1].attribution?.email, 'jack@suse.cz');
  assert.deepEqual(segmentBody(''), []);
  assert.deepEqual(segmentBody(undefined as unknown as string), []);
});
