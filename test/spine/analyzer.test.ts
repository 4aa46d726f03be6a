// The analysis pool: the same records as analysing in this thread, and a broken worker
// slows the run down but never stalls it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { createHash } from 'node:crypto';
import { analyzeHere, createAnalyzer } from '../../src/ingest/analysis/pool.js';
import { completeRecord } from '../../src/ingest/analysis/analyze-mail.js';

const origin = { source: '/x.mbox', format: 'mbox' as const, locator: 'offset=0 length=1' };
const message = (i: number) =>
  Buffer.from(`From: Dev <dev@example.org>\nSubject: [PATCH] mm: change ${i}\nMessage-ID: <m${i}@example.org>\nDate: Mon, 7 Jan 2019 10:00:00 +0000\n\n` +
    `Change ${i}.\n---\ndiff --git a/mm/memory.c b/mm/memory.c\n--- a/mm/memory.c\n+++ b/mm/memory.c\n@@ -10,3 +10,4 @@ static int do_no_page(void)\n a\n b\n+c${i}\n d\n`);

test('worker threads give the same records as analysing here', async () => {
  const analyzer = createAnalyzer(2, { warmUp: 0 });
  try {
    await analyzer.analyze(message(0), origin); // starts the pool
    assert.equal(await analyzer.ready(), true);
    const pooled = await Promise.all([1, 2, 3, 4, 5].map((i) => analyzer.analyze(message(i), origin)));
    assert.equal(analyzer.pooled, 5, 'all five went to the workers');
    const here = await Promise.all([1, 2, 3, 4, 5].map((i) => analyzeHere(message(i), origin)));
    assert.deepEqual(pooled, here);
    assert.equal(pooled[2]!.patches[0]!.files[0]!.hunks[0]!.symbols[0]!.name, 'do_no_page');
  } finally {
    await analyzer.close();
  }
});

test('until a worker has loaded, messages are analysed here rather than waiting for it', async () => {
  const analyzer = createAnalyzer(1, { warmUp: 0 });
  try {
    // A worker's "ready" can only arrive through the event loop: these calls come before it.
    const early = await Promise.all([1, 2, 3].map((i) => analyzer.analyze(message(i), origin)));
    assert.equal(analyzer.pooled, 0, 'none waited for the worker');
    assert.deepEqual(early, await Promise.all([1, 2, 3].map((i) => analyzeHere(message(i), origin))));
    assert.equal(await analyzer.ready(), true);
    await analyzer.analyze(message(4), origin);
    assert.equal(analyzer.pooled, 1, 'once ready, the worker takes the messages');
  } finally {
    await analyzer.close();
  }
});

test('an input known to be large starts the worker before its first message; a small or unknown one does not', async () => {
  let started = 0;
  const counting = () => {
    started++;
    return new Worker(`require('node:worker_threads').parentPort.postMessage({ ready: true });`, { eval: true });
  };
  const analyzer = createAnalyzer(1, { warmUp: 64, startWorker: counting });
  try {
    analyzer.expect(null);
    analyzer.expect(64);
    assert.equal(started, 0, 'unknown or within the warm-up: analysed here, no worker');
    analyzer.expect(7548);
    assert.equal(started, 1, 'started on the hint, before any message');
    assert.equal(await analyzer.ready(), true);
    analyzer.expect(100_000);
    assert.equal(started, 1, 'one pool');
  } finally {
    await analyzer.close();
  }
  analyzer.expect(100_000);
  assert.equal(started, 1, 'a closed analyzer starts nothing');
});

test('a worker that dies hands its jobs back and the pool is no longer used', async () => {
  // Ready at once, and gone at its first job.
  const dying = () => new Worker(`const { parentPort } = require('node:worker_threads');
    parentPort.postMessage({ ready: true }); parentPort.on('message', () => process.exit(3));`, { eval: true });
  const analyzer = createAnalyzer(2, { warmUp: 0, startWorker: dying });
  const warnings: Error[] = [];
  const warned = (w: Error) => warnings.push(w);
  process.on('warning', warned);
  try {
    await analyzer.analyze(message(0), origin);
    assert.equal(await analyzer.ready(), true);
    const records = await Promise.all([1, 2, 3].map((i) => analyzer.analyze(message(i), origin)));
    assert.ok(analyzer.pooled > 0, 'the jobs went to the dying worker');
    assert.deepEqual(records.map((r) => r.mail.messageId), ['m1@example.org', 'm2@example.org', 'm3@example.org']);
    const later = await analyzer.analyze(message(4), origin);
    assert.equal(later.mail.messageId, 'm4@example.org');
    // Slower from now on, and said once: a silent fallback once went unnoticed for sessions.
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(warnings.map((w) => [(w as Error & { code?: string }).code, /exited \(code 3\).*main thread/.test(w.message)]), [['LORELAB_WORKER', true]]);
  } finally {
    process.off('warning', warned);
    await analyzer.close();
  }
});

