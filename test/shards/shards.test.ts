import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runIngest } from '../../src/cli/run-ingest.js';
import { openReadOnly } from '../../src/store/open.js';
import { databaseOfFolder, listShards, mergeShards, planShards, runShards } from '../../src/shards/index.js';
import { appendCommits, tempDir } from '../sources/helpers.js';
import { makeTwoEpochInbox } from './fixture.js';
import { namedQueryAnswers, parameterSets, tableRows } from './same-rows.js';

async function shardAndMerge(dir: string, inbox: string, parallel = 2) {
  const jobs = await planShards(dir, [inbox], { jobs: parallel, analysisJobs: 0 });
  const run = await runShards(dir, jobs, parallel);
  assert.deepEqual(run.failures, []);
  return { run, merged: await mergeShards(dir, listShards(dir).shards) };
}

function withoutMeta(rows: Record<string, unknown[]>): Record<string, unknown[]> {
  const { meta, ...rest } = rows;
  return { ...rest, meta: (meta as Array<{ key: string }>).filter((r) => r.key === 'schema_version' || r.key === 'link_fingerprint') };
}

test('a shard folder answers every named query exactly as one database of the same inbox', async (t) => {
  const work = tempDir(t);
  const inbox = makeTwoEpochInbox(work);
  const single = join(work, 'one.db');
  await runIngest(single, [inbox]);
  const dir = join(work, 'shards');
  const { run, merged } = await shardAndMerge(dir, inbox);
  assert.deepEqual(run.results.map((r) => [r.epoch, r.outcome, r.summary.new]), [[0, 'built', 7], [1, 'built', 5]]);
  assert.equal(merged.duplicateCount, 1);
  assert.equal(merged.duplicates[0]?.messageId, 'lone@x');
  assert.equal(merged.deleted, 1, "epoch 1's removal of a message epoch 0 stored");

  const one = openReadOnly(single);
  const sharded = openReadOnly(databaseOfFolder(dir));
  t.after(() => { one.close(); sharded.close(); });
  // The thread begun in epoch 0 and answered in epoch 1 is one thread.
  const threadOf = (db: Database.Database, id: string) => db.prepare('SELECT thread FROM messages WHERE message_id = ?').pluck().get(id);
  assert.equal(threadOf(sharded, 'r2@x'), threadOf(sharded, 'cover@x'));
  assert.equal(sharded.prepare("SELECT quoted_message_id FROM quotes WHERE message_id = 'r2@x'").pluck().get(), 'r1@x');
  assert.equal(sharded.prepare("SELECT count(*) FROM trailers WHERE in_reply = 1 AND message_id = 'rev@x'").pluck().get(), 2);
  assert.equal(sharded.prepare("SELECT name FROM people WHERE email = 'ann@example.org'").pluck().get(), 'Ann B. Author');

  const sets = parameterSets(one);
  const expected = namedQueryAnswers(one, sets);
  assert.ok(Object.values(expected).filter((rows) => rows.length > 0).length > 40, 'the queries find something');
  assert.deepEqual(namedQueryAnswers(sharded, sets), expected);
  assert.deepEqual(withoutMeta(tableRows(sharded)), withoutMeta(tableRows(one)));
  // The shards ran no passes of their own (the merge runs them over the whole graph): no
  // message placed in a thread, no quote found.
  for (const shard of listShards(dir).shards) {
    const own = new Database(shard.file, { readonly: true });
    assert.equal(own.prepare('SELECT count(*) FROM messages WHERE thread IS NOT NULL').pluck().get(), 0, shard.file);
    assert.equal(own.prepare('SELECT count(*) FROM quotes').pluck().get(), 0, shard.file);
    own.close();
  }
});

test('a shard killed mid-write is never read and is redone; new commits update only their shard', async (t) => {
  const work = tempDir(t);
  const inbox = makeTwoEpochInbox(work);
  const dir = join(work, 'shards');
  await shardAndMerge(dir, inbox);
  const before = listShards(dir).shards.map((s) => s.generation);

  // A first build killed half-way leaves only a .partial file: nobody reads it, the next run starts it over.
  renameSync(join(dir, 'linux-mm.1.shard.db'), join(dir, 'linux-mm.1.shard.db.partial'));
  assert.throws(() => databaseOfFolder(dir), /linux-mm\.1\.shard\.db\.partial is unfinished/);
  // An update killed half-way leaves the shard marked 'writing'.
  const zero = new Database(join(dir, 'linux-mm.0.shard.db'));
  zero.prepare("UPDATE meta SET value = 'writing' WHERE key = 'shard_state'").run();
  zero.close();
  assert.throws(() => databaseOfFolder(dir), /linux-mm\.0\.shard\.db.*unfinished/);

  appendCommits(join(inbox, 'git', '1.git'), [{ write: { m: 'From: E <e@example.org>\nSubject: late\nMessage-ID: <late@x>\n\nLate.\n' } }]);
  const { run } = await shardAndMerge(dir, inbox);
  assert.deepEqual(run.results.map((r) => [r.epoch, r.outcome, r.summary.new]), [[0, 'unchanged', 0], [1, 'built', 6]]);
  assert.ok(!readdirSync(dir).some((n) => n.endsWith('.partial')));
  const after = listShards(dir).shards.map((s) => s.generation);
  assert.equal(after[0], before[0]);
  assert.notEqual(after[1], before[1]);
  const merged = openReadOnly(databaseOfFolder(dir));
  t.after(() => merged.close());
  assert.equal(merged.prepare("SELECT count(*) FROM messages WHERE message_id = 'late@x'").pluck().get(), 1);
});

test('a merged database older than its shards, or a shard of another schema version, is refused by name', async (t) => {
  const work = tempDir(t);
  const inbox = makeTwoEpochInbox(work);
  const dir = join(work, 'shards');
  await shardAndMerge(dir, inbox);
  // Shards built elsewhere and copied in: the merged database no longer covers the folder.
  const other = join(work, 'other');
  mkdirSync(other);
  const otherInbox = makeTwoEpochInbox(other, 'linux-fsdevel');
  const elsewhere = join(work, 'elsewhere');
  const jobs = await planShards(elsewhere, [otherInbox], { jobs: 1, analysisJobs: 0 });
  await runShards(elsewhere, jobs, 1);
  for (const name of readdirSync(elsewhere)) copyFileSync(join(elsewhere, name), join(dir, name));
  assert.throws(() => databaseOfFolder(dir), /built from other shards .*`lorelab ingest --shards/);
  const merged = await mergeShards(dir, listShards(dir).shards);
  assert.equal(merged.shards, 4);
  assert.ok(existsSync(databaseOfFolder(dir)));

  const shard = new Database(join(dir, 'linux-mm.1.shard.db'));
  shard.prepare("UPDATE meta SET value = '7' WHERE key = 'schema_version'").run();
  shard.close();
  assert.throws(() => listShards(dir), /shard .*linux-mm\.1\.shard\.db has schema version 7/);
});
