// For `sim new` drafts: the memory-management operations on a patch's lines that are not locks
// (ptes, page references, the page cache, vmas, swap and migration entries, fork's copy, reclaim),
// and the adversary thread picked from the catalog's usual suspects by the objects the patch's
// operations touch. The verbs are finer than operations.ts's vocabulary (a reference taken or
// dropped, a pte set or cleared) and reach swap, migration, fork and reclaim, which it has no
// words for. One adversary per draft, the first rule that matches:
//
//   swap entries or the swap device   → swapoff (frees the device unless get_swap_device holds it)
//   migration entries                 → migration (unmaps the page and maps its copy)
//   fork's copy (copy_page_range …)   → a write fault in the parent (the per-VMA lock, else mmap_lock)
//   reclaim (try_to_unmap …)          → reclaim (trylock_page, unmap, unlock)
//   a pmd test or split (pmd_trans_huge, pmd_none_or_clear_bad …)
//                                     → a THP fault (mmap_lock for read, installs a huge pmd)
//   page lock or page cache           → truncate (unmap the pte, lock_page, delete from the cache)
//   a pte with a page reference/flag  → GUP-fast (lockless: read the pte, get_page, re-check)
//   page flags                        → truncate
//   vmas detached from the tree (detach_vmas_to_be_unmapped)
//                                     → a stack expansion (mmap_lock for read, grows into the hole)
//   mmap lock, a vma or a pte         → munmap (down_write, zap the pte, up_write)
//   a sequence count                  → a writer; otherwise another holder of the first lock.
//
// The draft's world is one address (mm, 0) and one page (P1). Threads zap it under the pte lock
// when the draft has one. A pte cleared without a flush (ptep_get_and_clear) or write-protected
// (fork's copy) leaves `tlb`: the page another CPU can still reach through its TLB until a
// flush_tlb_*(). The adversaries do not flush it: the single address stands for the one the
// thread moved away from or write-protected, which their own flushes do not cover.
//
// The draft's pmd (at the same address) is the plain `pmd`: 'none', 'table' (a page table) or
// 'huge' (a transparent huge page, `huge`, which the THP fault maps with map count 1).
// pmd_none_or_clear_bad() takes a huge pmd for a bad one and clears it, without the rmap; the tests
// that know huge pmds (pmd_trans_huge, pmd_none_or_trans_huge_or_clear_bad, pmd_trans_unstable)
// leave it; a split turns it into a table still mapping the page.
//
// A draft that detaches vmas (munmap) has a VM_GROWSDOWN stack vma just above the range
// (`stack_beside`, the stack adversary's world): once the range's vmas have left the tree
// (`detached`), expand_downwards may grow the stack into it under mmap_lock for read and fault a
// page in (`grown`, `stack_page`). detach_vmas_to_be_unmapped() answers whether mmap_lock may be
// downgraded: not next to a growing stack (draft-branches.ts reads it as `!stack_beside`).

/** What a line does to a kernel object, beside the locks lock-uses.ts reads. */
export type DataKind = 'swap-get' | 'swap-put' | 'pte-test' | 'pte-set' | 'pte-clear' | 'pte-clear-flush' | 'zap' | 'tlb-flush' | 'wrprotect'
  | 'page-get' | 'page-put' | 'page-count' | 'cache' | 'vma' | 'swap' | 'migration' | 'fork' | 'reclaim'
  | 'pmd-clear-bad' | 'pmd-huge-test' | 'pmd-split' | 'vma-detach';

