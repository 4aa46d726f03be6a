// After a large run the last commit's checkpoint (copying the WAL into the database file) runs
// on another thread: the commit itself copies nothing, the worker copies everything committed,
// and the writer's automatic checkpoints are back on afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commitThenCheckpointInBackground } from '../../src/store/checkpoint.js';
import { ingest } from '../../src/ingest/ingest.js';
import { openDatabase } from '../../src/store/open.js';
import { tempDir } from '../helpers/corpus.js';

test('the commit leaves the checkpoint to a worker, which copies every committed frame', async () => {
  const dir = tempDir();
  const path = join(dir.path, 'wal.db');
  const db = openDatabase(path);
  try {
    db.exec('CREATE TABLE filler (text TEXT)');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('wal_autocheckpoint = 1'); // a plain commit would checkpoint at once
    const fileBefore = statSync(path).size;
    db.exec('BEGIN');
    const insert = db.prepare('INSERT INTO filler VALUES (?)');
    for (let i = 0; i < 2000; i++) insert.run(`row ${i} `.repeat(100));
    const done = commitThenCheckpointInBackground(db, () => db.exec('COMMIT'));
    assert.equal(db.inTransaction, false, 'committed');
    assert.equal(statSync(path).size, fileBefore, 'the commit copied nothing into the file');
    assert.equal(db.pragma('wal_autocheckpoint', { simple: true }), 1, 'automatic checkpoints are back on');
    const result = await done;
    assert.ok(result && result.log > 100, `frames in the WAL: ${result?.log}`);
    assert.equal(result.checkpointed, result.log, 'every frame copied');
    assert.ok(statSync(path).size > fileBefore + 1_000_000, 'the rows are in the database file');
  } finally {
    db.close();
    dir.cleanup();
  }
});

test('a commit that throws still turns automatic checkpoints back on', () => {
  const dir = tempDir();
  const db = openDatabase(join(dir.path, 'wal.db'));
  try {
    const every = db.pragma('wal_autocheckpoint', { simple: true });
    assert.throws(() => commitThenCheckpointInBackground(db, () => { throw new Error('disk full'); }), /disk full/);
    assert.equal(db.pragma('wal_autocheckpoint', { simple: true }), every);
  } finally {
    db.close();
    dir.cleanup();
  }
});

test('ingest checkpoints in the background from the given size on, and reports it', async () => {
  const dir = tempDir();
  const archive = join(dir.path, 'list.mbox');
  const messages = Array.from({ length: 12 }, (_, i) =>
    `From dev@example.org Mon Jan  7 10:00:00 2019\nFrom: Dev <dev@example.org>\nSubject: note ${i}\n` +
    `Message-ID: <note-${i}@example.org>\nDate: Mon, 7 Jan 2019 10:00:${String(i).padStart(2, '0')} +0000\n\nBody ${i}.\n`);
  writeFileSync(archive, messages.join('\n'));
  try {
    const small = openDatabase(join(dir.path, 'small.db'));
    const below = await ingest(small, [archive], { checkpointInBackgroundFrom: 13 });
    small.close();
    assert.equal(below.new, 12);
    assert.equal(below.checkpoint, undefined, 'below the size: the writer checkpoints');

    const large = openDatabase(join(dir.path, 'large.db'));
    const above = await ingest(large, [archive], { checkpointInBackgroundFrom: 12 });
    assert.equal(above.new, 12);
    assert.ok(above.checkpoint && above.checkpoint.log > 0, 'checkpointed in the background');
    assert.equal(above.checkpoint.checkpointed, above.checkpoint.log);
    assert.equal(large.prepare('SELECT count(*) FROM messages').pluck().get(), 12);
    large.close();
  } finally {
    dir.cleanup();
  }
});
