// Steps of race files declare the state they may change, and the engine copies only that: on
// every variant of every race the search must be exactly the one that copies everything (same
// verdict, states, transitions and trace). A step that changed an object it shares would
// corrupt stored worlds and show here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explore } from '../../src/sim/engine/explore.js';
import type { Model } from '../../src/sim/engine/types.js';
import { scenarios } from '../../src/sim/scenarios/index.js';

const copyAll = (m: Model<unknown>): Model<unknown> => ({
  ...m,
  threads: m.threads.map((t) => ({ ...t, steps: Object.fromEntries(Object.entries(t.steps).map(([k, s]) => [k, { ...s, writes: undefined }])) })),
});

test('write sets are found for most steps', () => {
  const steps = scenarios.flatMap((s) => s.variants.flatMap((v) => v.build().threads.flatMap((t) => Object.values(t.steps))));
  const declared = steps.filter((s) => s.writes).length;
  assert.ok(declared > steps.length / 2, `${declared} of ${steps.length}`);
});

for (const s of scenarios) {
  for (const v of s.variants) {
    test(`sharing unchanged state = copying it on ${s.id}/${v.name}`, () => {
      const shared = explore(v.build(), { sleepSets: false });
      const copied = explore(copyAll(v.build()), { sleepSets: false });
      assert.equal(shared.finding?.verdict, copied.finding?.verdict);
      assert.equal(shared.states, copied.states);
      assert.equal(shared.transitions, copied.transitions);
      assert.deepEqual(shared.path, copied.path);
    });
  }
}
