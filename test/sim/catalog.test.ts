// The catalogue of documented memory-management races (src/sim/scenarios/<id>.race.yaml, each
// with its story <id>.md): every variant's verdict and broken invariant, written here from the
// stories independently of the `expect` lines in the files; that counterexamples replay; and that
// every race has its story beside it, naming each commit its facts cite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { explore, isSimError, listScenarios, replay, type RunResult } from '../../src/sim/index.js';
import { scenariosDir } from '../../src/sim/scenarios/index.js';

const expectations: Record<string, [verdict: string, invariant: string | null]> = {
  'dirty-cow/before': ['violation', 'file-unchanged'],
  'dirty-cow/foll-cow': ['ok', null],
  'dirty-cow/huge-dirty-cow': ['violation', 'file-unchanged'],
  'dirty-cow/anon-exclusive': ['ok', null],
  'gup-cow-either-way/before': ['violation', 'child-sees-fork-time-data'],
  'gup-cow-either-way/break-cow-on-read': ['ok', null],
  'gup-cow-either-way/arch-gup-fast': ['violation', 'child-sees-fork-time-data'],
  'gup-cow-either-way/refcount-reuse': ['ok', null],
  'vma-lock-fork/before': ['violation', 'no-lost-store'],
  'vma-lock-fork/vma-start-write': ['ok', null],
  'vma-lock-fork/mmap-lock-only': ['ok', null],
  'swapin-swapoff/before': ['violation', 'use-after-free'],
  'swapin-swapoff/get-swap-device': ['ok', null],
  'swapin-swapoff/swap-cache-path': ['ok', null],
  'madv-free-dio/before': ['violation', 'read-data-visible'],
  'madv-free-dio/recheck-refcount': ['ok', null],
  'mremap-mkclean/before': ['violation', 'clean-means-written'],
  'mremap-mkclean/flush-if-dirty': ['ok', null],
  'mremap-mkclean/dirty-after-check': ['violation', 'clean-means-written'],
  'mremap-mkclean/dirty-of-removed-pte': ['ok', null],
  'thp-dontneed-numa/before': ['violation', 'range-empty'],
  'thp-dontneed-numa/pmdp-invalidate': ['ok', null],
  'thp-dontneed-numa/soft-dirty': ['violation', 'range-empty'],
  'thp-dontneed-numa/soft-dirty-invalidate': ['ok', null],
  'gup-fast-collapse/before': ['violation', 'pin-is-mapped'],
  'gup-fast-collapse/recheck-pmd': ['ok', null],
  'gup-fast-collapse/ipi-flush': ['ok', null],
  'gup-fast-pgtable-free/before': ['violation', 'use-after-free'],
  'gup-fast-pgtable-free/sync-one': ['ok', null],
  'gup-fast-pgtable-free/ipi-tlb-flush': ['ok', null],
  'uffd-copy-fork/before': ['violation', 'child-consistent'],
  'uffd-copy-fork/mmap-changing': ['ok', null],
  'uffd-copy-fork/hugetlb-relock': ['violation', 'child-consistent'],
  'uffd-copy-fork/recheck-after-relock': ['ok', null],
  'uffd-wp-tlb/before': ['violation', 'no-lost-store'],
  'uffd-wp-tlb/flush-before-copy': ['ok', null],
  'mremap-tlb-truncate/before': ['violation', 'use-after-free'],
  'mremap-tlb-truncate/flush-under-lock': ['ok', null],
  'mremap-tlb-truncate/pmd-move': ['violation', 'use-after-free'],
  'munmap-downgrade-stack/before': ['violation', 'stack-page-kept'],
  'munmap-downgrade-stack/no-downgrade-next-to-stack': ['ok', null],
  'munmap-downgrade-stack/expand-under-write-lock': ['ok', null],
  'thp-pmd-bad/before': ['violation', 'mapcount-matches'],
  'thp-pmd-bad/trans-huge-or-clear-bad': ['ok', null],
};

const catalog = [...new Set(Object.keys(expectations).map((k) => k.split('/')[0]))];

const run = (scenario: string, variant: string): RunResult => {
  const r = explore(scenario, variant);
  if (isSimError(r)) throw new Error(r.error);
  return r;
};

test('the catalogue races load with exactly the variants named here', () => {
  const loaded = listScenarios().filter((s) => catalog.includes(s.id));
  assert.deepEqual(loaded.map((s) => s.id).sort(), catalog.slice().sort());
  const names = loaded.flatMap((s) => s.variants.map((v) => `${s.id}/${v.name}`));
  assert.deepEqual(names.sort(), Object.keys(expectations).sort());
});

test('each catalogue race has a before variant that breaks something and a fix that is ok', () => {
  for (const s of listScenarios().filter((x) => catalog.includes(x.id))) {
    assert.ok(s.variants.some((v) => v.kind === 'before' && v.expected !== 'ok'), `${s.id}: a failing before`);
    assert.ok(s.variants.some((v) => v.kind === 'patch' && v.expected === 'ok'), `${s.id}: a patch that is ok`);
  }
});

for (const [name, [verdict, invariant]] of Object.entries(expectations)) {
  const [scenario, variant] = name.split('/');
  test(`${name}: ${verdict}${invariant ? ` (${invariant})` : ''}`, () => {
    const r = run(scenario, variant);
    assert.equal(r.verdict, verdict, r.detail ?? '');
    assert.equal(r.invariant, invariant);
    assert.equal(r.verdict, r.expected, 'the race file declares the same expectation');
    assert.ok(r.complete);
    if (verdict === 'ok') return assert.equal(r.trace.length, 0);
    const declared = listScenarios().find((s) => s.id === scenario)?.variants.find((v) => v.name === variant);
    if (declared?.steps != null) assert.equal(r.trace.length, declared.steps, 'the shortest counterexample has the declared length');
    const again = replay(scenario, variant, r.schedule);
    assert.ok(!isSimError(again), isSimError(again) ? again.error : '');
    assert.equal(again.verdict, r.verdict);
    assert.equal(again.invariant, r.invariant);
    assert.deepEqual(again.trace, r.trace);
  });
}

test('every catalogue race has its story beside it, and the story names each commit the facts cite', () => {
  for (const s of listScenarios().filter((x) => catalog.includes(x.id))) {
    const story = join(scenariosDir, `${s.id}.md`);
    assert.ok(existsSync(story), `${s.id}.md exists`);
    const text = readFileSync(story, 'utf8');
    assert.match(text, /## Facts/, `${s.id}.md has a facts table`);
    for (const c of s.facts?.commits ?? []) assert.ok(text.includes(c.id.slice(0, 12)), `${s.id}.md names commit ${c.id}`);
  }
});

test('the Dirty COW counterexample is the one the fix describes: COW, MADV_DONTNEED, a read fault, a write to the file page', () => {
  const labels = run('dirty-cow', 'before').trace.map((s) => `${s.threadName}: ${s.label}`);
  const at = (text: string) => labels.findIndex((l) => l.includes(text));
  assert.ok(at('COW: private copy') >= 0 && at('COW: private copy') < at('MADV_DONTNEED'));
  assert.ok(at('MADV_DONTNEED') < at('read fault maps the page-cache page'));
  assert.ok(at('read fault maps the page-cache page') < at('returns P1'));
});
