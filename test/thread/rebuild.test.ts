// The threading pass places the groups of the graph that hold a new or changed message, and
// rewrites only the message rows whose place changed: an unchanged graph is left as it is
// (each rewrite costs a row write and its index updates, on every later ingest).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rebuildThreads } from '../../src/passes/thread-pass.js';
import { corpusDb } from '../helpers/corpus.js';

test('rebuilding an unchanged graph rewrites no message row; a wrong place is put right', async () => {
  const { db, cleanup } = await corpusDb();
  try {
    db.exec(`CREATE TEMP TABLE rewritten(message_id TEXT);
      CREATE TEMP TRIGGER count_rewrites AFTER UPDATE ON messages BEGIN INSERT INTO rewritten VALUES (new.message_id); END;`);
    const places = () => db.prepare('SELECT message_id, parent_message_id, thread, depth, thread_position FROM messages ORDER BY message_id').all();
    const threads = () => db.prepare('SELECT * FROM threads ORDER BY id').all();
    const before = { places: places(), threads: threads() };
    assert.ok(before.threads.length >= 5);

    rebuildThreads(db);
    assert.equal(db.prepare('SELECT count(*) FROM rewritten').pluck().get(), 0);
    assert.deepEqual({ places: places(), threads: threads() }, before);

    const moved = db.prepare('SELECT message_id FROM messages WHERE depth > 0 LIMIT 1').pluck().get() as string;
    db.prepare('UPDATE messages SET depth = 99, thread = NULL WHERE message_id = ?').run(moved);
    db.exec('DELETE FROM rewritten');
    rebuildThreads(db);
    assert.deepEqual(db.prepare('SELECT message_id FROM rewritten').pluck().all(), [moved]);
    assert.deepEqual({ places: places(), threads: threads() }, before);
  } finally {
    cleanup();
  }
});