const DATA_RULES: [RegExp, DataKind][] = [
  [/\b(pte_none|pte_same|pte_present|pmd_none|pmd_same)\s*\(/g, 'pte-test'],
  [/\b(set_pte_at|set_pte|set_ptes|pte_mkwrite|do_set_pte|set_pte_range)\s*\(/g, 'pte-set'],
  [/\b(pte_clear|ptep_get_and_clear(?:_full)?)\s*\(/g, 'pte-clear'],
  [/\b(ptep_clear_flush)\s*\(/g, 'pte-clear-flush'],
  [/\b(zap_pte_range|zap_page_range(?:_single)?|unmap_mapping_range|unmap_region|unmap_vmas)\s*\(/g, 'zap'],
  [/\b(flush_tlb_(?:range|mm|page|all)|flush_tlb_batched_pending|tlb_finish_mmu)\s*\(/g, 'tlb-flush'],
  [/\b(ptep_set_wrprotect|pte_wrprotect)\s*\(/g, 'wrprotect'],
  [/\b(get_page|folio_get|try_get_page|get_page_unless_zero|folio_try_get|try_grab_(?:page|folio)|page_ref_inc|get_user_pages(?:_fast|_unlocked|_remote)?|pin_user_pages(?:_fast)?)\s*\(/g, 'page-get'],
  [/\b(put_page|folio_put|page_ref_dec|unpin_user_page|put_user_page)\s*\(/g, 'page-put'],
  [/\b(page_ref_count|page_count|folio_ref_count|page_mapcount|folio_mapcount)\s*\(/g, 'page-count'],
  [/\b(find_get_page|find_lock_page|filemap_get_folio|__filemap_get_folio|add_to_page_cache(?:_lru)?|filemap_add_folio|delete_from_page_cache|filemap_remove_folio|truncate_inode_pages(?:_range)?|i_size_read)\s*\(/g, 'cache'],
  [/\b(find_vma|vm_area_dup|vma_lookup)\s*\(/g, 'vma'],
  [/\b(detach_vmas_to_be_unmapped)\s*\(/g, 'vma-detach'],
  [/\b(get_swap_device)\s*\(/g, 'swap-get'],
  [/\b(put_swap_device)\s*\(/g, 'swap-put'],
  [/\b(swap_duplicate|swap_free|lookup_swap_cache|swapcache_prepare|swp_swap_info|__swap_count|swap_readpage|swap_read_folio)\s*\(/g, 'swap'],
  [/\b(is_migration_entry|migration_entry_wait|make_migration_entry|remove_migration_ptes|migrate_pages?|try_to_migrate)\s*\(/g, 'migration'],
  [/\b(copy_page_range|copy_pte_range|copy_present_pte|dup_mmap|page_dup_rmap|page_try_dup_anon_rmap)\s*\(/g, 'fork'],
  [/\b(pmd_none_or_clear_bad|pmd_clear_bad)\s*\(/g, 'pmd-clear-bad'],
  [/\b(pmd_trans_huge|pmd_none_or_trans_huge_or_clear_bad|pmd_trans_unstable|pmd_devmap_trans_unstable)\s*\(/g, 'pmd-huge-test'],
  [/\b(split_huge_page_pmd|split_huge_pmd|__split_huge_pmd)\s*\(/g, 'pmd-split'],
  [/\b(try_to_unmap|shrink_page_list|shrink_folio_list|page_referenced|folio_referenced|pageout)\s*\(/g, 'reclaim'],
];

export interface DataOp { kind: DataKind; call: string }

/** The data operations on one line of code (without its diff sign), in order. */
export function dataOps(code: string): DataOp[] {
  if (!code.includes('(')) return [];
  const found: { at: number; op: DataOp }[] = [];
  for (const [pattern, kind] of DATA_RULES) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(code); m; m = pattern.exec(code)) found.push({ at: m.index, op: { kind, call: `${m[1]}()` } });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.op);
}

/**
 * A step for a data operation, on the draft's one pte (mm, address 0) and page (P1). `mine` is the
 * page whose reference the thread holds: a pte it cleared hands it the pte's reference and rmap,
 * which set_pte_at hands back (a move, a restore) or put_page drops; `refs` counts the others it holds.
 * Tests only note what they see.
 */
export function dataStep(op: DataOp): Record<string, string> {
  // Clearing a pte leaves the page's rmap (its map count) until page_remove_rmap, when the thread drops it.
  const take = "if !pte_none(mm, 0) { mine = mm.ptes[0].page; get_page(mine); clear_pte(mm, 0); pages[mine].mapcount++";
  switch (op.kind) {
    case 'pte-test': return { run: "note pte_none(mm, 0) ? 'pte none' : 'pte present'" };
    case 'pte-set': return { run: "if !pte_none(mm, 0) { note 'pte already set' } else if mine != null { pages[mine].mapcount--; set_pte(mm, 0, mine, true); mine = null }\nelse if !pages.P1.freed { get_page('P1'); set_pte(mm, 0, 'P1', true) } else { note 'P1 is freed: nothing to map' }" };
    case 'pte-clear': return { run: `${take}; tlb = mine; note \"not flushed: another CPU may still reach {mine}\" } else { note 'no pte' }` };
    case 'pte-clear-flush': return { run: `${take} } else { note 'no pte' }` };
    case 'zap': return { run: "if !pte_none(mm, 0) { clear_pte(mm, 0) } else { note 'no pte' }" };
    case 'tlb-flush': return { run: 'tlb = null' };
    case 'wrprotect': return { run: "if !pte_none(mm, 0) { mm.ptes[0].writable = false; tlb = mm.ptes[0].page }" };
    // The child maps the page too (its reference); the parent's pte is write-protected, its TLB not yet flushed.
    case 'fork': return { run: "if !pte_none(mm, 0) { mm.ptes[0].writable = false; tlb = mm.ptes[0].page; get_page(mm.ptes[0].page) }" };
    case 'page-get': return { run: "get_page('P1'); refs++" };
    // `refs`: the references the thread holds, those taken before its lines included (skeleton.ts).
    case 'page-put': return { run: "if mine != null { pages[mine].mapcount--; put_page(mine); mine = null } else if refs > 0 { put_page('P1'); refs-- } else { note 'no reference of ours to drop' }" };
    case 'page-count': return { run: "note pages.P1.freed ? 'P1 freed' : 'P1: {pages.P1.ref} references, {pages.P1.mapcount} mappings'" };
    // get_swap_device() holds swapoff off until put_swap_device(); a use of the swap device after
    // swapoff freed it is the use-after-free the swapoff adversary looks for.
    case 'swap-get': return { run: "if swap_on { swap_users++ } else { note 'swapoff done: bail out'; done }" };
    case 'swap-put': return { run: "if swap_users > 0 { swap_users-- }" };
    case 'pmd-clear-bad': return { run: "if pmd == 'huge' { pmd = 'none'; note 'pmd_bad() on a huge pmd: cleared as bad' } else { note \"pmd {pmd}\" }" };
    case 'pmd-huge-test': return { run: "note \"pmd {pmd}\"" };
    case 'pmd-split': return { run: "if pmd == 'huge' { pmd = 'table'; note \"split: a page table maps {huge}\" }" };
    case 'vma-detach': return { run: 'detached = true' };
    case 'swap': return { run: `if !swap_on { fault 'use-after-free' "${op.call} after swapoff freed the swap device" }` };
    default: return { run: `note '${op.call}: not modelled, TODO'` };
  }
}

/**
 * The line a clearing step starts with when the code keeps the pte value it returns (`pte =
 * ptep_get_and_clear(…)`) and tests it later: was it present, was it dirty (draft-branches.ts).
 */
export const keepPte = (dirty: boolean): string =>
  ['kept_present = !pte_none(mm, 0)', ...(dirty ? ['kept_dirty = kept_present && pte_dirty_bit'] : [])].join('; ');

/**
 * When the threads read the pte's dirty bit: a store through the mapping, which sets it (the MMU
 * does, without a lock). It runs before or after they look, so both values are explored. The bit
 * is the pte's at the draft's one address; a pte moved keeps it (set_pte_at of the kept value).
 */
export const PTE_STORE: Adversary = { name: 'store', steps: [
  ['write', { does: 'a store through the mapping: the MMU sets the pte dirty bit', run: 'if !pte_none(mm, 0) { pte_dirty_bit = true }' }],
] };

/** What the draft's steps work on, gathered while they are written. */
export interface Objects {
  locks: Set<string>; rwsems: Set<string>; seqs: Set<string>; rcu: boolean;
  /** Page flags are tested or set; `pageLock`: the page lock is taken, tried or released. */
  page: boolean; pageLock: boolean;
  data: Set<DataKind>;
}

export interface Adversary { name: string; locals?: string; steps: [string, Record<string, string>][] }

type Steps = [string, Record<string, string>][];

const WITH_MMAP_LOCK = (sem: string, name: string, steps: Steps): Steps => [
  ['down', { does: `${name}: down_write(${sem})`, waits: 'lock', when: `can_write(${sem})`, run: `down_write(${sem})` }],
  ...steps,
  ['up', { does: `${name}: up_write(${sem})`, run: `up_write(${sem})` }],
];

/** The page-table lock the draft's threads take, if any: the adversaries change the pte under it too. */
export const ptlOf = (o: Objects): string | undefined => [...o.locks].find((l) => /(?:^|_)ptl$|^page_table_lock$/.test(l));

/** A step that changes the pte: atomic, so waiting for the pte lock to be free stands for taking and dropping it. */
const underPtl = (o: Objects, fields: Record<string, string>): Record<string, string> => {
  const ptl = ptlOf(o);
  return ptl ? { ...fields, does: `${fields.does} (under ${ptl})`, waits: 'lock', when: `can_lock(${ptl})` } : fields;
};

/** The mmap lock the draft uses, declared when it has none. */
function mmapSem(o: Objects): string {
  const sem = [...o.rwsems].find((r) => /mmap/.test(r) && !/nested/.test(r)) ?? [...o.rwsems].find((r) => r !== 'vm_lock') ?? 'mmap_lock';
  o.rwsems.add(sem);
  return sem;
}

/** The adversary: who in the catalog works on these objects (the table at the top). */
export function adversary(o: Objects, locks: string[]): Adversary {
  const d = o.data;
  const ptes = ['pte-set', 'pte-clear', 'pte-clear-flush', 'pte-test', 'zap', 'wrprotect'].some((k) => d.has(k as DataKind));
  if (d.has('swap') || d.has('swap-get') || d.has('swap-put')) {
    return { name: 'swapoff', steps: [
      ['unuse', { does: 'swapoff: try_to_unuse, then waits for get_swap_device() users and frees the device', waits: 'sleep', when: 'swap_users == 0', run: 'swap_on = false' }],
    ] };
  }
  if (d.has('migration')) {
    return { name: 'migration', steps: [
      ['lock', { does: 'migrate_pages: lock_page', waits: 'lock', when: "pages.P1.freed || !pages.P1.locked", run: "lock_page('P1')" }],
      ['unmap', underPtl(o, { does: 'try_to_migrate: the pte becomes a migration entry', run: "if !pte_none(mm, 0) { clear_pte(mm, 0) }" })],
      ['remap', underPtl(o, { does: 'remove_migration_ptes: the pte maps the page again, unlock_page', run: "if pte_none(mm, 0) { get_page('P1'); set_pte(mm, 0, 'P1', true) }\nunlock_page('P1')" })],
    ] };
  }
  if (d.has('fork')) {
    // The thread is fork itself: its adversary is a write fault in the parent, under the per-VMA
    // lock when it can read it (6.4), else under mmap_lock.
    const sem = mmapSem(o);
    const vma = o.rwsems.has('vm_lock');
    return { name: 'wp_fault', locals: '{ via: null, p: null }', steps: [
      ['lock', { does: vma ? 'lock_vma_under_rcu: the vma read lock, else fall back to mmap_lock' : 'do_user_addr_fault: no per-VMA lock in this draft',
        run: vma ? "if can_read(vm_lock) { down_read(vm_lock); via = 'vma'; goto fault }\nnote 'vma write-locked: fall back to mmap_lock'" : "note 'mmap_lock'" }],
      ['mmap', { does: `lock_mm_and_find_vma: mmap_read_lock (${sem})`, waits: 'lock', when: `can_read(${sem})`, run: `down_read(${sem}); via = 'mmap'` }],
      ['fault', underPtl(o, { does: 'do_wp_page: a write to the page; a write-protected pte is copied (COW)', run: [
        "if pte_none(mm, 0) { note 'no pte: nothing to write'; goto unlock }",
        'p = mm.ptes[0].page',
        'if mm.ptes[0].writable { note "writable: stored into {p}"; goto unlock }',
        'if tlb == p { stale_copy = true }',
        'let c = alloc_page({ ref: 1 })',
        'clear_pte(mm, 0)',
        'set_pte(mm, 0, c, true)',
        'note "COW: copied {p} to {c}"',
      ].join('\n') })],
      ['unlock', { does: 'the fault drops the lock it took', run: vma ? `if via == 'vma' { up_read(vm_lock) } else { up_read(${sem}) }` : `up_read(${sem})` }],
    ] };
  }
  if (d.has('reclaim')) {
    return { name: 'reclaim', steps: [
      ['trylock', { does: 'shrink_folio_list: trylock_page', run: "if !trylock_page('P1') { note 'page busy: skip'; done }" }],
      ['unmap', underPtl(o, { does: 'try_to_unmap: zap the pte', run: "if !pte_none(mm, 0) { clear_pte(mm, 0) }" })],
      ['unlock', { does: 'shrink_folio_list: unlock_page', run: "unlock_page('P1')" }],
    ] };
  }
  if (d.has('pmd-clear-bad') || d.has('pmd-huge-test') || d.has('pmd-split')) {
    // A THP fault holds mmap_lock for read, as the walkers do: nothing keeps it from the pmd they test.
    const sem = mmapSem(o);
    return { name: 'thp_fault', steps: [
      ['mmap', { does: `do_user_addr_fault: mmap_read_lock (${sem})`, waits: 'lock', when: `can_read(${sem})`, run: `down_read(${sem})` }],
      ['huge', underPtl(o, { does: 'do_huge_pmd_anonymous_page: an empty pmd gets a huge page', run: "if pmd == 'none' { huge = alloc_page({ mapcount: 1 }); pmd = 'huge'; note \"huge pmd maps {huge}\" } else { note \"pmd {pmd}: no THP\" }" })],
      ['up', { does: `the fault drops ${sem}`, run: `up_read(${sem})` }],
    ] };
  }
  const gupFast = ptes && (d.has('page-get') || d.has('page-put') || d.has('page-count') || o.page);
  if (o.pageLock || d.has('cache') || (o.page && !gupFast)) {
    return { name: 'truncate', locals: '{ took: false }', steps: [
      ['unmap', underPtl(o, { does: 'unmap_mapping_range: zap the pte mapping the page', run: "if !pte_none(mm, 0) { clear_pte(mm, 0) }" })],
      ['lock', { does: 'truncate_inode_pages: lock_page', waits: 'lock', when: "pages.P1.freed || !pages.P1.locked", run: "lock_page('P1')" }],
      ['delete', { does: 'truncate_inode_pages: delete_from_page_cache', run: "if in_page_cache(file, 'P1') { get_page('P1'); took = true; delete_from_page_cache(file, 'P1') }" }],
      ['unlock', { does: 'truncate_inode_pages: unlock_page, put_page', run: "unlock_page('P1')\nif took { put_page('P1') }" }],
    ] };
  }
  if (gupFast) {
    return { name: 'gup_fast', locals: '{ p: null }', steps: [
      ['read', { does: 'gup_pte_range: read the pte (interrupts off, no lock)', run: "if pte_none(mm, 0) { note 'no pte: slow path'; done }\np = mm.ptes[0].page" }],
      ['pin', { does: 'gup_pte_range: get_page, re-check the pte; the pin is held for the I/O', run: "get_page(p)\nif pte_none(mm, 0) || mm.ptes[0].page != p { put_page(p); note 'pte changed: back off' } else { pinned = p; note \"pinned {p}\" }" }],
    ] };
  }
  if (d.has('vma-detach')) {
    // The range's vmas have left the tree: a stack vma beside it may grow into the hole.
    const sem = mmapSem(o);
    return { name: 'stack_grow', steps: [
      ['mmap', { does: `do_user_addr_fault: mmap_read_lock (${sem})`, waits: 'lock', when: `can_read(${sem})`, run: `down_read(${sem})` }],
      ['grow', { does: 'expand_downwards: the stack vma grows down to the address if no vma covers it', run: "if !stack_beside || !detached { note 'a vma still covers the address: no room to grow'; goto up }\ngrown = true" }],
      ['fault', underPtl(o, { does: 'handle_mm_fault: the stack page at the address', run: "if pte_none(mm, 0) { stack_page = alloc_page({ ref: 1 }); set_pte(mm, 0, stack_page, true) } else { stack_page = mm.ptes[0].page; note \"the range's old pte is still there: the stack uses {stack_page}\" }" })],
      ['up', { does: `the fault drops ${sem}`, run: `up_read(${sem})` }],
    ] };
  }
  if (o.rwsems.size || d.has('vma') || ptes) {
    const sem = mmapSem(o);
    const zap: [string, Record<string, string>] = ['zap', underPtl(o, { does: 'unmap_region: zap the pte', run: "if !pte_none(mm, 0) { clear_pte(mm, 0) }\nunmapped = true" })];
    const vma: Steps = o.rwsems.has('vm_lock') ? [['vma', { does: 'munmap: vma_start_write', waits: 'lock', when: 'can_write(vm_lock)', run: 'down_write(vm_lock)' }]] : [];
    const steps = WITH_MMAP_LOCK(sem, 'munmap', [...vma, ...(o.data.size ? [zap] : [])]);
    // `unmapped`: munmap is tearing the range down (from its zap until it drops mmap_lock; after that
    // the range may be mapped anew, legitimately).
    steps[steps.length - 1]![1].run = [...(o.data.size ? ['unmapped = false'] : []), ...(vma.length ? ['up_write(vm_lock)'] : []), `up_write(${sem})`].join('\n');
    return { name: 'munmap', steps };
  }
  const seq = [...o.seqs][0];
  if (seq) {
    return { name: 'writer', steps: [
      ['begin', { does: `writer: ${seq}++ (begin)`, run: `${seq}++` }],
      ['end', { does: `writer: ${seq}++ (end)`, run: `${seq}++` }],
    ] };
  }
  const lock = locks[0] ?? 'a_lock';
  o.locks.add(lock);
  return { name: 'holder', steps: [
    ['take', { does: `another path: lock ${lock}`, waits: 'lock', when: `can_lock(${lock})`, run: `lock(${lock})` }],
    ['release', { does: `another path: unlock ${lock}`, run: `unlock(${lock})` }],
  ] };
}