test('a worker that cannot start at all: every message is analysed here, and that is said once', async () => {
  const refusing = (): Worker => {
    throw Object.assign(new Error('Initiated Worker with invalid execArgv flags: --x'), { code: 'ERR_WORKER_INVALID_EXEC_ARGV' });
  };
  const analyzer = createAnalyzer(1, { warmUp: 0, startWorker: refusing });
  const warnings: Error[] = [];
  const warned = (w: Error) => warnings.push(w);
  process.on('warning', warned);
  try {
    const records = await Promise.all([1, 2].map((i) => analyzer.analyze(message(i), origin)));
    assert.deepEqual(records.map((r) => r.mail.messageId), ['m1@example.org', 'm2@example.org']);
    assert.equal(await analyzer.ready(), false);
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(warnings.map((w) => [(w as Error & { code?: string }).code, /could not start/.test(w.message)]), [['LORELAB_WORKER', true]]);
  } finally {
    process.off('warning', warned);
    await analyzer.close();
  }
});

test('what crosses to the writer carries no diff lines and no attachment text (raw keeps them)', async () => {
  const record = await analyzeHere(message(7), origin);
  const patch = record.patches[0]!;
  assert.match(patch.raw, /\+c7/);
  const file = patch.files[0]!;
  assert.equal('headerLines' in file, false);
  assert.equal('lines' in file.hunks[0]!, false);
  assert.deepEqual(file.hunks[0]!.symbols.map((s) => s.name), ['do_no_page']);

  const attached = Buffer.from(['From: Dev <dev@example.org>', 'Subject: [PATCH] mm: attached', 'Message-ID: <att@example.org>',
    'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b"', '', '--b', 'Content-Type: text/plain', '', 'See the patch.',
    '--b', 'Content-Type: text/x-patch; name="fix.patch"', 'Content-Disposition: attachment; filename="fix.patch"', '',
    'diff --git a/mm/memory.c b/mm/memory.c', '--- a/mm/memory.c', '+++ b/mm/memory.c', '@@ -10,3 +10,4 @@ static int do_no_page(void)',
    ' a', ' b', '+c', ' d', '--b--', ''].join('\n'));
  const withAttachment = await analyzeHere(attached, origin);
  assert.deepEqual(withAttachment.mail.attachments.map((a) => [a.filename, a.contentType, 'text' in a]), [['fix.patch', 'text/x-patch', false]]);
  assert.equal(withAttachment.patches[0]!.origin, 'attachment');
});

test('the worker leaves segments, prose, mentions, text facts and the hash to the main thread, which adds them before the writer', async () => {
  const raw = Buffer.from('From: Dev <dev@example.org>\nSubject: Re: [PATCH] mm: fix\nMessage-ID: <r1@example.org>\n\n' +
    'On Mon, Ann wrote:\n> The fault path races.\n\nThe race is in do_no_page() against truncate.\n\nReviewed-by: Dev <dev@example.org>\n');
  const analysis = await analyzeHere(raw, origin);
  for (const key of ['segments', 'prose', 'mentions', 'quotes', 'contentHash', 'pullRequest', 'seriesFacts']) assert.equal(key in analysis, false, key);
  const record = completeRecord(analysis, raw);
  assert.equal('attachedCode' in record, false);
  assert.equal(record.contentHash, createHash('sha1').update(raw).digest('hex'));
  assert.deepEqual(record.seriesFacts.reviewTrailers.map((t) => t.name), ['Reviewed-by']);
  assert.equal(record.pullRequest, null);
  assert.deepEqual(record.segments.map((s) => [s.kind, s.depth]), [['attribution', 0], ['quote', 1], ['prose', 0], ['trailer', 0]]);
  assert.equal(record.prose, 'The race is in do_no_page() against truncate.');
  assert.deepEqual(record.mentions.map((m) => [m.symbol, m.place]), [['do_no_page', 'prose']]);
});
