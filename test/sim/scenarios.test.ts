// Every variant of every seed scenario: its verdict, the invariant it breaks, and that the
// shortest counterexample replays from its schedule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explore, isSimError, listScenarios, replay, type RunResult } from '../../src/sim/index.js';

// Written from seed-races.md, independently of the `expected` field the scenarios declare.
const expectations: Record<string, [verdict: string, invariant: string | null]> = {
  'truncate-nopage/before': ['violation', 'no-orphan-pte'],
  'truncate-nopage/frlock': ['ok', null],
  'truncate-nopage/frlock-swapped': ['violation', 'no-orphan-pte'],
  'truncate-nopage/truncate-count': ['ok', null],
  'truncate-nopage/locked-page': ['ok', null],
  'truncate-nopage/frlock-4-faults': ['ok', null],
  'futex-cow-fork/before': ['lost-wakeup', 'no-lost-wakeup'],
  'futex-cow-fork/sticky': ['ok', null],
  'futex-cow-fork/sticky-flag-second-pin': ['violation', 'futex-key-stable'],
  'futex-cow-fork/sticky-count': ['ok', null],
  'futex-cow-fork/sticky-ro': ['violation', 'futex-key-stable'],
  'futex-cow-fork/mm-keys': ['ok', null],
  'gup-writeback/before': ['violation', 'stable-pages'],
  'gup-writeback/before-buffers': ['violation', 'dirty-has-buffers'],
  'gup-writeback/mapcount-bounce': ['ok', null],
  'gup-writeback/gup-fast': ['violation', 'stable-pages'],
  'srcu-vma/no-grace-period': ['violation', 'use-after-free'],
  'srcu-vma/srcu': ['violation', 'pte-inside-vma'],
  'srcu-vma/srcu-seq': ['ok', null],
  'srcu-vma/per-vma-locks': ['ok', null],
  'map-pages-lock/trylock': ['ok', null],
  'map-pages-lock/patch4-private': ['violation', 'no-orphan-pte'],
  'map-pages-lock/mapcount-recheck': ['ok', null],
};

const run = (scenario: string, variant: string): RunResult => {
  const r = explore(scenario, variant);
  if (isSimError(r)) throw new Error(r.error);
  return r;
};

test('the seed races hold exactly the variants the expectations name', () => {
  // The other races (the catalogue) have their own expectations in catalog.test.ts.
  const names = listScenarios().filter((s) => s.seed).flatMap((s) => s.variants.map((v) => `${s.id}/${v.name}`));
  assert.deepEqual(names.sort(), Object.keys(expectations).sort());
});

for (const [name, [verdict, invariant]] of Object.entries(expectations)) {
  const [scenario, variant] = name.split('/');
  test(`${name}: ${verdict}${invariant ? ` (${invariant})` : ''}`, () => {
    const r = run(scenario, variant);
    assert.equal(r.verdict, verdict, r.detail ?? '');
    assert.equal(r.invariant, invariant);
    assert.equal(r.verdict, r.expected, 'the scenario declares the same expectation');
    assert.ok(r.complete);
    if (verdict === 'ok') return assert.equal(r.trace.length, 0);
    assert.ok(r.trace.length > 0 && r.state);
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

test('scenario metadata carries seeds and the Message-IDs the corpus shows', () => {
  const byId = Object.fromEntries(listScenarios().map((s) => [s.id, s]));
  assert.deepEqual(byId['gup-writeback'].messageIds, ['20181212150319.GA3432@redhat.com']);
  assert.deepEqual(byId['map-pages-lock'].messageIds, ['CAHk-=wicH=FaLOeum9_f7Vyyz9Fe4MWmELT7WKR_UbfY37yX-Q@mail.gmail.com']);
  for (const s of Object.values(byId).filter((x) => x.seed)) {
    assert.match(s.seed, /^00\d_[0-9a-f]{16}\.txt$/);
    assert.ok(s.functions.length > 3 && s.invariants.every((i) => i.says.endsWith('.')));
  }
});
