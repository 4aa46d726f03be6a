// Ingest writes in steps and commits in groups: a reader sees a group only once it is
// committed, a step that throws leaves nothing of itself, and the steps before it are kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CommitGroups } from '../../src/ingest/commit-groups.js';
import { openDatabase } from '../../src/store/open.js';
import { tempDir } from '../helpers/corpus.js';

function twoConnections() {
  const dir = tempDir();
  const path = join(dir.path, 'groups.db');
  const db = openDatabase(path);
  db.exec('CREATE TABLE rows (n INTEGER)');
  const reader = new Database(path, { readonly: true });
  const seen = () => (reader.prepare('SELECT count(*) AS n FROM rows').get() as { n: number }).n;
  const insert = db.prepare('INSERT INTO rows VALUES (?)');
  const cleanup = () => {
    reader.close();
    db.close();
    dir.cleanup();
  };
  return { db, seen, insert, cleanup };
}

test('a group commits once it holds enough messages, not before', () => {
  const { db, seen, insert, cleanup } = twoConnections();
  try {
    const groups = new CommitGroups(db, { messages: 3, ms: 60_000 });
    groups.write(1, () => insert.run(1));
    groups.write(1, () => insert.run(2));
    assert.equal(seen(), 0, 'two messages: the group is still open');
    assert.equal(db.inTransaction, true);
    groups.write(1, () => insert.run(3));
    assert.equal(seen(), 3, 'the third message commits the group');
    assert.equal(db.inTransaction, false);
    groups.write(1, () => insert.run(4));
    groups.commit();
    assert.equal(seen(), 4, 'commit() ends the open group');
  } finally {
    cleanup();
  }
});

test('an old group commits whatever it holds', () => {
  const { db, seen, insert, cleanup } = twoConnections();
  try {
    const groups = new CommitGroups(db, { messages: 1000, ms: 0 });
    groups.write(1, () => insert.run(1));
    assert.equal(seen(), 1);
  } finally {
    cleanup();
  }
});

test('a step that throws leaves nothing of itself and the steps before it are kept', () => {
  const { db, seen, insert, cleanup } = twoConnections();
  try {
    const groups = new CommitGroups(db, { messages: 1000, ms: 60_000 });
    groups.write(2, () => {
      insert.run(1);
      insert.run(2);
    });
    assert.throws(() =>
      groups.write(2, () => {
        insert.run(3);
        throw new Error('writer failed');
      }),
    /writer failed/);
    groups.commit();
    assert.equal(seen(), 2);
    assert.deepEqual(db.prepare('SELECT n FROM rows ORDER BY n').pluck().all(), [1, 2]);
  } finally {
    cleanup();
  }
});
