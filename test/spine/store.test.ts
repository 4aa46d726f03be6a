// The graph in a real SQLite file: schema, idempotent re-ingest, stubs filled in later,
// duplicates recorded, bad input recorded without stopping the run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ingest } from '../../src/ingest/ingest.js';
import { openDatabase, openReadOnly, SCHEMA_VERSION, StoreError } from '../../src/store/open.js';
import { corporaDir, corpusDb, seed, tempDir } from '../helpers/corpus.js';
import { analyzeHere } from '../../src/ingest/analysis/pool.js';
import { completeRecord } from '../../src/ingest/analysis/analyze-mail.js';
import { createWriter } from '../../src/store/writer.js';

const TABLES = ['messages', 'message_references', 'threads', 'people', 'patches', 'patch_files', 'hunks', 'hunk_symbols', 'mentions', 'ingest_errors', 'quotes', 'trailers', 'scenarios', 'patch_scenarios', 'scenario_runs', 'sources', 'messages_fts'];

test('the schema has every table of the graph and records its version', async () => {
  const { db, cleanup } = await corpusDb();
  try {
    const names = (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table')").all() as Array<{ name: string }>).map((r) => r.name);
    for (const table of TABLES) assert.ok(names.includes(table), `table ${table}`);
    assert.equal((db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string }).value, String(SCHEMA_VERSION));
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  } finally {
    cleanup();
  }
});

test('the writing connection keeps a 32 MB page cache and checkpoints every 128 MB of WAL', () => {
  const dir = tempDir();
  try {
    const db = openDatabase(join(dir.path, 'pragmas.db'));
    assert.equal(db.pragma('cache_size', { simple: true }), -32768);
    assert.equal(db.pragma('wal_autocheckpoint', { simple: true }), 32768);
    assert.equal(db.pragma('page_size', { simple: true }), 4096);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    db.close();
  } finally {
    dir.cleanup();
  }
});

test('a database of another schema version is refused with advice', () => {
  const dir = tempDir();
  try {
    const path = join(dir.path, 'old.db');
    const old = new Database(path);
    old.exec("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT); INSERT INTO meta VALUES ('schema_version', '999')");
    old.close();
    assert.throws(() => openDatabase(path), (e: unknown) => e instanceof StoreError && /schema version 999/.test(e.message));
    assert.throws(() => openReadOnly(join(dir.path, 'missing.db')), /no database at .*missing\.db/);
  } finally {
    dir.cleanup();
  }
});

test('ingesting the same corpus twice changes nothing', async () => {
  const { db, cleanup } = await corpusDb();
  try {
    const snapshot = () => Object.fromEntries(TABLES.filter((t) => t !== 'messages_fts').map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));
    const dump = () => db.prepare('SELECT message_id, is_stub, subject, date, parent_message_id, depth, thread_position FROM messages ORDER BY message_id').all();
    const before = snapshot();
    const rows = dump();
    const again = await ingest(db, [corporaDir]);
    assert.equal(again.new, 0);
    assert.deepEqual(snapshot(), before);
    assert.deepEqual(dump(), rows);
  } finally {
    cleanup();
  }
});

test('the corpus graph: full messages, overview stubs, threads', async () => {
  const { db, cleanup } = await corpusDb();
  try {
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    assert.equal(count('SELECT count(*) AS n FROM messages WHERE is_stub = 0'), 6);
    // Bodies live apart from the message rows that threading rewrites: one per full message.
    const columns = (db.prepare("SELECT name FROM pragma_table_info('messages')").pluck().all() as string[]);
    assert.equal(columns.includes('body'), false);
    assert.equal(count('SELECT count(*) AS n FROM message_bodies b JOIN messages m ON m.id = b.id WHERE m.is_stub = 0'), 6);
    assert.equal(count('SELECT count(*) AS n FROM message_bodies'), 6);
    // 13 + 213 + 25 overview stubs (001's [not found] placeholder among them)
    assert.equal(count("SELECT count(*) AS n FROM messages WHERE is_stub = 1 AND stub_origin = 'overview'"), 251);
    const jerome = db.prepare("SELECT depth, parent_message_id, thread FROM messages WHERE message_id = '20181212150319.GA3432@redhat.com'").get() as { depth: number; parent_message_id: string; thread: number };
    assert.equal(jerome.parent_message_id, '20181210102846.GC29289@quack2.suse.cz');
    assert.equal(jerome.depth, 14);
    assert.equal(count(`SELECT count(*) AS n FROM messages WHERE thread = ${jerome.thread}`), 214, 'the whole overview is one thread');
    const sticky = db.prepare("SELECT thread FROM messages WHERE author_name = 'Martin Wirth' AND is_stub = 0").get() as { thread: number };
    const ingo = db.prepare("SELECT thread FROM messages WHERE author_name = 'Ingo Molnar' AND is_stub = 0 AND depth = 0").get() as { thread: number };
    assert.equal(sticky.thread, ingo.thread, 'the flat page is one thread, its missing parent included');
  } finally {
    cleanup();
  }
});

