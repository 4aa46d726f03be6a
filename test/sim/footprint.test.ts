// Steps of race files declare what they read (and write); the explorer trusts it twice: two
// steps whose footprints do not clash commute without being run both ways, and a step's outcome
// is reused for every world with the same inputs (step-memo.ts). So:
//  - every read a step makes is declared (checked on every step run of every variant);
//  - on every variant, the search with footprints is exactly the one without (same verdict,
//    states, transitions and trace), with and without sleep sets;
//  - the memo really saves work: the scaled case runs far fewer steps than it has transitions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explore } from '../../src/sim/engine/explore.js';
import { createInterner } from '../../src/sim/engine/intern.js';
import { initialWorld } from '../../src/sim/engine/run-step.js';
import { memoizedSteps } from '../../src/sim/engine/step-memo.js';
import type { Model, Step } from '../../src/sim/engine/types.js';
import { scenarios } from '../../src/sim/scenarios/index.js';

type G = Record<string, unknown>;
const mapSteps = (m: Model<unknown>, f: (s: Step<unknown>) => Step<unknown>): Model<unknown> => ({
  ...m,
  threads: m.threads.map((t) => ({ ...t, steps: Object.fromEntries(Object.entries(t.steps).map(([k, s]) => [k, f(s)])) })),
});
const withoutReads = (m: Model<unknown>) => mapSteps(m, (s) => ({ ...s, reads: undefined }));

/** The model with each footprinted step's state behind a proxy that fails on an undeclared read. */
function policed(m: Model<unknown>, problems: string[]): Model<unknown> {
  return mapSteps(m, (s) => {
    if (!s.reads || !s.writes) return s;
    const allowed = new Set([...s.reads, ...s.writes]);
    const watch = (g: unknown) =>
      new Proxy(g as G, {
        get(target, name, receiver) {
          if (typeof name === 'string' && name in target && !allowed.has(name)) problems.push(`'${s.does}' reads ${name} (declares ${[...allowed].join(', ')})`);
          return Reflect.get(target, name, receiver);
        },
      });
    return { ...s, run: (g, me) => s.run(watch(g), me), guard: s.guard && ((g, me) => (s.guard as NonNullable<Step<unknown>['guard']>)(watch(g), me)) };
  });
}

test('footprints are found for most steps', () => {
  const steps = scenarios.flatMap((s) => s.variants.flatMap((v) => v.build().threads.flatMap((t) => Object.values(t.steps))));
  const declared = steps.filter((s) => s.reads && s.writes).length;
  assert.ok(declared > steps.length / 2, `${declared} of ${steps.length}`);
});

for (const s of scenarios) {
  for (const v of s.variants) {
    test(`footprints are complete and change nothing on ${s.id}/${v.name}`, () => {
      const problems: string[] = [];
      explore(policed(v.build(), problems), { sleepSets: false });
      assert.deepEqual([...new Set(problems)], []);
      for (const options of [{}, { sleepSets: false }]) {
        const trusted = explore(v.build(), options);
        const checked = explore(withoutReads(v.build()), options);
        assert.equal(trusted.finding?.verdict, checked.finding?.verdict);
        assert.equal(trusted.finding?.detail, checked.finding?.detail);
        assert.equal(trusted.states, checked.states);
        assert.equal(trusted.transitions, checked.transitions);
        assert.deepEqual(trusted.path, checked.path);
      }
    });
  }
}

test('the scaled case runs each step once per distinct input, not once per transition', () => {
  const scaled = scenarios.find((s) => s.id === 'truncate-nopage')?.variants.find((v) => v.name === 'frlock-4-faults');
  assert.ok(scaled);
  let runs = 0;
  const counted = mapSteps(scaled.build(), (s) => ({ ...s, run: (g, me) => (runs++, s.run(g, me)) }));
  const result = explore(counted, { sleepSets: false });
  assert.equal(result.finding, null);
  assert.ok(runs * 10 < result.transitions, `${runs} step runs for ${result.transitions} transitions`);
});

test('the memo keeps at most its limit of outcomes; past it, steps simply run, with the same result', () => {
  const scaled = scenarios.find((s) => s.id === 'truncate-nopage')?.variants.find((v) => v.name === 'frlock-4-faults');
  assert.ok(scaled);
  let runs = 0;
  const model = mapSteps(scaled.build(), (s) => ({ ...s, run: (g, me) => (runs++, s.run(g, me)) }));
  const world = initialWorld(model);
  for (const [limit, expected] of [[0, 3], [1, 1]] as const) {
    runs = 0;
    const run = memoizedSteps(model, createInterner(), limit);
    const outcomes = [run(world, 0), run(world, 0), run(world, 0)];
    assert.equal(runs, expected, `limit ${limit}`);
    for (const o of outcomes) assert.deepEqual(JSON.stringify(o.ok && o.world), JSON.stringify(outcomes[0].ok && outcomes[0].world));
  }
});
