// The post-threading quote pass on a tiny hand-made thread: ancestry gives authors, an
// attribution naming nobody leaves the author null, and a second run redoes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/corpus.js';
import { ingest } from '../../src/ingest/ingest.js';
import { attributePendingQuotes } from '../../src/passes/quote-pass.js';
import { openDatabase } from '../../src/store/open.js';

const mail = (id: string, from: string, parent: string | null, body: string) =>
  [`From: ${from}`, `Message-ID: <${id}>`, 'Subject: Re: nopage vs truncate', 'Date: Sun, 1 Jun 2003 12:00:00 +0000',
    ...(parent ? [`In-Reply-To: <${parent}>`, `References: <${parent}>`] : []), '', body, ''].join('\n');

test('quotes: authors from the thread, unresolvable attribution stays unknown, incremental', async () => {
  const dir = tempDir();
  try {
    writeFileSync(join(dir.path, '1.eml'), mail('a@x', 'Paul <paul@x.org>', null, 'Make ->nopage take the vma.\n'));
    writeFileSync(join(dir.path, '2.eml'), mail('b@x', 'Ingo <ingo@x.org>', 'a@x', '> Make ->nopage take the vma.\n\nWhy pass mm at all?\n'));
    writeFileSync(join(dir.path, '3.eml'), mail('c@x', 'Andrea <andrea@x.org>', 'b@x',
      'On Sat, May 31, 2003 at 10:46:18AM +0200, wrote:\n> Why pass mm at all?\n>\n> > Make ->nopage take the vma.\n\nPerformance.\n'));
    const db = openDatabase(join(dir.path, 'g.db'));
    await ingest(db, ['1.eml', '2.eml', '3.eml'].map((f) => join(dir.path, f)), { jobs: 0 });
    const rows = db.prepare(`SELECT message_id, depth, quoted_author_name AS name, quoted_author AS person, quoted_message_id AS quoted, reply_text AS reply
      FROM quotes ORDER BY message_id, ordinal`).all() as Array<Record<string, unknown>>;
    const paulId = db.prepare("SELECT id FROM people WHERE email = 'paul@x.org'").pluck().get();
    assert.deepEqual(rows[0], { message_id: 'b@x', depth: 1, name: 'Paul', person: paulId, quoted: 'a@x', reply: 'Why pass mm at all?' });
    // The attribution names nobody: depth 1 unknown, never guessed from the thread.
    assert.equal(rows[1]!.message_id, 'c@x');
    assert.equal(rows[1]!.name, null);
    assert.equal(rows[1]!.person, null);
    const problems = db.prepare("SELECT count(*) FROM ingest_errors WHERE message_id = 'c@x' AND error LIKE 'quotes:%'").pluck().get();
    assert.equal(problems, 1);
    assert.equal(attributePendingQuotes(db).messages, 0, 'nothing left to do on a second pass');
    db.close();
  } finally {
    dir.cleanup();
  }
});

test('a run stopped before its passes: the next run over the same input does them', async () => {
  const dir = tempDir();
  try {
    writeFileSync(join(dir.path, '1.eml'), mail('a@x', 'Paul <paul@x.org>', null, 'Make ->nopage take the vma.\n'));
    writeFileSync(join(dir.path, '2.eml'), mail('b@x', 'Ingo <ingo@x.org>', 'a@x', '> Make ->nopage take the vma.\n\nWhy pass mm at all?\n'));
    const files = ['1.eml', '2.eml'].map((f) => join(dir.path, f));
    const db = openDatabase(join(dir.path, 'g.db'));
    await ingest(db, files, { jobs: 0 });
    const done = db.prepare('SELECT message_id, parent_message_id, thread, depth FROM messages ORDER BY message_id').all();
    // As the database is left when a run is killed after its last commit, before the passes.
    db.exec("UPDATE messages SET thread = NULL, depth = NULL; DELETE FROM quotes; INSERT INTO quote_pending VALUES ('b@x')");

    const again = await ingest(db, files, { jobs: 0 });
    assert.equal(again.new, 0);
    assert.equal(again.passes.threads?.rows, 2);
    assert.deepEqual(db.prepare('SELECT message_id, parent_message_id, thread, depth FROM messages ORDER BY message_id').all(), done);
    assert.equal(db.prepare('SELECT count(*) FROM quotes').pluck().get(), 1);
    assert.equal(db.prepare('SELECT count(*) FROM quote_pending').pluck().get(), 0);
    // Nothing left over: an unchanged run does no pass at all.
    assert.deepEqual((await ingest(db, files, { jobs: 0 })).passes, {});
    db.close();
  } finally {
    dir.cleanup();
  }
});

test('an ingest told to leave the passes out stores the messages only; the next ingest finds the passes left over and runs them', async () => {
  const dir = tempDir();
  try {
    writeFileSync(join(dir.path, '1.eml'), mail('a@x', 'Paul <paul@x.org>', null, 'Make ->nopage take the vma.\n'));
    writeFileSync(join(dir.path, '2.eml'), mail('b@x', 'Ingo <ingo@x.org>', 'a@x', '> Make ->nopage take the vma.\n\nWhy pass mm at all?\n'));
    const files = [join(dir.path, '1.eml'), join(dir.path, '2.eml')];
    const db = openDatabase(join(dir.path, 'g.db'));
    const first = await ingest(db, files, { jobs: 0, passes: false });
    assert.equal(first.new, 2);
    assert.deepEqual(first.passes, {});
    assert.equal(db.prepare('SELECT count(*) FROM messages WHERE thread IS NOT NULL').pluck().get(), 0);
    const second = await ingest(db, files, { jobs: 0 });
    assert.equal(second.new, 0);
    assert.equal(second.passes.threads?.rows, 2);
    assert.equal(db.prepare('SELECT count(DISTINCT thread) FROM messages').pluck().get(), 1);
    assert.equal(db.prepare('SELECT count(*) FROM quotes').pluck().get(), 1);
    db.close();
  } finally {
    dir.cleanup();
  }
});
