// Cross-check by an independent model checker: every variant of every race, exported to Promela
// and searched by Spin (breadth-first), gets the explorer's verdict — a violation, a thread stuck
// for ever (deadlock or lost wake-up), or none — and a counterexample of the same order of length.
// Without spin on the machine the test says it is skipped, and why.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { explore } from '../../src/sim/engine/explore.js';
import { exportPromela } from '../../src/sim/promela/export.js';
import { runSpin, runSpinAsync, spinAvailable } from '../../src/sim/promela/spin.js';
import { scenarios } from '../../src/sim/scenarios/index.js';

const missing = spinAvailable();

// Two at a time: building pan.c is most of the time, and the machine has two cores.
describe('every variant of every race', { concurrency: 2 }, () => {
for (const s of scenarios) {
  for (const v of s.variants) {
    test(`spin agrees on ${s.id}/${v.name}`, { skip: missing ?? false }, async () => {
      const exported = exportPromela(v.source);
      assert.ok(exported.ok, exported.ok ? '' : exported.error);
      const ours = explore(v.build());
      const spin = await runSpinAsync(exported.text);
      const expected = ours.finding === null ? 'ok' : ours.finding.verdict === 'violation' ? 'violation' : 'stuck';
      assert.equal(spin.verdict, expected, spin.output.slice(0, 2000));
      if (expected === 'ok') return;
      // Spin's depth counts init's transitions and each step's loop turn; same order, not equal.
      const steps = ours.path.length;
      assert.ok(spin.depth >= steps && spin.depth <= 3 * steps + 8, `spin depth ${spin.depth} vs ${steps} steps`);
    });
  }
}
});

test('a violation Spin finds is one the explorer finds: a broken export would be caught', { skip: missing ?? false }, () => {
  // The race file's before-program with its check inverted must disagree: the comparison has teeth.
  const v = scenarios.find((s) => s.id === 'map-pages-lock')!.variants.find((x) => x.name === 'trylock')!;
  const source = { ...v.source, race: { ...v.source.race, invariants: v.source.race.invariants.map((i) => ({ ...i, check: [{ k: 'violation' as const, line: i.line, text: { k: 'lit' as const, line: i.line, value: 'always' } }] })) } };
  const exported = exportPromela(source);
  assert.ok(exported.ok);
  assert.equal(runSpin(exported.text).verdict, 'violation');
  assert.equal(explore(v.build()).finding, null);
});
