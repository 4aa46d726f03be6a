// What `lorelab sim new --from-patch` drafts give, without hand edits, for eight catalogue fixes
// (the table "What `sim new --from-patch` drafts give for catalogue fixes" in
// src/sim/scenarios/README.md is this test's result). Each fix's essential hunk is mailed against
// a stand-in of the function it changes (catalog-fixes.ts), drafted from the mail alone and with
// the stand-ins' repository as --source, and every variant explored. The expected rows say which
// races the drafts find (`before` broken, the fix ok) and which they still miss; a change of the
// drafts that loses a found race, or finds one, fails here until the table is updated.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { draftCatalogFixes, type DraftResult } from './catalog-fixes.js';
import { tempDir } from '../helpers/corpus.js';
import { explore } from '../../src/sim/engine/explore.js';
import { exportPromela } from '../../src/sim/promela/export.js';
import { runSpinAsync, spinAvailable } from '../../src/sim/promela/spin.js';
import { scenarioFromText } from '../../src/sim/race-file/load.js';

const dir = tempDir('lorelab-catalog-drafts-');
after(() => dir.cleanup());

/** adversary; after's verdict; before's verdict — a violation named by the invariant (or fault) it breaks. */
type Row = [adversary: string, after: string, before: string] | 'no draft';

const EXPECTED: Record<string, { mail: Row; source: Row }> = {
  // get_swap_device holds swapoff off; without it the swap device is used after swapoff freed it.
  'swapin-swapoff': { mail: ['swapoff', 'ok', 'use-after-free'], source: ['swapoff', 'ok', 'use-after-free'] },
  // The mail shows the unmap without the restore below it: the pinned page is dropped either way.
  // The whole function has the discard branch, whose condition the draft evaluates: before, a clean
  // page is discarded under a GUP pin; the fix's reference check keeps it mapped.
  'madv-free-dio': { mail: ['gup_fast', 'pinned-page-stays-mapped', 'pinned-page-stays-mapped'], source: ['gup_fast', 'ok', 'pinned-page-stays-mapped'] },
  // The draft's pmd is a plain value: a THP fault installs a huge pmd after the split, and
  // pmd_none_or_clear_bad clears it as bad; the fix's test leaves a huge pmd. The mail has both lines.
  'thp-pmd-bad': { mail: ['thp_fault', 'ok', 'huge-pmd-kept'], source: ['thp_fault', 'ok', 'huge-pmd-kept'] },
  // detach_vmas_to_be_unmapped answers "no downgrade next to a growing stack"; the caller holds
  // mmap_lock for writing. Before, munmap downgrades, and a stack grows into the detached range
  // under the read lock and faults a page in, which munmap's unmap_region then zaps.
  'munmap-downgrade-stack': { mail: ['stack_grow', 'ok', 'stack-page-kept'], source: ['stack_grow', 'ok', 'stack-page-kept'] },
  // ptep_get_and_clear leaves a stale TLB entry; the fix flushes it before the pte lock is dropped.
  // The draft's adversary frees the page (munmap) where the race cleaned it (page_mkclean).
  'mremap-mkclean': { mail: ['munmap', 'ok', 'no-stale-tlb-to-freed-page'], source: ['munmap', 'ok', 'no-stale-tlb-to-freed-page'] },
  // The fix widens `if (pte_present(pte) && pte_dirty(pte))` to every present pte: the flag it sets
  // is read on the kept pte value, whose dirty bit a store may set before the clear or not; a clean
  // pte moved without a flush leaves a stale TLB entry munmap frees under. The mail does not reach the flush.
  'mremap-tlb-truncate': { mail: ['munmap', 'no-stale-tlb-to-freed-page', 'no-stale-tlb-to-freed-page'], source: ['munmap', 'ok', 'no-stale-tlb-to-freed-page'] },
  // The mail's context does not reach copy_page_range; the whole function does: fork's copy leaves
  // the parent's TLB writable until flush_tlb_mm, and vma_start_write makes the fault wait for it.
  'vma-lock-fork': { mail: ['munmap', 'ok', 'ok'], source: ['wp_fault', 'ok', 'no-cow-copy-under-stale-tlb'] },
  // FOLL_WRITE / FOLL_COW are GUP flags, not synchronisation; the pte lock is the same on both sides.
  'dirty-cow': { mail: ['munmap', 'ok', 'ok'], source: ['gup_fast', 'ok', 'ok'] },
};

const results = await draftCatalogFixes(dir.path);

function row(d: DraftResult): Row {
  if (!d.written) return 'no draft';
  const adversary = /^ {2}(\w+): {4}# the adversary/m.exec(d.text)?.[1] ?? '?';
  const verdict = (v: string) => (d.verdicts[v] === 'ok' ? 'ok' : `${d.breaks[v]}`);
  return [adversary, verdict('after'), verdict('before')];
}

for (const [race, expected] of Object.entries(EXPECTED)) {
  test(`${race}: the draft from the mail and with --source gives the table's adversary and verdicts`, () => {
    const got = results.get(race);
    assert.ok(got, `no result for ${race}`);
    assert.deepEqual({ mail: row(got.mail), source: row(got.source) }, expected);
  });
}

test('every draft states named invariants with a check, and none is left as TODO-invariant', () => {
  for (const [race, { mail, source }] of results) {
    for (const d of [mail, source]) {
      if (!d.written) continue;
      assert.ok(!d.text.includes('TODO-invariant'), race);
      const names = [...d.text.matchAll(/^ {2}([\w-]+):\n {4}says: .+\n(?: {4}at: end\n)? {4}check: \|\n {6}\S/gm)].map((m) => m[1]);
      assert.ok(names.length >= 1, `${race}: no invariant with a check`);
    }
  }
});

test('--source reads the pte lock and the per-VMA lock as locks the threads take and release', () => {
  const swap = results.get('swapin-swapoff')!.source.text;
  assert.match(swap, /do_swap_page: pte_offset_map_lock\(\)"\n\s+waits: "lock"\n\s+when: "can_lock\(ptl\)"/);
  assert.match(swap, /do_swap_page: pte_unmap_unlock\(\)"\n\s+run: "if held_ptl \{ unlock\(ptl\)/);
  const fork = results.get('vma-lock-fork')!.source.text;
  assert.match(fork, /dup_mmap: vma_start_write\(\) \[added by the patch\]"\n\s+waits: "lock"\n\s+when: "can_write\(vm_lock\)"/);
  assert.match(fork, /if can_read\(vm_lock\) \{ down_read\(vm_lock\)/, 'the write fault tries the per-VMA lock first');
});

// The found races, cross-checked: Spin, on the drafts exported to Promela, gives each variant the
// explorer's verdict. Without spin on the machine the test says it is skipped, and why.
test('Spin agrees with the explorer on the drafts that find their race (--source)', { skip: spinAvailable() ?? false }, async () => {
  for (const race of ['swapin-swapoff', 'mremap-mkclean', 'vma-lock-fork', 'madv-free-dio', 'mremap-tlb-truncate', 'thp-pmd-bad', 'munmap-downgrade-stack']) {
    const scenario = scenarioFromText(results.get(race)!.source.text, 'draft.race.yaml');
    for (const v of scenario.variants) {
      const exported = exportPromela(v.source);
      assert.ok(exported.ok, exported.ok ? '' : exported.error);
      const ours = explore(v.build()).finding === null ? 'ok' : 'violation';
      assert.equal((await runSpinAsync(exported.text)).verdict, ours, `${race}/${v.name}`);
    }
  }
});