test('a stub is filled in when the real message arrives, and a second copy is a duplicate', async () => {
  const { db, cleanup } = await corpusDb();
  const dir = tempDir();
  try {
    const eml = (id: string, body: string) =>
      `From: Jan Kara <jack@suse.cz>\nSubject: Re: [PATCH 1/2] mm: introduce put_user_page*(), placeholder versions\n` +
      `Date: Mon, 10 Dec 2018 11:28:46 +0100\nMessage-ID: <${id}>\n\n${body}\n`;
    writeFileSync(join(dir.path, 'jan.eml'), eml('20181210102846.GC29289@quack2.suse.cz', 'Thanks for your idea!'));
    writeFileSync(join(dir.path, 'jan-again.eml'), eml('20181210102846.GC29289@quack2.suse.cz', 'Thanks for your idea! (resent)'));
    const bodyOf = (id: string) => (db.prepare('SELECT b.body FROM messages m JOIN message_bodies b ON b.id = m.id WHERE m.message_id = ?')
      .get(id) as { body: string } | undefined)?.body;
    assert.equal(bodyOf('20181210102846.GC29289@quack2.suse.cz'), undefined, 'a stub has no body');
    const first = await ingest(db, [join(dir.path, 'jan.eml')]);
    assert.equal(first.filledStubs, 1);
    assert.equal(bodyOf('20181210102846.GC29289@quack2.suse.cz'), 'Thanks for your idea!\n');
    const row = db.prepare("SELECT is_stub, author_email, depth FROM messages WHERE message_id = '20181210102846.GC29289@quack2.suse.cz'").get() as Record<string, unknown>;
    assert.deepEqual(row, { is_stub: 0, author_email: 'jack@suse.cz', depth: 13 });
    const second = await ingest(db, [join(dir.path, 'jan-again.eml')]);
    assert.equal(second.duplicates, 1);
    assert.equal((db.prepare("SELECT count(*) AS n FROM message_sources WHERE message_id = '20181210102846.GC29289@quack2.suse.cz'").get() as { n: number }).n, 3);
    assert.equal(bodyOf('20181210102846.GC29289@quack2.suse.cz'), 'Thanks for your idea!\n', 'the first copy keeps its body');
  } finally {
    dir.cleanup();
    cleanup();
  }
});

test('a file that is no archive is recorded in ingest_errors and the rest of the run goes on', async () => {
  const dir = tempDir();
  try {
    const junk = join(dir.path, 'notes.bin');
    writeFileSync(junk, Buffer.from([0, 1, 2, 3, 255, 254, 10, 0]));
    copyFileSync(seed('004'), join(dir.path, 'page.txt'));
    const db = openDatabase(join(dir.path, 'x.db'));
    const summary = await ingest(db, [junk, join(dir.path, 'page.txt')]);
    assert.equal(summary.new, 1, 'the good page after the bad file is stored');
    assert.equal(summary.errors.length, 1);
    const errors = db.prepare('SELECT source, stage, error FROM ingest_errors').all() as Array<{ source: string; stage: string; error: string }>;
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.source, junk);
    assert.match(errors[0]!.error, /notes\.bin/);
    db.close();
  } finally {
    dir.cleanup();
  }
});

test('each attached format-patch keeps its own [PATCH n/m] tags, not the mail\'s', async () => {
  const { db, cleanup } = await corpusDb();
  try {
    const rows = db.prepare("SELECT ordinal, part, part_total, subject FROM patches WHERE message_id LIKE 'CAHk-=wicH%' ORDER BY ordinal").all() as Array<{ ordinal: number; part: number; part_total: number; subject: string }>;
    assert.deepEqual(rows.map((r) => [r.ordinal, r.part, r.part_total]), [[1, 1, 4], [2, 2, 4], [3, 3, 4], [4, 4, 4]]);
    assert.match(rows[3]!.subject, /^\[PATCH 4\/4\] mm: make filemap_map_pages\(\) avoid the page lock/);
  } finally {
    cleanup();
  }
});

