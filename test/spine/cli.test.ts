// The command as a user runs it (the built dist/, a real database file in a temp dir).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lorelab, tempDir } from '../helpers/corpus.js';

const dir = tempDir();
const db = join(dir.path, 'cli.db');
let start: ReturnType<typeof lorelab>;

before(() => {
  start = lorelab(['--db', db, 'start']);
});
after(() => dir.cleanup());

test('start ingests corpora/ and answers "which patches touch do_no_page"', () => {
  assert.equal(start.status, 0, start.stderr);
  assert.ok(existsSync(db));
  assert.match(start.stdout, /6 messages: 6 new/);
  assert.match(start.stdout, /257 messages \(6 full, 251 stubs\)/);
  assert.match(start.stdout, /Which patches touch do_no_page\?[\s\S]*Andrea Arcangeli\s+mm\/memory\.c\s+do_no_page\s+3/);
});

test('query --json prints an array of row objects', () => {
  const run = lorelab(['--db', db, 'query', 'patches-touching', '--fn', 'do_no_page', '--json']);
  assert.equal(run.status, 0, run.stderr);
  const rows = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.function, 'do_no_page');
  assert.equal(rows[0]!.file, 'mm/memory.c');
});

test('LORELAB_DB names the database when --db is not given', () => {
  const run = lorelab(['sql', 'select count(*) as n from messages', '--json'], { env: { LORELAB_DB: db } });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), [{ n: 257 }]);
});

test('query --list names every query and its parameters', () => {
  const run = lorelab(['--db', db, 'query', '--list']);
  assert.equal(run.status, 0);
  assert.match(run.stdout, /^patches-touching \[--fn <value>\] \[--file <value>\] \[--kind <value>\]$/m);
  assert.match(run.stdout, /^thread --message-id <value>$/m);
});

test('sql opens the database read-only', () => {
  const run = lorelab(['--db', db, 'sql', 'delete from messages']);
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /^lorelab: /);
  assert.doesNotMatch(run.stderr, /    at /, 'no stack trace');
  const count = lorelab(['--db', db, 'sql', 'select count(*) as n from messages', '--json']);
  assert.deepEqual(JSON.parse(count.stdout), [{ n: 257 }]);
});

test('show prints the thread position, patches, files and touched functions', () => {
  const run = lorelab(['--db', db, 'show', '<CAHk-=wicH=FaLOeum9_f7Vyyz9Fe4MWmELT7WKR_UbfY37yX-Q@mail.gmail.com>']);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /Position:\s+depth 1/);
  assert.match(run.stdout, /Patch 4 \(attachment: 0004-mm-make-filemap_map_pages/);
  assert.match(run.stdout, /mm\/filemap\.c.*\n\s+function\s+filemap_map_pages/);
  const json = JSON.parse(lorelab(['--db', db, 'show', 'CAHk-=wicH=FaLOeum9_f7Vyyz9Fe4MWmELT7WKR_UbfY37yX-Q@mail.gmail.com', '--json']).stdout);
  assert.equal(json.patches.length, 4);
  // The body lives in message_bodies: --body and --json still carry it.
  const withBody = lorelab(['--db', db, 'show', '20181212150319.GA3432@redhat.com', '--body']);
  assert.equal(withBody.status, 0, withBody.stderr);
  assert.match(withBody.stdout, /Did i miss anything \?/);
  const shown = JSON.parse(lorelab(['--db', db, 'show', '20181212150319.GA3432@redhat.com', '--json']).stdout);
  assert.match(shown.body, /Another crazy idea, why not treating GUP as another mapping/);
});

test('errors are one clear line and a non-zero exit', () => {
  const unknown = lorelab(['--db', db, 'query', 'no-such-query']);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /no query named "no-such-query"/);
  const missing = lorelab(['--db', join(dir.path, 'none.db'), 'sql', 'select 1']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /no database at .*none\.db/);
  const noMessage = lorelab(['--db', db, 'show', '<nobody@nowhere>']);
  assert.equal(noMessage.status, 2);
  assert.match(noMessage.stderr, /no message with Message-ID <nobody@nowhere>/);
});

test('ingest of a file that is no archive exits 1, names it, and records it', () => {
  const junk = join(dir.path, 'junk.dat');
  writeFileSync(junk, 'this is not mail\x00\x01\n');
  const run = lorelab(['--db', db, 'ingest', junk]);
  assert.equal(run.status, 1);
  assert.match(run.stdout, /skipped: .*junk\.dat/);
  const recorded = JSON.parse(lorelab(['--db', db, 'sql', `select source from ingest_errors where source like '%junk.dat'`, '--json']).stdout);
  assert.equal(recorded.length, 1);
});

test('raw prints a message\'s bytes back from its source, and says where with --where', () => {
  const mboxDir = tempDir();
  try {
    const mbox = join(mboxDir.path, 'two.mbox');
    const first = 'From: A <a@example.org>\nSubject: one\nMessage-ID: <one@example.org>\nDate: Tue, 1 Jan 2019 00:00:00 +0000\n\nfirst body\n';
    const second = 'From: B <b@example.org>\nSubject: two\nMessage-ID: <two@example.org>\nDate: Tue, 1 Jan 2019 00:01:00 +0000\n\nsecond body\n';
    writeFileSync(mbox, `From a@example.org Tue Jan  1 00:00:00 2019\n${first}\nFrom b@example.org Tue Jan  1 00:01:00 2019\n${second}`);
    const rawDb = join(mboxDir.path, 'raw.db');
    assert.equal(lorelab(['--db', rawDb, 'ingest', mbox]).status, 0);
    const run = lorelab(['--db', rawDb, 'raw', '<two@example.org>']);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.trimEnd(), second.trimEnd());
    assert.match(lorelab(['--db', rawDb, 'raw', '--where', 'one@example.org']).stdout, /^==> .*two\.mbox \(offset=\d+ length=\d+/);
    const none = lorelab(['--db', rawDb, 'raw', 'three@example.org']);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /no message with Message-ID <three@example.org>/);
  } finally {
    mboxDir.cleanup();
  }
});

test('show gives each patch its race: the scenario that models it, or that none does yet', () => {
  const shown = lorelab(['--db', db, 'show', 'CAHk-=wicH=FaLOeum9_f7Vyyz9Fe4MWmELT7WKR_UbfY37yX-Q@mail.gmail.com']);
  assert.equal((shown.stdout.match(/^ {2}race: modelled by map-pages-lock \(declared\)/gm) ?? []).length, 4);
  const other = tempDir();
  try {
    const eml = join(other.path, 'one.eml');
    writeFileSync(eml, 'From: A <a@example.org>\nSubject: [PATCH] net: fix a typo\nMessage-ID: <typo@example.org>\nDate: Tue, 1 Jan 2019 00:00:00 +0000\n\n' +
      '---\ndiff --git a/net/core/dev.c b/net/core/dev.c\n--- a/net/core/dev.c\n+++ b/net/core/dev.c\n@@ -1,3 +1,3 @@ int dev_open(void)\n a\n-b\n+c\n d\n');
    const fresh = join(other.path, 'fresh.db');
    assert.equal(lorelab(['--db', fresh, 'ingest', eml]).status, 0);
    assert.match(lorelab(['--db', fresh, 'show', 'typo@example.org']).stdout, /race: no scenario models this yet: lorelab sim new --from-patch 'typo@example.org' --patch 1/);
  } finally {
    other.cleanup();
  }
});
