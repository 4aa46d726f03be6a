import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { attributeQuotes, type Ancestor } from '../../src/mail/quotes/index.js';

/** The lines of a corpus page after the first line matching `after`, up to the next `before`. */
function corpusBody(file: string, after: RegExp, before: RegExp): string {
  const lines = readFileSync(new URL(`../../corpora/${file}`, import.meta.url), 'utf8').split('\n');
  const start = lines.findIndex((l) => after.test(l)) + 1;
  const end = lines.findIndex((l, i) => i >= start && before.test(l));
  return lines.slice(start, end).join('\n');
}

const byDepth = (rows: ReturnType<typeof attributeQuotes>['quotes'], depth: number) => rows.filter((q) => q.depth === depth);

test('seed 000: Paul (1) quoting Ingo Oeser (2) quoting Paul\'s patch (3), resolved up the thread', () => {
  const text = corpusBody('000_52fa4d23242dca54.txt', /^Content-Disposition: inline/, /^--=_courier/);
  const ancestry: Ancestor[] = [
    { messageId: 'paul-2', authorName: 'Paul E. McKenney', authorEmail: 'paulmck@us.ibm.com', date: '2003-05-31T23:48:16Z' },
    { messageId: 'ingo-1', authorName: 'Ingo Oeser', authorEmail: 'ingo.oeser@informatik.tu-chemnitz.de', date: '2003-05-31T08:46:18Z' },
    { messageId: 'paul-1', authorName: 'Paul E. McKenney', authorEmail: 'paulmck@us.ibm.com', date: '2003-05-30T23:41:50Z' },
  ];
  const { quotes, edges } = attributeQuotes({ messageId: 'andrea', text }, ancestry);
  assert.deepEqual(quotes.map((q) => [q.depth, q.quotedAuthorName, q.quotedMessageId]), [
    [3, 'Paul E. McKenney', 'paul-1'],
    [2, 'Ingo Oeser', 'ingo-1'],
    [1, 'Paul E. McKenney', 'paul-2'],
  ]);
  const patch = byDepth(quotes, 3)[0];
  assert.match(patch.quotedText, /ia32_install_shared_page/);
  assert.match(patch.attribution!, /Fri, May 30, 2003 at 04:41:50PM -0700, Paul E\. McKenney wrote:/);
  // Andrea answers Paul's last quoted paragraph.
  const paul = byDepth(quotes, 1)[0];
  assert.match(paul.replyText!, /^it's a performance microoptimization issue/);
  const answer = edges.find((e) => e.quoteOrdinal === paul.ordinal && e.reply.depth === 0)!;
  assert.match(answer.quoted.text, /^Or is this a performance issue/);
  assert.match(answer.reply.text, /^it's a performance microoptimization/);
  // Inside the quotes: Paul's "Interesting point" answers Ingo's last paragraph.
  const inner = edges.find((e) => e.reply.depth === 1)!;
  assert.match(inner.reply.text, /^Interesting point/);
  assert.match(inner.quoted.text, /^If we just need it for accounting/);
});

test('seed 000 without ancestry: the attribution lines still name the authors, messages unknown', () => {
  const text = corpusBody('000_52fa4d23242dca54.txt', /^Content-Disposition: inline/, /^--=_courier/);
  const { quotes } = attributeQuotes({ messageId: 'andrea', text });
  assert.deepEqual(quotes.map((q) => [q.depth, q.quotedAuthorName, q.quotedMessageId, q.resolution]), [
    [3, 'Paul E. McKenney', null, 'attribution'],
    [2, 'Ingo Oeser', null, 'attribution'],
    [1, 'Paul E. McKenney', null, 'attribution'],
  ]);
});

test('seed 003: Matthew Wilcox at depth 1, Peter Zijlstra at depth 2, unattributed depth 3 from the thread', () => {
  const text = corpusBody('003_488de8a7248cdedf.txt', /^\[Date Prev\]/, /^\[Index of Archives\]/);
  const { quotes } = attributeQuotes({ messageId: 'peterz-2', text }, [
    { messageId: 'willy-2', authorName: 'Matthew Wilcox', authorEmail: 'willy@infradead.org', date: '2020-02-06T20:15:36Z' },
    { messageId: 'peterz-1', authorName: 'Peter Zijlstra', authorEmail: 'peterz@infradead.org', date: '2020-02-06T13:59:20Z' },
    { messageId: 'willy-1', authorName: 'Matthew Wilcox', authorEmail: 'willy@infradead.org', date: '2020-02-05T10:00:00Z' },
  ]);
  assert.deepEqual(byDepth(quotes, 1).map((q) => q.quotedAuthorName), ['Matthew Wilcox', 'Matthew Wilcox', 'Matthew Wilcox']);
  assert.deepEqual(byDepth(quotes, 2).map((q) => q.quotedAuthorName), ['Peter Zijlstra']);
  const deepest = byDepth(quotes, 3)[0];
  assert.equal(deepest.quotedMessageId, 'willy-1');
  assert.equal(deepest.resolution, 'ancestry');
  assert.equal(deepest.attribution, null);
  // Interleaved: every depth-1 quote has the new prose beneath it.
  assert.deepEqual(byDepth(quotes, 1).map((q) => q.replyText?.split('\n')[0]), [
    'So far so good,...',
    'call_srcu(), and the (s)rcu callback will then fput() and such things',
    'If you look at the earlier speculative page-fault patches by Laurent,',
  ]);
});

test('seed 002: Jerome Glisse answering Jan Kara, who quotes Jerome', () => {
  const text = corpusBody('002_cf02ac1430d7df9c.txt', /^In-Reply-To:/, /^\s+reply\s+other threads/);
  const { quotes } = attributeQuotes({ messageId: '20181212150319.GA3432@redhat.com', text }, [
    { messageId: '20181210102846.GC29289@quack2.suse.cz', authorName: 'Jan Kara', authorEmail: 'jack@suse.cz', date: '2018-12-10T10:28:46Z' },
    { messageId: 'hubbard', authorName: 'John Hubbard', authorEmail: 'jhubbard@nvidia.com', date: '2018-12-08T00:52:00Z' },
    { messageId: 'glisse', authorName: 'Jérôme Glisse', authorEmail: 'jglisse@redhat.com', date: '2018-12-08T02:24:46Z' },
  ]);
  assert.deepEqual(quotes.map((q) => [q.depth, q.quotedAuthorName, q.quotedMessageId]), [
    [2, 'Jerome Glisse', 'glisse'],
    [1, 'Jan Kara', '20181210102846.GC29289@quack2.suse.cz'],
  ]);
});

test('seed 001: Martin Wirth quoting Ingo Molnar by "Name <address> wrote:"', () => {
  const text = corpusBody('001_524799ead2cdd84c.txt', /^\s+To: linux-kernel, Ingo Molnar, Linus Torvalds/, /^\^ permalink/);
  const { quotes } = attributeQuotes({ messageId: 'wirth', text }, []);
  assert.equal(quotes.length, 1);
  assert.equal(quotes[0].quotedAuthorName, 'Ingo Molnar');
  assert.equal(quotes[0].quotedAuthorEmail, 'mingo@elte.hu');
  assert.match(quotes[0].quotedText, /^sigh\. And we cannot even properly detect/);
  assert.match(quotes[0].replyText!, /^Maybe you can resurrect your approach/);
});

test('an attribution naming nobody leaves the author unknown, even when the thread knows the parent', () => {
  const text = 'On Tue, Oct 13, 2020 at 12:59 PM wrote:\n> the quoted words\n\nmy answer';
  const result = attributeQuotes({ messageId: 'm', text }, [
    { messageId: 'p', authorName: 'Linus Torvalds', authorEmail: 'torvalds@linux-foundation.org', date: null },
  ]);
  assert.equal(result.quotes[0].quotedAuthorName, null);
  assert.equal(result.quotes[0].quotedMessageId, null);
  assert.equal(result.quotes[0].resolution, 'unresolved');
  assert.equal(result.problems.length, 1);
});

test('top-posted replies answer the quote below; bad input yields nothing', () => {
  const text = 'Agreed, ship it.\n\nOn Mon, Dec 10, 2018 at 11:28:46AM +0100, Jan Kara wrote:\n> Shall we merge this?';
  const { edges } = attributeQuotes({ messageId: 'm', text }, []);
  assert.deepEqual(edges.map((e) => [e.placement, e.reply.text, e.quoted.text]), [['top-posted', 'Agreed, ship it.', 'Shall we merge this?']]);
  const empty = attributeQuotes(null as unknown as { messageId: string; text: string }, null as unknown as Ancestor[]);
  assert.deepEqual(empty, { quotes: [], edges: [], problems: [] });
});
