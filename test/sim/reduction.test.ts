// The reduced explorer (sleep sets + symmetry) against plain exhaustive enumeration on every
// scenario variant: same verdict, same shortest length, never more states or transitions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explore } from '../../src/sim/engine/explore.js';
import type { Model } from '../../src/sim/engine/types.js';
import { scenarios } from '../../src/sim/scenarios/index.js';

// `expectPruning`: the seeds all have steps that commute; a catalogue race may serialise every
// step on one lock (nothing for sleep sets to prune), so only the seeds must show pruning.
function compare(name: string, build: () => Model<unknown>, expectPruning = true): void {
  test(`reduced = plain on ${name}`, () => {
    const plain = explore(build(), { symmetry: false, sleepSets: false });
    const reduced = explore(build());
    assert.equal(reduced.finding?.verdict, plain.finding?.verdict);
    assert.equal(reduced.path.length, plain.path.length, 'the shortest counterexample has the same length');
    assert.ok(reduced.states <= plain.states && reduced.transitions <= plain.transitions);
    if (!plain.finding && expectPruning) assert.ok(reduced.transitions < plain.transitions, 'sleep sets prune something');
  });
}

for (const s of scenarios) {
  for (const v of s.variants) {
    if (v.name === 'frlock-4-faults') continue; // plain takes seconds; the 2-fault models below cover symmetry
    compare(`${s.id}/${v.name}`, v.build, !!s.seed);
  }
}

const truncate = scenarios.find((s) => s.id === 'truncate-nopage')!;
const twoFaults = (variant: string) => () => truncate.variants.find((v) => v.name === variant)!.scaled({ fault: 2 }) as Model<unknown>;
for (const variant of ['before', 'frlock', 'frlock-swapped', 'truncate-count', 'locked-page']) {
  compare(`truncate-nopage/${variant} with two identical faults`, twoFaults(variant));
}

test('symmetry shrinks the two-fault model and keeps its verdict', () => {
  const plain = explore(twoFaults('frlock')(), { symmetry: false, sleepSets: false });
  const reduced = explore(twoFaults('frlock')(), { sleepSets: false });
  assert.equal(plain.finding, null);
  assert.equal(reduced.finding, null);
  assert.ok(reduced.states < plain.states * 0.75, `${reduced.states} vs ${plain.states}`);
});
