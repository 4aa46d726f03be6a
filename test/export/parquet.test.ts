import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runIngest } from '../../src/cli/run-ingest.js';
import { openReadOnly } from '../../src/store/open.js';
import { exportParquet } from '../../src/export/parquet.js';
import { openExport, runNamedQueryOnExport, translate } from '../../src/export/duckdb-queries.js';
import { listQueries, runNamedQuery } from '../../src/query/named.js';
import { tempDir } from '../sources/helpers.js';
import { makeTwoEpochInbox } from '../shards/fixture.js';
import { parameterSets } from '../shards/same-rows.js';

/** Columns made by group_concat, whose order neither SQLite nor DuckDB defines: compared as sets. */
const LISTS = new Set(['reviewed_by', 'reviews', 'how', 'models_fn', 'files', 'symbols', 'verdicts']);

function comparable(rows: Record<string, unknown>[]): string[] {
  return rows.map((row) => JSON.stringify(Object.fromEntries(Object.entries(row).map(([k, v]) =>
    [k, LISTS.has(k) && typeof v === 'string' ? v.split(',').map((s) => s.trim()).sort().join(',') : v])))).sort();
}

test('the export is a folder per table, partitioned by list and epoch, and every named query gives the same rows on DuckDB', async (t) => {
  const work = tempDir(t);
  const inbox = makeTwoEpochInbox(work);
  const file = join(work, 'one.db');
  await runIngest(file, [inbox]);
  const db = openReadOnly(file);
  t.after(() => db.close());
  const out = join(work, 'parquet');
  const summary = await exportParquet(db, out);

  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'messages_fts_%'").pluck().all() as string[];
  assert.deepEqual(summary.tables.map((x) => x.table).sort(), [...tables].sort());
  for (const table of tables) assert.ok(existsSync(join(out, table)), `a folder for ${table}`);
  assert.deepEqual(readdirSync(join(out, 'messages')).sort(), ['list=linux-mm', 'list=none']); // 'none': the stub nobody has
  assert.deepEqual(readdirSync(join(out, 'messages', 'list=linux-mm')).sort(), ['epoch=0', 'epoch=1']);
  assert.ok(existsSync(join(out, 'people', 'data.parquet')));
  assert.equal(summary.tables.find((x) => x.table === 'messages')?.rows, db.prepare('SELECT count(*) FROM messages').pluck().get());

  const { connection, close } = await openExport(out);
  t.after(close);
  // The epoch of each message is where its first copy was read: the re-sent one stays in epoch 0.
  const epochs = await connection.runAndReadAll("SELECT message_id, epoch FROM messages WHERE message_id IN ('lone@x', 'r2@x') ORDER BY message_id");
  assert.deepEqual(epochs.getRowObjectsJS(), [{ message_id: 'lone@x', epoch: 0n }, { message_id: 'r2@x', epoch: 1n }]);

  const sets = parameterSets(db);
  let compared = 0;
  for (const query of listQueries()) {
    for (const values of sets.get(query.name) ?? []) {
      const expected = runNamedQuery(db, query, values);
      const actual = await runNamedQueryOnExport(connection, query, values);
      assert.deepEqual(comparable(actual), comparable(expected), `${query.name} ${JSON.stringify(values)}`);
      if (expected.length > 0) compared++;
    }
  }
  assert.ok(compared > 40, `queries that found rows: ${compared}`);
});

test('translating a named query for DuckDB changes parameters and LIKE only outside strings and comments', () => {
  assert.equal(translate("-- :fn LIKE x\nSELECT ':fn', a FROM t WHERE b LIKE :fn ESCAPE '\\' AND c = :message_id"),
    "-- :fn LIKE x\nSELECT ':fn', a FROM t WHERE b ILIKE $fn ESCAPE '\\' AND c = $message_id");
});