test('the seed corpus ingests without recorded problems; a wrapped attribution is still resolved', async () => {
  const { db, cleanup } = await corpusDb();
  try {
    assert.deepEqual(db.prepare('SELECT stage, error FROM ingest_errors').all(), []);
    const quote = db.prepare("SELECT quoted_author_name, quoted_message_id FROM quotes WHERE message_id LIKE 'CAHk-=wicH%' AND depth = 1").get() as Record<string, unknown>;
    assert.deepEqual(quote, { quoted_author_name: 'Linus Torvalds', quoted_message_id: 'CAHk-=wgkD+sVx3cHAAzhVO5orgksY=7i8q6mbzwBjN0+4XTAUw@mail.gmail.com' });
  } finally {
    cleanup();
  }
});

test('a deleted message (public-inbox d blob) leaves no row behind: message, body, segments, patches, trailers, pending quotes', async () => {
  const dir = tempDir();
  try {
    const db = openDatabase(join(dir.path, 'del.db'));
    const writer = createWriter(db);
    const source = writer.source('/inbox/git/0.git', 'public-inbox-v2');
    const raw = Buffer.from('From: Dev <dev@example.org>\nSubject: [PATCH] mm: x\nMessage-ID: <gone@example.org>\n\nWhy.\n\n> Earlier words.\n\n' +
      'Acked-by: Dev <dev@example.org>\nChange-Id: 20240101-x-1\n---\n' +
      'diff --git a/mm/memory.c b/mm/memory.c\n--- a/mm/memory.c\n+++ b/mm/memory.c\n@@ -1,2 +1,3 @@ int f(void)\n a\n+b\n c\n');
    const record = completeRecord(await analyzeHere(raw, { source: '/inbox/git/0.git', format: 'public-inbox-v2', locator: 'epoch=0 commit=c blob=b' }), raw);
    db.transaction(() => writer.storeMessage(source.id, record))();
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    assert.deepEqual([count('messages'), count('message_bodies'), count('patches'), count('segments') > 0], [1, 1, 1, true]);
    // Stored packed with the body; the segments view shows them a row each, as the analysis found them.
    assert.deepEqual(
      db.prepare('SELECT ordinal, kind, depth, line_start, line_end FROM segments WHERE message_id = ? ORDER BY ordinal').all('gone@example.org'),
      record.segments.map((s, i) => ({ ordinal: i + 1, kind: s.kind, depth: s.depth, line_start: s.lineStart, line_end: s.lineEnd })),
    );
    assert.ok(record.segments.some((s) => s.kind === 'quote' && s.depth === 1) && record.segments.some((s) => s.kind === 'diff'));
    // What later passes read instead of the body: found once, at ingest.
    assert.deepEqual(db.prepare('SELECT name, value, person_email FROM review_trailers').all(), [{ name: 'Acked-by', value: 'Dev <dev@example.org>', person_email: 'dev@example.org' }]);
    assert.equal(db.prepare('SELECT change_ids FROM messages').pluck().get(), '["20240101-x-1"]');
    assert.deepEqual(db.prepare('SELECT message_id FROM quote_pending').pluck().all(), ['gone@example.org']);
    assert.equal(db.transaction(() => writer.deleteMessage('gone@example.org'))(), true);
    assert.deepEqual([count('messages'), count('message_bodies'), count('patches'), count('segments'), count('hunks'), count('review_trailers'),
      count('quote_pending')], [0, 0, 0, 0, 0, 0, 0]);
    db.close();
  } finally {
    dir.cleanup();
  }
});

test('a database of another schema version is refused by name when opened to read, too', () => {
  const dir = tempDir();
  try {
    const path = join(dir.path, 'old.db');
    const db = openDatabase(path);
    db.prepare("UPDATE meta SET value = '8' WHERE key = 'schema_version'").run();
    db.close();
    assert.throws(() => openReadOnly(path), (e: unknown) => e instanceof StoreError && /old\.db has schema version 8, this lorelab reads version \d+/.test(e.message));
  } finally {
    dir.cleanup();
  }
});
