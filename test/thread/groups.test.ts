// Threading by independent groups (src/passes/thread-groups.ts, thread-pass.ts): what shares a group,
// that only groups with something new are threaded, that batches change nothing, and that a
// deleted message's thread is threaded again. Real .eml files, a real SQLite file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingest } from '../../src/ingest/ingest.js';
import { DisjointSets } from '../../src/passes/disjoint-sets.js';
import { planThreadGroups } from '../../src/passes/thread-groups.js';
import { rebuildThreads } from '../../src/passes/thread-pass.js';
import { createWriter } from '../../src/store/writer.js';
import { openDatabase, type DB } from '../../src/store/open.js';
import { tempDir } from '../helpers/corpus.js';

const SUBJECT = '[PATCH] mm: close the truncate and nopage race';

function eml(dir: string, id: string, headers: string, day: number): string {
  const path = join(dir, `${id}.eml`);
  writeFileSync(path, `From: ${id.toUpperCase()} <${id}@example.org>\nMessage-ID: <${id}@example.org>\n` +
    `Date: Mon, ${day} Mar 2003 10:00:00 +0000\n${headers}\n\nText of ${id}.\n`);
  return path;
}

async function archive(): Promise<{ db: DB; dir: string; cleanup: () => void }> {
  const dir = tempDir();
  const files = [
    eml(dir.path, 'a1', `Subject: ${SUBJECT}`, 3),
    eml(dir.path, 'a2', `Subject: Re: ${SUBJECT}\nIn-Reply-To: <a1@example.org>`, 4),
    eml(dir.path, 'a3', `Subject: Re: ${SUBJECT}\nReferences: <a1@example.org> <a2@example.org>`, 5),
    // No In-Reply-To, no References: joins a1 by its subject.
    eml(dir.path, 'o1', `Subject: Re: ${SUBJECT}`, 6),
    eml(dir.path, 'b1', 'Subject: fork and futex wakeups', 7),
    eml(dir.path, 'b2', 'Subject: Re: fork and futex wakeups\nReferences: <gone@example.org> <b1@example.org>', 8),
    eml(dir.path, 'c1', 'Subject: an unrelated question', 9),
  ];
  const db = openDatabase(join(dir.path, 'graph.db'));
  await ingest(db, files, { jobs: 0 });
  return { db, dir: dir.path, cleanup: () => { db.close(); dir.cleanup(); } };
}

const rowOf = (db: DB, id: string) => db.prepare('SELECT id FROM messages WHERE message_id = ?').pluck().get(`${id}@example.org`) as number;
const groupOf = (db: DB, id: string) =>
  db.prepare('SELECT grp FROM temp.thread_groups WHERE row = ?').pluck().get(rowOf(db, id)) as number | undefined;
const places = (db: DB) =>
  db.prepare(`SELECT m.message_id, m.parent_message_id, t.root_message_id, m.depth, m.thread_position
      FROM messages m LEFT JOIN threads t ON t.id = m.thread ORDER BY m.message_id`).all();

test('DisjointSets: unions are transitive, a set is named by its smallest row, rows grow on demand', () => {
  const sets = new DisjointSets();
  sets.union(5000, 7);
  sets.union(7, 3000);
  sets.union(12, 13);
  assert.equal(sets.find(3000), 7);
  assert.equal(sets.find(5000), 7);
  assert.equal(sets.find(13), 12);
  assert.notEqual(sets.find(12), sets.find(7));
  assert.equal(sets.find(99_999), 99_999);
});

test('groups: links, a placeholder and a subject join share a group; unrelated threads do not', async () => {
  const { db, cleanup } = await archive();
  try {
    const plan = planThreadGroups(db, { all: true });
    assert.equal(plan.groups, 3);
    assert.equal(groupOf(db, 'a2'), groupOf(db, 'a1'));
    assert.equal(groupOf(db, 'o1'), groupOf(db, 'a1'), 'the headerless reply is grouped with its subject root');
    assert.equal(groupOf(db, 'gone'), groupOf(db, 'b1'), 'the missing message has a row, in its thread');
    assert.notEqual(groupOf(db, 'b1'), groupOf(db, 'a1'));
    assert.notEqual(groupOf(db, 'c1'), groupOf(db, 'a1'));
    // Threading put o1 under a1 through the subject fallback, and recorded it.
    assert.equal(db.prepare('SELECT parent_message_id FROM messages WHERE message_id = ?').pluck().get('o1@example.org'), 'a1@example.org');
    assert.equal(db.prepare("SELECT count(*) FROM ingest_errors WHERE error LIKE 'subject-join%'").pluck().get(), 1);
    // A thread's id is its root's row.
    assert.equal(db.prepare('SELECT thread FROM messages WHERE message_id = ?').pluck().get('a3@example.org'), rowOf(db, 'a1'));

    assert.equal(planThreadGroups(db).groups, 0, 'nothing unplaced: nothing to thread');
  } finally {
    cleanup();
  }
});

