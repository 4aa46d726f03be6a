// Damaged mail that can still be read is stored, and each problem is recorded where a user
// finds it (ingest_errors, stage 'decode', with the source and the position), printed by the CLI
// without failing the run; and however large the messages, only so many bytes are under way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingest } from '../../src/ingest/ingest.js';
import { openDatabase } from '../../src/store/open.js';
import { lorelab, tempDir } from '../helpers/corpus.js';

const message = (id: string, headers: string[], body: string) =>
  [`Message-ID: <${id}>`, 'From: A Writer <a@example.org>', `Subject: ${id}`, 'Date: Mon, 3 Aug 2020 22:40:55 +0700', ...headers, '', body].join('\n');

/** What each message is, and the problem that must be recorded for it (null: none). */
const MESSAGES: Array<{ text: string; problem: RegExp | null }> = [
  { text: message('clean@x', [], 'nothing wrong here\n'), problem: null },
  { text: message('b64@x', ['Content-Transfer-Encoding: base64'], 'aGVsbG8g!!d29ybGQ=\n'), problem: /^invalid base64/ },
  { text: message('open@x', ['Content-Type: multipart/mixed; boundary="B"'], '--B\nContent-Type: text/plain\n\nstill here\n'), problem: /boundary "B" never closes/ },
  { text: message('charset@x', ['Content-Type: text/plain; charset=utf-8_'], 'caf\u00e9\n'), problem: /^unknown charset "utf-8_"/ },
  { text: message('date@x', [], 'when?\n').replace(/^Date: .*$/m, 'Date: someday soon'), problem: /^unparseable Date: someday soon/ },
  { text: 'just words, no header at all\n', problem: /^no headers/ },
  // A list's From: rewrite, undone: information, not damage.
  {
    text: message('dmarc@x', ['Reply-To: A Writer <a@example.org>', 'List-Id: <linux-erofs.lists.ozlabs.org>'], 'fine\n')
      .replace(/^From: .*$/m, 'From: A Writer via Linux-erofs <linux-erofs@lists.ozlabs.org>'),
    problem: null,
  },
];

const ENVELOPE = 'From x@y Thu Jan  1 00:00:00 1970\n';
const inMbox = (m: { text: string }) => `${ENVELOPE}${m.text}\n`;

function writeMbox(path: string): void {
  writeFileSync(path, MESSAGES.map(inMbox).join(''), 'latin1');
}

test('damaged messages are stored, each problem recorded with its source and position', async () => {
  const dir = tempDir();
  try {
    const mbox = join(dir.path, 'damaged.mbox');
    writeMbox(mbox);
    const db = openDatabase(join(dir.path, 'd.db'));
    const summary = await ingest(db, [mbox], { jobs: 0 });
    assert.equal(summary.new, MESSAGES.length, 'every message is stored');
    assert.equal(summary.failed, 0);
    const rows = db.prepare("SELECT source, locator, message_id, error FROM ingest_errors WHERE stage = 'decode'").all() as
      Array<{ source: string; locator: string; message_id: string; error: string }>;
    for (const { text, problem } of MESSAGES) {
      const id = /^Message-ID: <([^>]+)>/m.exec(text)?.[1];
      const mine = rows.filter((r) => (id ? r.message_id === id : /synthetic/.test(r.message_id)));
      if (!problem) {
        assert.deepEqual(mine, [], `${id}: nothing recorded`);
        continue;
      }
      const row = mine.find((r) => problem.test(r.error));
      assert.ok(row, `${id ?? 'headerless'}: ${problem} recorded (got ${JSON.stringify(mine)})`);
      assert.equal(row.source, mbox);
      assert.match(row.locator, /^offset=\d+/);
      // The position is the message's own: its first byte, after its envelope line.
      const offset = Number(/^offset=(\d+)/.exec(row.locator)![1]);
      const before = MESSAGES.slice(0, MESSAGES.findIndex((m) => m.text === text)).map(inMbox).join('');
      assert.equal(offset, Buffer.byteLength(before + ENVELOPE, 'latin1'));
    }
    assert.equal(summary.errors.filter((e) => e.stage === 'decode').length, rows.length, 'the summary lists what was recorded');
    const dmarcNotes = db.prepare("SELECT notes FROM messages WHERE message_id = 'dmarc@x'").pluck().get() as string;
    assert.match(dmarcNotes, /rewritten by the list/, 'the rewrite was noted on the message, only not recorded as a problem');

    // A second run reads nothing again and records nothing twice.
    const again = await ingest(db, [mbox], { jobs: 0 });
    assert.equal(again.errors.length, 0);
    assert.equal(db.prepare("SELECT count(*) FROM ingest_errors WHERE stage = 'decode'").pluck().get(), rows.length);
    db.close();
  } finally {
    dir.cleanup();
  }
});

test('the CLI lists stored-with-a-problem messages by source and position, and exits 0', () => {
  const dir = tempDir();
  try {
    const mbox = join(dir.path, 'damaged.mbox');
    writeMbox(mbox);
    const run = lorelab(['--db', join(dir.path, 'cli.db'), 'ingest', mbox]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /stored with a problem: invalid base64 \(first bad character "!" at byte \d+\): skipped \(\S*damaged\.mbox at offset=\d+ [^)]*<b64@x>\)/);
    assert.doesNotMatch(run.stdout, /skipped: /);
    assert.doesNotMatch(run.stdout, /rewritten by the list/);
  } finally {
    dir.cleanup();
  }
});

test('messages under way are bounded in bytes, not only in number', async () => {
  const dir = tempDir();
  try {
    // 40 messages of 300 KB: all of them fit the window of 256 messages; 1 MB holds three.
    const mbox = join(dir.path, 'large.mbox');
    const big = (i: number) => message(`big${i}@x`, [], `${'x'.repeat(300 * 1024)}\n`);
    writeFileSync(mbox, Array.from({ length: 40 }, (_, i) => inMbox({ text: big(i) })).join(''));
    const db = openDatabase(join(dir.path, 'b.db'));
    const storedNow = db.prepare('SELECT count(*) FROM message_sources').pluck();
    let mostUnwritten = 0;
    let flushes = 0;
    const summary = await ingest(db, [mbox], {
      jobs: 0,
      bytesInFlight: 1024 * 1024,
      onProgress: (p) => {
        flushes++;
        mostUnwritten = Math.max(mostUnwritten, p.messages - (storedNow.get() as number)); // read, not yet written
      },
    });
    assert.equal(summary.new, 40);
    assert.ok(mostUnwritten <= 4, `at most ~1 MB read ahead of the writer (${mostUnwritten} messages were)`);
    assert.ok(flushes >= 10, `written a few messages at a time (${flushes} writes)`);
    db.close();
  } finally {
    dir.cleanup();
  }
});
