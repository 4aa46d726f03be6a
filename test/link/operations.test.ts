// The operation vocabulary read from single lines of C, and evidence read per line: a hunk that
// ends one function and starts another charges each changed line to its own function.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changedLineFunctions } from '../../src/patch/index.js';
import { evidenceOf } from '../../src/link/evidence.js';
import { canonicalOperation, operationsOf } from '../../src/link/operations.js';

test('lines of C hold operations in the scenario vocabulary', () => {
  const cases: [string, string[]][] = [
    ['\tspin_lock(&mm->page_table_lock);', ['lock:page_table_lock']],
    ['\tvmf->pte = pte_offset_map_lock(vma->vm_mm, vmf->pmd, addr, &vmf->ptl);', ['lock:ptl']],
    ['\tmmap_read_lock(mm);', ['lock:mmap_sem']],
    ['\tdown_read(&mm->mmap_sem);', ['lock:mmap_sem']],
    ['\t\tvma_end_read(vma);', ['lock:vm_lock']],
    ['\tif (!trylock_page(page))', ['flag:PG_locked']],
    ['\tif (PageWriteback(page))', ['flag:PG_writeback']],
    ['\tSetPageSticky(page);', ['flag:PG_sticky']],
    ['\tseq = fr_read_begin(&mapping->truncate_lock);', ['seqcount-read:truncate_lock']],
    ['\tif (read_seqcount_retry(&vma->vm_sequence, seq))', ['seqcount-retry:vm_seq']],
    ['\tsequence = mapping->truncate_count;', ['seqcount-read:truncate_count']],
    ['\tif (unlikely(sequence != mapping->truncate_count)) {', ['seqcount-retry:truncate_count']],
    ['\tatomic_inc(&mapping->truncate_count);', ['seqcount-write:truncate_count']],
    ['\trcu_read_lock();', ['rcu']],
    ['\tidx = srcu_read_lock(&vma_srcu);', ['srcu']],
    ['\tset_pte_at(mm, address, page_table, entry);', ['set_pte']],
    ['\tmax_idx = DIV_ROUND_UP(i_size_read(inode), PAGE_SIZE);', ['i_size']],
    ['\tif (page->mapping != mapping)', ['page-mapping']],
    ['\tvma = find_vma(mm, address);', ['vma-lookup']],
    ['\t*ptep = pte;', []],
    ['\tcount_memcg_event_mm(vma->vm_mm, PGFAULT);', []],
    ['\t/* set_pte() under page_table_lock */ x = 1;', []],
  ];
  for (const [line, expected] of cases) assert.deepEqual(operationsOf(line), expected, line);
  assert.equal(canonicalOperation('lock:mmap_lock'), 'lock:mmap_sem');
  assert.equal(canonicalOperation('flag:PG_locked'), 'flag:PG_locked');
});

test('each changed line is charged to the function it is in, not to the hunk\'s first', () => {
  const hunk = [
    ' \tset_pte(page_table, entry);',
    '-\tspin_unlock(&mm->page_table_lock);',
    '+\tspin_unlock(&mm->page_table_lock);',
    ' }',
    ' ',
    ' static void other_function(struct mm_struct *mm)',
    ' {',
    '+\tset_pte(ptep, pte);',
    ' }',
  ];
  const lines = changedLineFunctions(hunk, 'static int do_no_page(struct mm_struct *mm, struct vm_area_struct *vma,', 'mm/memory.c', false);
  assert.deepEqual(lines.map((l) => [l.side, l.fn]), [['removed', 'do_no_page'], ['added', 'do_no_page'], ['added', 'other_function']]);
  const code = [
    { function: 'do_no_page', operation: 'set_pte', step: 'fault step 9: set_pte' },
    { function: 'do_no_page', operation: 'lock:page_table_lock', step: 'fault step 8: spin_lock(page_table_lock)' },
  ];
  const evidence = evidenceOf(lines, code);
  // The set_pte here is in other_function: only the unlock in do_no_page is evidence.
  assert.deepEqual(evidence.map((e) => [e.side, e.function, e.operation, e.line]), [
    ['removed', 'do_no_page', 'lock:page_table_lock', 'spin_unlock(&mm->page_table_lock);'],
    ['added', 'do_no_page', 'lock:page_table_lock', 'spin_unlock(&mm->page_table_lock);'],
  ]);
  // Not C: no function is known for any line.
  assert.ok(changedLineFunctions(hunk, 'static int do_no_page(void)', 'Documentation/mm.rst', false).every((l) => l.fn === null));
});
