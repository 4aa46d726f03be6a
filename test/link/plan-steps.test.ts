// Planning links in two steps: everything but the threads first (while threading runs), then
// the sibling parts of a declared patch's series, told by their thread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingest } from '../../src/ingest/ingest.js';
import { finishPlan, planLinks, startPlan } from '../../src/link/link.js';
import { allScenarios } from '../../src/link/sim-port.js';
import { openDatabase } from '../../src/store/open.js';
import { tempDir } from '../helpers/corpus.js';
import { diffIn, mbox } from '../series/mail.js';

test('a declared part\'s sibling is same-series only in its own thread; planned before threading, the plan is the same', async () => {
  const dir = tempDir();
  try {
    // Two postings of a two-part series with the same shape (v1, 2 parts), each its own thread.
    const part = (thread: string, n: number, fn: string) => ({
      id: `${thread}-${n}@example.org`, subject: `[PATCH ${n}/2] mm: fix ${fn}`, date: `Mon, ${n} Jan 2024 10:00:00 +0000`,
      inReplyTo: `${thread}-0@example.org`, body: `Fix ${fn}.\n\n${diffIn(fn, '0', '1')}`,
    });
    const cover = (thread: string) => ({ id: `${thread}-0@example.org`, subject: '[PATCH 0/2] mm: fixes', date: 'Mon, 1 Jan 2024 09:00:00 +0000', body: 'Two fixes.' });
    const file = join(dir.path, 'series.mbox');
    writeFileSync(file, mbox([cover('a'), part('a', 1, 'alpha'), part('a', 2, 'beta'), cover('b'), part('b', 1, 'gamma'), part('b', 2, 'delta')]));
    const db = openDatabase(join(dir.path, 'plan.db'));
    const scenarios = [{ ...allScenarios()[0]!, messageIds: [] }];
    const declarations = { [scenarios[0]!.id]: { patchIds: [], messageIds: ['a-1@example.org'], threads: [], note: '' } };
    await ingest(db, [file], { jobs: 0 });
    const threads = db.prepare('SELECT id, thread FROM messages').all() as Array<{ id: number; thread: number | null }>;
    assert.ok(threads.every((t) => t.thread !== null));
    // Started as ingestAndLink (src/api/ingest.ts) starts it: before the threading pass has placed anything.
    db.exec('UPDATE messages SET thread = NULL');
    const early = startPlan(db, { scenarios, declarations });
    assert.equal(early.maybeSiblings.length, 3, 'a-2, b-1 and b-2 have the shape of a-1\'s siblings');
    const place = db.prepare('UPDATE messages SET thread = ? WHERE id = ?');
    for (const t of threads) place.run(t.thread, t.id);
    const plan = finishPlan(db, early);
    const idOf = (messageId: string) => db.prepare('SELECT id FROM patches WHERE message_id = ?').pluck().get(messageId) as number;
    const how = (messageId: string) => plan.links.find((l) => l.patch === idOf(messageId))?.how;
    assert.equal(how('a-1@example.org'), 'declared');
    assert.equal(how('a-2@example.org'), 'same-series');
    assert.notEqual(how('b-2@example.org'), 'same-series');
    assert.notEqual(how('b-1@example.org'), 'same-series');
    assert.deepEqual(plan, planLinks(db, { scenarios, declarations }));
    db.close();
  } finally {
    dir.cleanup();
  }
});