test('a new reply threads its own group only: other threads are not read for threading or rewritten', async () => {
  const { db, dir, cleanup } = await archive();
  try {
    const threadOfB = db.prepare('SELECT thread FROM messages WHERE message_id = ?').pluck().get('b2@example.org');
    db.exec(`CREATE TEMP TABLE rewritten(message_id TEXT);
      CREATE TEMP TRIGGER count_rewrites AFTER UPDATE ON messages BEGIN INSERT INTO rewritten VALUES (new.message_id); END;`);
    const reply = eml(dir, 'a4', `Subject: Re: ${SUBJECT}\nIn-Reply-To: <a3@example.org>\nReferences: <a1@example.org> <a2@example.org>`, 10);
    await ingest(db, [reply], { jobs: 0 });

    const rewritten = db.prepare('SELECT DISTINCT message_id FROM rewritten ORDER BY 1').pluck().all() as string[];
    // a4 gets its place under a3, and o1 (a later sibling of a2's subtree) moves one position on.
    assert.deepEqual(rewritten, ['a4@example.org', 'o1@example.org']);
    assert.equal(db.prepare('SELECT thread_position FROM messages WHERE message_id = ?').pluck().get('o1@example.org'), 4);
    assert.deepEqual(db.prepare('SELECT parent_message_id, thread, depth FROM messages WHERE message_id = ?').get('a4@example.org'),
      { parent_message_id: 'a3@example.org', thread: rowOf(db, 'a1'), depth: 3 });
    assert.equal(db.prepare('SELECT thread FROM messages WHERE message_id = ?').pluck().get('b2@example.org'), threadOfB);
    assert.equal(db.prepare('SELECT message_count FROM threads WHERE id = ?').pluck().get(rowOf(db, 'a1')), 5);

    // What the pass reads: one unplaced message brings in its group (a1…a4, o1), nothing else.
    db.prepare('UPDATE messages SET thread = NULL WHERE message_id = ?').run('a4@example.org');
    const pass = rebuildThreads(db);
    assert.deepEqual({ groups: pass.groups, rows: pass.rows, threads: pass.threads }, { groups: 1, rows: 5, threads: 1 });
  } finally {
    cleanup();
  }
});

test('threading in batches of one row places every message as threading all at once does', async () => {
  const { db, cleanup } = await archive();
  try {
    const before = places(db);
    db.exec('UPDATE messages SET parent_message_id = NULL, thread = NULL, depth = NULL, thread_position = NULL; DELETE FROM threads');
    const summary = rebuildThreads(db, { batchRows: 1 });
    assert.equal(summary.groups, 3);
    assert.deepEqual(places(db), before);
  } finally {
    cleanup();
  }
});

test('a deleted message leaves a stub in its place, and its thread is threaded again', async () => {
  const { db, cleanup } = await archive();
  try {
    createWriter(db).deleteMessage('a2@example.org');
    rebuildThreads(db);
    assert.deepEqual(db.prepare('SELECT is_stub, stub_origin, parent_message_id, depth FROM messages WHERE message_id = ?').get('a2@example.org'),
      { is_stub: 1, stub_origin: 'reference', parent_message_id: 'a1@example.org', depth: 1 }, 'a3 still names it');
    assert.equal(db.prepare('SELECT parent_message_id FROM messages WHERE message_id = ?').pluck().get('a3@example.org'), 'a2@example.org');
    assert.equal(db.prepare('SELECT count(*) FROM messages WHERE thread IS NULL').pluck().get(), 0);
    assert.equal(db.prepare('SELECT stub_count FROM threads WHERE id = ?').pluck().get(rowOf(db, 'a1')), 1);
  } finally {
    cleanup();
  }
});
