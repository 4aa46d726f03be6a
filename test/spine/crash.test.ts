// Crash safety and accounting: a process killed in the middle of an ingest leaves a database
// that passes integrity_check, and the re-run stores every message exactly once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { requireBuild } from '../helpers/built.js';
import { lorelab, repoRoot, tempDir } from '../helpers/corpus.js';

const COUNT = 4000;

function mbox(): string {
  const parts: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    const reply = i % 3 !== 0;
    parts.push(
      `From dev${i % 17}@example.org Mon Jan  7 10:00:00 2019\n` +
        `From: Dev ${i % 17} <dev${i % 17}@example.org>\nSubject: ${reply ? 'Re: ' : ''}[PATCH] mm: change number ${Math.floor(i / 3)}\n` +
        `Date: Mon, 7 Jan 2019 10:${String(i % 60).padStart(2, '0')}:00 +0000\nMessage-ID: <m${i}@example.org>\n` +
        (reply ? `In-Reply-To: <m${i - (i % 3)}@example.org>\n` : '') +
        `\nBody ${i}\n` +
        (reply ? '> quoted\nreply text\n' : `---\n mm/memory.c | 1 +\ndiff --git a/mm/memory.c b/mm/memory.c\n--- a/mm/memory.c\n+++ b/mm/memory.c\n@@ -10,3 +10,4 @@ static int do_no_page(void)\n a\n b\n+c${i}\n d\n`),
    );
  }
  return `${parts.join('\n')}\n`;
}

test('a killed ingest leaves a consistent database and the re-run loses and duplicates nothing', async () => {
  const dir = tempDir();
  try {
    const archive = join(dir.path, 'big.mbox');
    writeFileSync(archive, mbox());
    const db = join(dir.path, 'crash.db');
    requireBuild();
    const child = spawn(process.execPath, [join(repoRoot, 'dist/src/cli/main.js'), '--db', db, 'ingest', archive], { stdio: 'ignore' });
    // Wait until some batches are committed, then kill without warning.
    const deadline = Date.now() + 60_000;
    let stored = 0;
    while (Date.now() < deadline && child.exitCode === null) {
      await new Promise((r) => setTimeout(r, 25));
      try {
        const peek = new Database(db, { readonly: true, fileMustExist: true });
        stored = (peek.prepare('SELECT count(*) AS n FROM messages WHERE is_stub = 0').get() as { n: number }).n;
        peek.close();
      } catch {
        stored = 0;
      }
      if (stored > 0) break;
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    assert.ok(stored > 0 && stored < COUNT, `killed part-way (stored ${stored} of ${COUNT})`);

    const check = new Database(db);
    assert.equal(check.pragma('integrity_check', { simple: true }), 'ok');
    check.close();

    const rerun = lorelab(['--db', db, 'ingest', archive, '--json']);
    assert.equal(rerun.status, 0, rerun.stderr);
    const summary = JSON.parse(rerun.stdout);
    // Accounting: every message of the input is either stored now, was stored before, or failed.
    assert.equal(summary.messages, COUNT);
    assert.equal(summary.new + summary.unchanged + summary.duplicates + summary.failed, COUNT);
    assert.ok(summary.unchanged >= stored, 'what the killed run stored is not parsed again');

    const after = new Database(db, { readonly: true });
    const one = (sql: string) => (after.prepare(sql).get() as { n: number }).n;
    assert.equal(one('SELECT count(*) AS n FROM messages WHERE is_stub = 0'), COUNT);
    assert.equal(one('SELECT count(*) AS n FROM message_sources'), COUNT, 'one copy per message: nothing stored twice');
    assert.equal(one("SELECT count(*) AS n FROM patches WHERE origin = 'inline'"), Math.ceil(COUNT / 3));
    assert.equal(one('SELECT count(*) AS n FROM (SELECT message_id FROM patches GROUP BY message_id, ordinal HAVING count(*) > 1)'), 0);
    assert.equal(after.pragma('integrity_check', { simple: true }), 'ok');
    after.close();
  } finally {
    dir.cleanup();
  }
});
