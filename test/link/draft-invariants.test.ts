// A `sim new` draft is meaningful as written: its adversary's default invariant is stated and
// checked, so a `before` that races shows a violation and the fix shows none, in drafts built
// from hand-written patch facts. Also: the pte lock and the per-VMA lock are read as locks, and an
// `if` whose condition the kernel model can evaluate becomes a branch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PatchFacts } from '../../src/link/patch-facts.js';
import { lockUses } from '../../src/link/lock-uses.js';
import { raceDraft } from '../../src/link/skeleton.js';
import { branches, translateCondition } from '../../src/link/draft-branches.js';
import { explore } from '../../src/sim/engine/explore.js';
import { scenarioFromText } from '../../src/sim/race-file/load.js';

function draftOf(fn: string, lines: string[]) {
  const hunks = [{ fn, lines }];
  const facts: PatchFacts = {
    id: 1, messageId: `${fn}@example.org`, ordinal: 1, origin: 'inline', subject: `fix ${fn}`, author: null, patchId: null,
    version: null, part: null, partTotal: null, thread: null, touched: [fn], mentioned: [], called: [], hunks, locks: lockUses(hunks), lines: [],
  };
  const draft = raceDraft(facts);
  assert.ok(draft.ok, draft.ok ? '' : draft.error);
  const scenario = scenarioFromText(draft.text, `${draft.id}.race.yaml`);
  const verdicts = Object.fromEntries(scenario.variants.map((v) => {
    const f = explore(v.build()).finding;
    return [v.name, f ? f.invariant : 'ok'];
  }));
  return { text: draft.text, verdicts };
}

