// The discussion graph on the bundled seed corpus: quotes and their authors, mentions in new
// prose, the thread tree, the queries and search — through the library and the built CLI.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { corpusDb, lorelab } from '../helpers/corpus.js';
import { search } from '../../src/query/search.js';
import { findQuery, runNamedQuery } from '../../src/query/named.js';
import { loadThread, formatThread } from '../../src/cli/commands/thread.js';
import type { DB } from '../../src/store/open.js';

let db: DB;
let path: string;
let cleanup: () => void;
before(async () => ({ db, path, cleanup } = await corpusDb()));
after(() => cleanup());

const ANDREA = 'lorelab.07ddcd1fb4aff8095ea3@page.invalid';
const JEROME = '20181212150319.GA3432@redhat.com';

test("seed 000: Andrea quotes Paul (1), who quotes Ingo (2), who quotes Paul's patch (3)", () => {
  const quotes = db.prepare('SELECT depth, quoted_author_name AS author, quoted_text AS text, reply_text AS reply FROM quotes WHERE message_id = ? ORDER BY depth')
    .all(ANDREA) as Array<{ depth: number; author: string | null; text: string; reply: string | null }>;
  assert.deepEqual(quotes.map((q) => [q.depth, q.author]), [[1, 'Paul E. McKenney'], [2, 'Ingo Oeser'], [3, 'Paul E. McKenney']]);
  assert.match(quotes[2]!.text, /ia32_install_shared_page/);
  assert.match(quotes[0]!.reply ?? '', /performance microoptimization/);
  const quotedDiff = db.prepare("SELECT depth FROM segments WHERE message_id = ? AND kind = 'diff' AND depth = 3").all(ANDREA);
  assert.equal(quotedDiff.length, 1);
});

test("seed 000: Andrea's new prose talks about nopage and truncate; quoted words are not his", () => {
  const prose = db.prepare("SELECT symbol FROM mentions WHERE message_id = ? AND place = 'prose'").pluck().all(ANDREA) as string[];
  assert.ok(prose.includes('nopage'), prose.join(','));
  assert.ok(!prose.includes('do_anonymous_page'), 'do_anonymous_page is only quoted');
  const fts = db.prepare('SELECT prose FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid WHERE m.message_id = ?').pluck().get(ANDREA) as string;
  assert.match(fts, /truncate/);
  assert.doesNotMatch(fts, /Why do we always pass mm and vma down/, 'quotes stay out of the index');
  const discussed = runNamedQuery(db, findQuery('discussed'), { fn: 'nopage' });
  assert.ok(discussed.some((r) => r.message_id === ANDREA && r.place === 'prose'));
});

test('seed 002: one tree of the overview, Jerome at depth 14, replies and participants', () => {
  const entries = loadThread(db, JEROME);
  assert.ok(entries.length >= 213, `${entries.length} entries`);
  assert.equal(entries.find((e) => e.messageId === JEROME)?.depth, 14);
  assert.ok(entries.some((e) => e.stub === 'overview'));
  const text = formatThread(entries, JEROME);
  assert.match(text, /^\* {28}Jerome Glisse {2}2018-12-12 {2}<20181212150319\.GA3432@redhat\.com>$/m);
  assert.match(text, /\(not archived, from the overview\)/);
  const answered = runNamedQuery(db, findQuery('replies-to'), { message_id: '20181210102846.GC29289@quack2.suse.cz' });
  assert.deepEqual(answered.map((r) => [r.reply, r.depth]), [[JEROME, 1]]);
  const people = runNamedQuery(db, findQuery('participants'), { thread: JEROME });
  assert.equal(people[0]?.person, 'Jerome Glisse');
  assert.ok(people.length > 5);
});

test('search: words, phrases and each prefix', () => {
  const ids = (q: string) => search(db, q).map((h) => h.messageId);
  assert.deepEqual(ids('truncate nopage'), [ANDREA]);
  assert.ok(ids('s:"always passing"').includes(ANDREA));
  assert.ok(ids('f:arcangeli').includes(ANDREA));
  assert.ok(!ids('f:arcangeli d:2004-01-01..').includes(ANDREA));
  assert.ok(ids('d:2003-06-01..2003-06-01').includes(ANDREA));
  assert.ok(ids('dfn:mm/memory.c').includes(ANDREA));
  assert.ok(ids('fn:vmtruncate').includes(ANDREA));
  assert.ok(!ids('fn:vmtruncate f:glisse').includes(ANDREA));
  assert.throws(() => search(db, 'foo AND'), /bad search query/);
  assert.throws(() => search(db, 'd:2003-13-40'), /bad date range/);
});

test('CLI: thread, search and show print for people; bad queries exit 2 with one line', () => {
  const thread = lorelab(['--db', path, 'thread', JEROME]);
  assert.equal(thread.status, 0, thread.stderr);
  assert.match(thread.stdout, /Jerome Glisse/);
  const found = lorelab(['--db', path, 'search', '"truncate" nopage', '--json']);
  assert.equal(found.status, 0, found.stderr);
  assert.equal((JSON.parse(found.stdout) as Array<{ messageId: string }>)[0]?.messageId, ANDREA);
  const bad = lorelab(['--db', path, 'search', 'foo AND']);
  assert.equal(bad.status, 2);
  assert.equal(bad.stderr.trim().split('\n').length, 1);
  const shown = lorelab(['--db', path, 'show', ANDREA]);
  assert.match(shown.stdout, /Quote 2 \(depth 2\) — Ingo Oeser\n {2}> > Why do we always pass/);
  assert.match(shown.stdout, /reply:\n {4}it's a performance microoptimization/);
});
