// The post-passes start on a clean heap: collectGarbage really runs a full collection
// (Node hides gc() unless asked; see src/ingest/v8/collect-garbage.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectGarbage, largeMailCollector } from '../../src/ingest/v8/collect-garbage.js';

test('collectGarbage frees an object nothing refers to any more', async () => {
  let held: object | null = { payload: new Array(1000).fill('x') };
  const ref = new WeakRef(held);
  held = null;
  // A WeakRef keeps its target alive until the job that made or read it ends.
  const nextJob = () => new Promise((resolve) => setImmediate(resolve));
  await nextJob();
  assert.notEqual(ref.deref(), undefined, 'nothing has collected it yet');
  await nextJob();
  collectGarbage();
  assert.equal(ref.deref(), undefined);
});

test('large mail is collected after every so many bytes of it; small mail never', () => {
  let collections = 0;
  const handled = largeMailCollector(() => collections++, { large: 1000, after: 5000 });
  for (let i = 0; i < 10_000; i++) handled(999); // small messages, however many
  assert.equal(collections, 0);
  for (let i = 0; i < 4; i++) handled(1000);
  assert.equal(collections, 0, '4,000 bytes of large mail: not yet');
  handled(1000);
  assert.equal(collections, 1, '5,000: one collection');
  for (let i = 0; i < 10; i++) handled(2500);
  assert.equal(collections, 6, 'then one every 5,000 bytes');
});
