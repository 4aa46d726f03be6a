// The post-passes start on a clean heap: collectGarbage really runs a full collection
// (Node hides gc() unless asked; see src/ingest/collect-garbage.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectGarbage } from '../../src/ingest/collect-garbage.js';

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
