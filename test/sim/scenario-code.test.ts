// Each scenario's `code` names real steps: '<thread> step <n>: <does>' is the n-th step (in
// program order) of that thread in at least one of its variants, so a link's evidence points at
// a step a reader can find in the trace.
import assert from 'node:assert/strict';
import test from 'node:test';
import { scenarios } from '../../src/sim/scenarios/index.js';

function stepNames(id: string): Set<string> {
  const scenario = scenarios.find((s) => s.id === id)!;
  const names = new Set<string>();
  for (const v of scenario.variants) {
    for (const thread of v.build().threads) Object.values(thread.steps).forEach((step, i) => names.add(`${thread.name} step ${i + 1}: ${step.does}`));
  }
  return names;
}

test('every modelled operation names a step of its scenario and a function', () => {
  for (const s of scenarios) {
    assert.ok(s.code.length > 0, `${s.id} models no code`);
    const steps = stepNames(s.id);
    for (const c of s.code) {
      assert.ok(steps.has(c.step), `${s.id}: '${c.step}' is no step of its threads`);
      assert.match(c.function, /^[A-Za-z_]\w*$/, `${s.id}: function '${c.function}'`);
      assert.match(c.operation, /^[a-z_-]+(?::[A-Za-z_]\w*)?$/, `${s.id}: operation '${c.operation}'`);
    }
  }
});

test('the seed example: do_no_page sets the pte under page_table_lock', () => {
  const code = scenarios.find((s) => s.id === 'truncate-nopage')!.code;
  const inDoNoPage = code.filter((c) => c.function === 'do_no_page').map((c) => c.operation);
  assert.ok(inDoNoPage.includes('set_pte') && inDoNoPage.includes('lock:page_table_lock'));
});
