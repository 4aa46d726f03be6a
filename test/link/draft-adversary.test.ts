// The adversary a `sim new` draft gets is picked by the objects the patch's operations touch, and
// the draft's threads release only what they took. Drafts here are built from hand-written
// patch facts (diff lines), loaded with the race-file loader and explored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PatchFacts } from '../../src/link/patch-facts.js';
import { lockUses } from '../../src/link/lock-uses.js';
import { raceDraft } from '../../src/link/skeleton.js';
import { explore } from '../../src/sim/engine/explore.js';
import { scenarioFromText } from '../../src/sim/race-file/load.js';

function facts(fn: string, lines: string[]): PatchFacts {
  const hunks = [{ fn, lines }];
  return {
    id: 1, messageId: `${fn}@example.org`, ordinal: 1, origin: 'inline', subject: `fix ${fn}`, author: null, patchId: null,
    version: null, part: null, partTotal: null, thread: null, touched: [fn], mentioned: [], called: [], hunks, locks: lockUses(hunks), lines: [],
  };
}

function draftOf(fn: string, lines: string[]) {
  const draft = raceDraft(facts(fn, lines));
  assert.ok(draft.ok, draft.ok ? '' : draft.error);
  const scenario = scenarioFromText(draft.text, `${draft.id}.race.yaml`);
  const verdicts = Object.fromEntries(scenario.variants.map((v) => [v.name, explore(v.build()).finding?.verdict ?? 'ok']));
  return { text: draft.text, verdicts };
}

const adversaryOf = (text: string) => /^ {2}(\w+): {4}# the adversary/m.exec(text)?.[1];

test('the adversary follows the objects: page lock → truncate, pte + reference (page flags or not) → GUP-fast, mmap lock → munmap, swap device → swapoff, fork → a write fault, migration, reclaim', () => {
  const cases: [string, string[], string][] = [
    ['filemap_fault', ['+\tlock_page(page);', ' \tdo_read(page);', '+\tunlock_page(page);'], 'truncate'],
    ['install_pte', [' \tget_page(page);', '+\tif (!pte_none(*pte))', ' \tset_pte_at(mm, addr, pte, entry);'], 'gup_fast'],
    ['try_to_unmap_one', [' \tpteval = ptep_clear_flush(vma, address, pte);', '+\tif (!PageDirty(page) && ref_count == 1 + map_count) {', ' \tput_page(page);'], 'gup_fast'],
    ['madvise_walk', ['+\tmmap_read_lock(mm);', ' \tvma = find_vma(mm, start);', '+\tmmap_read_unlock(mm);'], 'munmap'],
    ['do_swap_page', ['+\tsi = get_swap_device(entry);', ' \tpage = lookup_swap_cache(entry, vma, addr);', '+\tput_swap_device(si);'], 'swapoff'],
    ['dup_mmap', ['+\tvma_start_write(mpnt);', ' \tretval = copy_page_range(tmp, mpnt);'], 'wp_fault'],
    ['do_numa_page', ['+\tif (is_migration_entry(entry))', '+\t\tmigration_entry_wait(mm, pmd, addr);'], 'migration'],
    ['shrink_one', ['+\tif (!try_to_unmap(folio, flags))', ' \t\tgoto keep;'], 'reclaim'],
  ];
  for (const [fn, lines, expected] of cases) {
    const { text, verdicts } = draftOf(fn, lines);
    assert.equal(adversaryOf(text), expected, fn);
    assert.deepEqual(Object.keys(verdicts), ['after', 'before'], fn);
  }
});

test('swapoff against a swap-in: without get_swap_device the device is used after it is freed; with it, ok', () => {
  const { verdicts } = draftOf('do_swap_page', [
    '-\tsi = swp_swap_info(entry);',
    '+\tsi = get_swap_device(entry);',
    ' \tpage = lookup_swap_cache(entry, vma, addr);',
    ' \tswap_free(entry);',
    '+\tput_swap_device(si);',
  ]);
  assert.deepEqual(verdicts, { after: 'ok', before: 'violation' });
});

test('a thread releases only what it took: an unlock whose lock was taken before the hunk does not drop the adversary\'s hold', () => {
  const { text, verdicts } = draftOf('move_ptes', [' \tflush_tlb_range(vma, start, end);', '+\tspin_unlock(new_ptl);', '-\tspin_unlock(new_ptl);']);
  assert.equal(adversaryOf(text), 'holder');
  assert.deepEqual(verdicts, { after: 'ok', before: 'ok' });
});

test('a lock the hunk takes but never releases is dropped at the function\'s end: no false deadlock', () => {
  const { text, verdicts } = draftOf('queue_pages_pmd_range', ['-\tif (pmd_none_or_clear_bad(pmd))', '+\tif (pmd_none_or_trans_huge_or_clear_bad(pmd))', ' \t\tcontinue;', ' \tspin_lock(&vma->vm_mm->page_table_lock);']);
  assert.match(text, /exit:\n\s+does: "queue_pages_pmd_range: return \(drops what it still holds\)"/);
  // Not a deadlock: before's violation is the THP fault's huge pmd cleared as bad (draft-invariants.test.ts).
  assert.deepEqual(verdicts, { after: 'ok', before: 'violation' });
});