test('munmap: a fault that sets the pte without the mmap lock maps into the range munmap is tearing down; with mmap_read_lock it cannot', () => {
  const { text, verdicts } = draftOf('do_anonymous_page', ['+\tmmap_read_lock(mm);', ' \tset_pte_at(mm, addr, pte, entry);', '+\tmmap_read_unlock(mm);']);
  assert.match(text, /^ {2}nothing-mapped-after-munmap:\n {4}says: "While munmap tears a range down/m);
  assert.deepEqual(verdicts, { after: 'ok', before: 'nothing-mapped-after-munmap' });
});

test('GUP-fast: a clean page unmapped for good under a pin is lost unless the unmap re-checks the references', () => {
  const { text, verdicts } = draftOf('discard_one', [
    ' \tpteval = ptep_clear_flush(vma, address, pte);',
    '-\tif (!PageDirty(page))',
    '+\tif (!PageDirty(page) && page_ref_count(page) == 1 + page_mapcount(page))',
    ' \t\tgoto discard;',
    ' \tset_pte_at(mm, address, pte, pteval);',
    ' \treturn false;',
    'discard:',
    ' \tput_page(page);',
  ]);
  assert.match(text, /^ {2}gup_fast: {4}# the adversary/m);
  assert.match(text, /if !\(!pages\.P1\.dirty && pages\.P1\.ref == 1 \+ pages\.P1\.mapcount\) \{ goto s\d+ \}/);
  assert.deepEqual(verdicts, { after: 'ok', before: 'pinned-page-stays-mapped' });
});

test('a stale TLB entry: a pte cleared without a flush reaches a page munmap frees, unless flushed under the pte lock', () => {
  const { verdicts } = draftOf('move_one', [
    ' \tptep = pte_offset_map_lock(mm, pmd, old, &ptl);',
    ' \tpte = ptep_get_and_clear(mm, old, ptep);',
    ' \tset_pte_at(mm, new, newp, pte);',
    '+\tflush_tlb_range(vma, old, old + PAGE_SIZE);',
    ' \tpte_unmap_unlock(ptep, ptl);',
  ]);
  assert.deepEqual(verdicts, { after: 'ok', before: 'no-stale-tlb-to-freed-page' });
});

test('fork: a fault under the per-VMA lock copies a page fork has write-protected but not flushed; vma_start_write makes it wait', () => {
  const { text, verdicts } = draftOf('dup_one', [' \tmmap_write_lock(oldmm);', '+\tvma_start_write(mpnt);', ' \tcopy_page_range(tmp, mpnt);', ' \tflush_tlb_mm(oldmm);', ' \tmmap_write_unlock(oldmm);']);
  assert.match(text, /^ {2}wp_fault: {4}# the adversary/m);
  assert.deepEqual(verdicts, { after: 'ok', before: 'no-cow-copy-under-stale-tlb' });
});

test('every adversary states a named invariant with a real check', () => {
  const cases: [string, string[], string][] = [
    ['do_swap_page', ['+\tsi = get_swap_device(entry);', ' \tswap_free(entry);'], 'swap-device-held'],
    ['filemap_fault', ['+\tlock_page(page);', ' \tset_pte_at(mm, addr, pte, entry);'], 'no-orphan-pte'],
    ['seq_reader', ['+\tseq = read_seqcount_begin(&s->seq);', ' \tif (read_seqcount_retry(&s->seq, seq))'], 'write-sections-closed'],
    ['holder_one', ['+\tspin_lock(&a->lock);', ' \tspin_unlock(&a->lock);'], 'locks-released'],
    ['walk_one', ['+\tif (pmd_trans_unstable(pmd))', ' \t\treturn 0;'], 'huge-pmd-kept'],
  ];
  for (const [fn, lines, name] of cases) {
    const { text, verdicts } = draftOf(fn, lines);
    assert.match(text, new RegExp(`^ {2}${name}:\\n {4}says: "[^"]+"\\n(?: {4}at: end\\n)? {4}check: \\|\\n {6}\\S`, 'm'), fn);
    assert.deepEqual(Object.keys(verdicts), ['after', 'before'], fn);
  }
});

test('the pte lock, the per-VMA lock and the mmap lock downgrade are read as locks', () => {
  const uses = lockUses([{ fn: 'f', lines: [
    ' \tpte = pte_offset_map_lock(mm, pmd, addr, &ptl);', ' \tpte_unmap_unlock(pte, ptl);', '+\tvma_start_write(vma);', ' \tif (!vma_start_read(vma))',
    ' \tvma_end_read(vma);', ' \tmmap_write_downgrade(mm);', ' \tspin_lock_nested(new_ptl, SINGLE_DEPTH_NESTING);',
  ] }]);
  assert.deepEqual(uses.map((u) => `${u.name} ${u.kind} ${u.op}`), [
    'ptl spinlock take', 'ptl spinlock release', 'vm_lock rwsem take', 'vm_lock rwsem try', 'vm_lock rwsem release', 'mmap_lock rwsem release', 'new_ptl spinlock take',
  ]);
});

test('conditions the kernel model can evaluate are translated, others are not; a removed if is read in the code before the patch', () => {
  const aliases = new Map([['ref_count', '(pages.P1.ref)']]);
  assert.equal(translateCondition('!PageDirty(page) && ref_count == 1 + page_mapcount(page)', aliases), '!pages.P1.dirty && (pages.P1.ref) == 1 + pages.P1.mapcount');
  assert.equal(translateCondition('unlikely(pte_none(*pte))', aliases), '(pte_none(mm, 0))');
  for (const c of ['PageAnon(page)', 'flags & FOLL_WRITE', 'ret = 0', 'map_count > 1']) assert.equal(translateCondition(c, aliases), null, c);
  const found = branches(['-\tif (!PageDirty(page)) {', '+\tif (!PageDirty(page) && page_count(page) == 2) {', ' \t\tgoto out;', ' \t}', ' \tset_pte_at(mm, a, pte, v);', 'out:', ' \tput_page(page);']);
  assert.deepEqual([...found.keys()], [0, 1]);
  assert.deepEqual(found.get(0), { text: '!PageDirty(page)', cond: '!pages.P1.dirty', skipTo: 4, bodyFrom: 2, jump: { line: 2, to: 5 } });
  assert.deepEqual(found.get(1)!.jump, { line: 2, to: 5 });
  assert.equal(found.get(1)!.skipTo, 4);
});

test('a pte dirty bit: a flag set when the kept pte is dirty skips the flush for a clean pte; the fix flushes every present one', () => {
  const { text, verdicts } = draftOf('move_one', [
    ' \tbool force_flush = false;',
    ' \tptep = pte_offset_map_lock(mm, pmd, old, &ptl);',
    ' \tpte = ptep_get_and_clear(mm, old, ptep);',
    '-\tif (pte_present(pte) && pte_dirty(pte))',
    '+\tif (pte_present(pte))',
    ' \t\tforce_flush = true;',
    ' \tset_pte_at(mm, new, newp, pte);',
    ' \tif (force_flush)',
    ' \t\tflush_tlb_range(vma, old, old + PAGE_SIZE);',
    ' \tpte_unmap_unlock(ptep, ptl);',
  ]);
  assert.match(text, /kept_present = !pte_none\(mm, 0\); kept_dirty = kept_present && pte_dirty_bit/);
  assert.match(text, /^ {2}store:\n {4}steps:\n {6}write:/m, 'a store may dirty the pte before or after the clear');
  assert.match(text, /- replace: s\d+\n {10}does: "move_one: if \(force_flush\) \[before the patch\]"\n {10}run: "if !\(\(kept_present && kept_dirty\)\) \{ goto s\d+ \}"/);
  assert.deepEqual(verdicts, { after: 'ok', before: 'no-stale-tlb-to-freed-page' });
});

test('a flag set under a condition stands for it when that reads only kept values; set under a shared read, or unconditionally unknown, it is not evaluated', () => {
  const kept = branches([' \tbool flush = false;', ' \tpte = ptep_get_and_clear(mm, a, ptep);', ' \tif (pte_dirty(pte))', ' \t\tflush = true;', ' \tif (flush)', ' \t\tflush_tlb_page(vma, a);']);
  assert.equal(kept.get(4)!.cond, '(kept_dirty)');
  const shared = branches([' \tbool flush = false;', ' \tif (pte_dirty(*ptep))', ' \t\tflush = true;', ' \tpte_clear(mm, a, ptep);', ' \tif (flush)', ' \t\tflush_tlb_page(vma, a);']);
  assert.equal(shared.get(1)!.cond, '(!pte_none(mm, 0) && pte_dirty_bit)');
  assert.equal(shared.get(4), undefined, 'the pte changed between the test and the flag');
  const reassigned = branches([' \tbool flush = false;', ' \tflush = need_flush(vma);', ' \tif (flush)', ' \t\tflush_tlb_page(vma, a);']);
  assert.equal(reassigned.get(2), undefined, 'an assignment the draft cannot read forgets what the flag held');
  assert.equal(translateCondition('pte_present(pte)', new Map()), null, 'a pte value not kept from a clear');
  assert.equal(translateCondition('unlikely(pmd_trans_huge(*pmd))', new Map()), "((pmd == 'huge'))");
});

test('THP: a pmd walk that takes a huge pmd for a bad one clears it under a THP fault; testing for a huge pmd first leaves it', () => {
  const { text, verdicts } = draftOf('walk_pmds', [
    ' \tsplit_huge_pmd(vma, pmd, addr);',
    '-\tif (pmd_none_or_clear_bad(pmd))',
    '+\tif (pmd_none_or_trans_huge_or_clear_bad(pmd))',
    ' \t\tcontinue;',
    ' \tspin_lock(&mm->page_table_lock);',
    ' \tspin_unlock(&mm->page_table_lock);',
  ]);
  assert.match(text, /^ {2}thp_fault: {4}# the adversary/m);
  assert.match(text, /^ {2}pmd: 'none' /m);
  assert.match(text, /when: "can_read\(mmap_lock\)"/, 'the fault holds mmap_lock for read, as the walk does');
  assert.deepEqual(verdicts, { after: 'ok', before: 'huge-pmd-kept' });
});

test('munmap downgrade: a stack grows into the detached range under the read lock unless detach_vmas_to_be_unmapped says not to downgrade', () => {
  const { text, verdicts } = draftOf('__do_munmap', [
    ' \tprev = vma->vm_prev;',
    '-\tdetach_vmas_to_be_unmapped(mm, vma, prev, end);',
    '+\tif (!detach_vmas_to_be_unmapped(mm, vma, prev, end))',
    '+\t\tdowngrade = false;',
    ' \tif (downgrade)',
    ' \t\tmmap_write_downgrade(mm);',
    ' \tunmap_region(mm, vma, prev, start, end);',
  ]);
  assert.match(text, /^ {2}stack_grow: {4}# the adversary/m);
  // The caller holds mmap_lock for writing; the flag the patch clears under detach's answer guards the downgrade.
  assert.match(text, /caller_mmap_lock:\n.*\n\s+waits: "lock"\n\s+when: "can_write\(mmap_lock\)"/);
  assert.match(text, /if \(downgrade\)"\n\s+run: "if !\(\(!\(!!stack_beside\)\)\) \{ goto s\d+ \}"/);
  assert.deepEqual(verdicts, { after: 'ok', before: 'stack-page-kept' });
});
