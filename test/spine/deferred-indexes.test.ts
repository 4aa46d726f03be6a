// A first ingest drops the indexes only queries read and builds them again once its inputs are
// in: absent while messages are written, present for the passes and after; a later run keeps
// them; a run killed in between gets them back when the database is opened.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingest } from '../../src/ingest/ingest.js';
import { openDatabase } from '../../src/store/open.js';
import { DEFERRED_INDEXES, dropDeferredIndexes, missingIndexes } from '../../src/store/deferred-indexes.js';
import { tempDir } from '../helpers/corpus.js';

function mbox(dir: string, name: string, ids: number[]): string {
  const path = join(dir, name);
  writeFileSync(path, ids.map((i) =>
    `From dev@example.org Mon Jan  7 10:00:00 2019\nFrom: Dev <dev@example.org>\nSubject: [PATCH] mm: change ${i}\n` +
    `Message-ID: <c${i}@example.org>\nDate: Mon, 7 Jan 2019 10:00:00 +0000\n\nSee do_no_page().\n---\n` +
    `diff --git a/mm/memory.c b/mm/memory.c\n--- a/mm/memory.c\n+++ b/mm/memory.c\n@@ -10,3 +10,4 @@ static int do_no_page(void)\n a\n b\n+c${i}\n d\n`).join('\n'));
  return path;
}

test('a first ingest writes without the deferred indexes and has them all back for the passes', async () => {
  const dir = tempDir();
  const db = openDatabase(join(dir.path, 'first.db'));
  try {
    const whileWriting: string[][] = [];
    const atPasses: string[][] = [];
    const summary = await ingest(db, [mbox(dir.path, 'a.mbox', [1, 2, 3])], {
      batchSize: 1,
      onProgress: () => whileWriting.push(missingIndexes(db)),
      onPass: (pass, state) => { if (pass === 'threads' && state === 'start') atPasses.push(missingIndexes(db)); },
    });
    assert.equal(summary.new, 3);
    assert.ok(whileWriting.length > 1);
    assert.deepEqual(whileWriting.at(-1), [...DEFERRED_INDEXES], 'none while the messages were written');
    assert.deepEqual(atPasses, [[]], 'all back before threading');
    assert.deepEqual(missingIndexes(db), []);
    // What they serve still answers: which patches touch a symbol.
    assert.equal(db.prepare("SELECT count(*) FROM hunk_symbols WHERE symbol = 'do_no_page'").pluck().get(), 3);
    assert.equal(db.prepare('PRAGMA integrity_check').pluck().get(), 'ok');

    const later: string[][] = [];
    await ingest(db, [mbox(dir.path, 'b.mbox', [4, 5])], { batchSize: 1, onProgress: () => later.push(missingIndexes(db)) });
    assert.ok(later.every((missing) => missing.length === 0), 'a run into a filled database keeps every index');
  } finally {
    db.close();
    dir.cleanup();
  }
});

test('a run killed while the indexes were dropped gets them back when the database is opened', () => {
  const dir = tempDir();
  const path = join(dir.path, 'killed.db');
  try {
    const db = openDatabase(path);
    dropDeferredIndexes(db);
    assert.deepEqual(missingIndexes(db), [...DEFERRED_INDEXES]);
    db.close(); // as a kill leaves it
    const again = openDatabase(path);
    assert.deepEqual(missingIndexes(again), []);
    again.close();
  } finally {
    dir.cleanup();
  }
});
