// Every variant of every seed scenario: its verdict, the invariant it breaks, and that the
// shortest counterexample replays from its schedule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explore, isSimError, listScenarios, replay, type RunResult } from '../../src/sim/index.js';
import { loadErrors, scenarios } from '../../src/sim/scenarios/index.js';

// Derived from the race files: each variant's `expect` (verdict, invariant, and where the file
// gives it, the length of the shortest counterexample). A race dropped into src/sim/scenarios/
// is checked here without editing this file.
const expectations: Record<string, [verdict: string, invariant: string | null, steps: number | null]> = Object.fromEntries(
  scenarios.flatMap((s) => s.variants.map((v) => [`${s.id}/${v.name}`, [v.expected, v.breaks, v.steps]])),
);

test('every race file in the folder loads', () => {
  assert.deepEqual(loadErrors.map((e) => e.message), []);
  assert.ok(scenarios.length >= 5);
});

test('the seeds state what the TypeScript models found (verdict, invariant, shortest length)', () => {
  const seeds = {
    'truncate-nopage/before': ['violation', 'no-orphan-pte', 9], 'truncate-nopage/frlock-swapped': ['violation', 'no-orphan-pte', 11],
    'futex-cow-fork/before': ['lost-wakeup', 'no-lost-wakeup', 6], 'futex-cow-fork/sticky-ro': ['violation', 'futex-key-stable', 4],
    'gup-writeback/before': ['violation', 'stable-pages', 5], 'gup-writeback/before-buffers': ['violation', 'dirty-has-buffers', 8],
    'srcu-vma/no-grace-period': ['violation', 'use-after-free', 8], 'srcu-vma/srcu': ['violation', 'pte-inside-vma', 8],
    'map-pages-lock/patch4-private': ['violation', 'no-orphan-pte', 9], 'map-pages-lock/mapcount-recheck': ['ok', null, null],
  };
  for (const [name, expected] of Object.entries(seeds)) assert.deepEqual(expectations[name], expected, name);
});

const run = (scenario: string, variant: string): RunResult => {
  const r = explore(scenario, variant);
  if (isSimError(r)) throw new Error(r.error);
  return r;
};

test('the catalogue holds exactly the variants the expectations name', () => {
  const names = listScenarios().flatMap((s) => s.variants.map((v) => `${s.id}/${v.name}`));
  assert.deepEqual(names.sort(), Object.keys(expectations).sort());
});

for (const [name, [verdict, invariant, steps]] of Object.entries(expectations)) {
  const [scenario, variant] = name.split('/');
  test(`${name}: ${verdict}${invariant ? ` (${invariant})` : ''}`, () => {
    const r = run(scenario, variant);
    assert.equal(r.verdict, verdict, r.detail ?? '');
    assert.equal(r.invariant, invariant);
    assert.equal(r.verdict, r.expected, 'the scenario declares the same expectation');
    assert.ok(r.complete);
    if (verdict === 'ok') return assert.equal(r.trace.length, 0);
    assert.ok(r.trace.length > 0 && r.state);
    if (steps !== null) assert.equal(r.trace.length, steps, 'the shortest counterexample has the length the file states');
    const again = replay(scenario, variant, r.schedule);
    assert.ok(!isSimError(again), isSimError(again) ? again.error : '');
    assert.equal(again.verdict, r.verdict);
    assert.equal(again.invariant, r.invariant);
    assert.deepEqual(again.trace, r.trace);
  });
}

test('the truncate-nopage counterexample is the one Andrea describes', () => {
  const r = run('truncate-nopage', 'before');
  const labels = r.trace.map((s) => `${s.threadName}: ${s.label}`);
  const at = (text: string) => labels.findIndex((l) => l.includes(text));
  assert.ok(at('->nopage returned P1') < at('i_size_write(0)'), 'the fault finds P before i_size shrinks');
  assert.ok(at('nothing mapped yet') < at('set_pte(P1)'), 'truncate zaps before the fault maps');
  assert.ok(at('set_pte(P1)') < at('P1 leaves the page cache'));
});

test('replay rejects schedules that do not fit, without throwing', () => {
  const errors = [
    replay('truncate-nopage', 'before', '0.0.zz'),
    replay('truncate-nopage', 'before', '1.1.1.1.1.1.1.1.1'),
    replay('truncate-nopage', 'locked-page', '1.1.1.1.0.0.0.0'),
    replay('no-such-scenario', 'before', '0'),
    replay('truncate-nopage', 'no-such-variant', '0'),
    explore('truncate-nopage', 'no-such-variant'),
  ];
  for (const e of errors) assert.ok(isSimError(e), JSON.stringify(e).slice(0, 200));
  const blocked = replay('futex-cow-fork', 'before', '0.0.0.0');
  assert.match(isSimError(blocked) ? blocked.error : '', /blocked at 'futex_wait: schedule\(\)'/);
});

test('a partial schedule replays to an incomplete ok', () => {
  const r = replay('truncate-nopage', 'before', 'fault fault');
  assert.ok(!isSimError(r));
  assert.equal(r.verdict, 'ok');
  assert.equal(r.complete, false);
  assert.equal(r.trace.length, 2);
});

test('scenario metadata carries seeds, facts with sources, and the Message-IDs the corpus shows', () => {
  const byId = Object.fromEntries(listScenarios().map((s) => [s.id, s]));
  assert.deepEqual(byId['gup-writeback'].messageIds, ['20181212150319.GA3432@redhat.com']);
  assert.deepEqual(byId['map-pages-lock'].messageIds, ['CAHk-=wicH=FaLOeum9_f7Vyyz9Fe4MWmELT7WKR_UbfY37yX-Q@mail.gmail.com']);
  assert.deepEqual(byId['truncate-nopage'].facts.patches.map((p) => p.patchId), ['802f446eafb91b63159993238bbc15d878d7bcb8']);
  for (const s of Object.values(byId).filter((s) => s.seed)) {
    assert.match(s.seed, /^00\d_[0-9a-f]{16}\.txt$/);
    assert.ok(s.facts.title && s.facts.source?.startsWith('corpora/'), `${s.id}: facts with a source`);
    assert.ok(s.functions.length > 3 && s.invariants.every((i) => i.says.endsWith('.')));
  }
});
