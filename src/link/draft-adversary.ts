// For `sim new` drafts: the memory-management operations on a patch's lines that are not locks
// (ptes, page references, the page cache, vmas, swap and migration entries, fork's copy, reclaim),
// and the adversary thread picked from the catalog's usual suspects by the objects the patch's
// operations touch. The verbs are finer than operations.ts's vocabulary (a reference taken or
// dropped, a pte set or cleared) and reach swap, migration, fork and reclaim, which it has no
// words for. One adversary per draft, the first rule that matches:
//
//   swap entries or the swap device   → swapoff (frees the device unless get_swap_device holds it)
//   migration entries                 → migration (unmaps the page and maps its copy)
//   fork's copy (copy_page_range …)   → fork (copies the pte, takes a reference)
//   reclaim (try_to_unmap …)          → reclaim (trylock_page, unmap, unlock)
//   page lock or page cache           → truncate (lock_page, delete from the cache)
//   a pte with a page reference       → GUP-fast (lockless: read the pte, get_page, re-check)
//   page flags                        → truncate
//   mmap lock, a vma or a pte         → munmap (down_write, zap the pte, up_write)
//   a sequence count                  → a writer; otherwise another holder of the first lock.

/** What a line does to a kernel object, beside the locks lock-uses.ts reads. */
export type DataKind = 'swap-get' | 'swap-put' | 'pte-test' | 'pte-set' | 'pte-clear' | 'page-get' | 'page-put' | 'cache' | 'vma' | 'swap' | 'migration' | 'fork' | 'reclaim';

const DATA_RULES: [RegExp, DataKind][] = [
  [/\b(pte_none|pte_same|pte_present|pmd_none|pmd_same|pte_offset_map_lock)\s*\(/g, 'pte-test'],
  [/\b(set_pte_at|set_pte|set_ptes|pte_mkwrite|do_set_pte|set_pte_range)\s*\(/g, 'pte-set'],
  [/\b(pte_clear|ptep_get_and_clear(?:_full)?|ptep_clear_flush|zap_pte_range|zap_page_range(?:_single)?|unmap_mapping_range)\s*\(/g, 'pte-clear'],
  [/\b(get_page|folio_get|try_get_page|get_page_unless_zero|folio_try_get|try_grab_(?:page|folio)|page_ref_inc|get_user_pages(?:_fast|_unlocked|_remote)?|pin_user_pages(?:_fast)?)\s*\(/g, 'page-get'],
  [/\b(put_page|folio_put|page_ref_dec|unpin_user_page|put_user_page)\s*\(/g, 'page-put'],
  [/\b(find_get_page|find_lock_page|filemap_get_folio|__filemap_get_folio|add_to_page_cache(?:_lru)?|filemap_add_folio|delete_from_page_cache|filemap_remove_folio|truncate_inode_pages(?:_range)?|i_size_read)\s*\(/g, 'cache'],
  [/\b(find_vma|vma_start_write|vma_start_read|vm_area_dup|vma_lookup|lock_vma_under_rcu)\s*\(/g, 'vma'],
  [/\b(get_swap_device)\s*\(/g, 'swap-get'],
  [/\b(put_swap_device)\s*\(/g, 'swap-put'],
  [/\b(swap_duplicate|swap_free|lookup_swap_cache|swapcache_prepare|swp_swap_info|__swap_count|swap_readpage|swap_read_folio)\s*\(/g, 'swap'],
  [/\b(is_migration_entry|migration_entry_wait|make_migration_entry|remove_migration_ptes|migrate_pages?|try_to_migrate)\s*\(/g, 'migration'],
  [/\b(copy_page_range|copy_pte_range|copy_present_pte|dup_mmap|page_dup_rmap|page_try_dup_anon_rmap)\s*\(/g, 'fork'],
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

/** A step for a data operation: on the draft's one pte (mm, address 0) and one page (P1); tests only note what they see. */
export function dataStep(op: DataOp): Record<string, string> {
  switch (op.kind) {
    case 'pte-test': return { run: "note pte_none(mm, 0) ? 'pte none' : 'pte present'" };
    case 'pte-set': return { run: "if pte_none(mm, 0) { get_page('P1'); set_pte(mm, 0, 'P1', true) } else { note 'pte already set' }" };
    case 'pte-clear': return { run: "if !pte_none(mm, 0) { clear_pte(mm, 0) } else { note 'no pte' }" };
    case 'page-get': return { run: "get_page('P1')" };
    case 'page-put': return { run: "if page('P1').ref > 1 { put_page('P1') } else { note 'no reference of ours to drop' }" };
    // get_swap_device() holds swapoff off until put_swap_device(); a use of the swap device after
    // swapoff freed it is the use-after-free the swapoff adversary looks for.
    case 'swap-get': return { run: "if swap_on { swap_users++ } else { note 'swapoff done: bail out'; done }" };
    case 'swap-put': return { run: "if swap_users > 0 { swap_users-- }" };
    case 'swap': return { run: `if !swap_on { fault 'use-after-free' "${op.call} after swapoff freed the swap device" }` };
    default: return { run: `note '${op.call}: not modelled, TODO'` };
  }
}

/** What the draft's steps work on, gathered while they are written. */
export interface Objects {
  locks: Set<string>; rwsems: Set<string>; seqs: Set<string>; rcu: boolean;
  /** Page flags are tested or set; `pageLock`: the page lock is taken, tried or released. */
  page: boolean; pageLock: boolean;
  data: Set<DataKind>;
}

export interface Adversary { name: string; locals?: string; steps: [string, Record<string, string>][] }

const WITH_MMAP_LOCK = (sem: string, name: string, steps: [string, Record<string, string>][]): [string, Record<string, string>][] => [
  ['down', { does: `${name}: down_write(${sem})`, waits: 'lock', when: `can_write(${sem})`, run: `down_write(${sem})` }],
  ...steps,
  ['up', { does: `${name}: up_write(${sem})`, run: `up_write(${sem})` }],
];

/** The adversary: who in the catalog works on these objects (the table at the top). */
export function adversary(o: Objects, locks: string[]): Adversary {
  const d = o.data;
  const sem = [...o.rwsems][0];
  if (d.has('swap') || d.has('swap-get') || d.has('swap-put')) {
    return { name: 'swapoff', steps: [
      ['unuse', { does: 'swapoff: try_to_unuse, then waits for get_swap_device() users and frees the device', waits: 'sleep', when: 'swap_users == 0', run: 'swap_on = false' }],
    ] };
  }
  if (d.has('migration')) {
    return { name: 'migration', steps: [
      ['lock', { does: 'migrate_pages: lock_page', waits: 'lock', when: "!page('P1').locked", run: "lock_page('P1')" }],
      ['unmap', { does: 'try_to_migrate: the pte becomes a migration entry', run: "if !pte_none(mm, 0) { clear_pte(mm, 0) }" }],
      ['remap', { does: 'remove_migration_ptes: the pte maps the page again, unlock_page', run: "if pte_none(mm, 0) { get_page('P1'); set_pte(mm, 0, 'P1', true) }\nunlock_page('P1')" }],
    ] };
  }
  if (d.has('fork')) {
    const copy: [string, Record<string, string>] = ['copy', { does: 'copy_page_range: the child maps the page too (page_dup_rmap, get_page)', run: "if !pte_none(mm, 0) { get_page('P1'); mm.ptes[0].writable = false }" }];
    return { name: 'fork', steps: sem ? WITH_MMAP_LOCK(sem, 'dup_mmap', [copy]) : [copy] };
  }
  if (d.has('reclaim')) {
    return { name: 'reclaim', steps: [
      ['trylock', { does: 'shrink_folio_list: trylock_page', run: "if !trylock_page('P1') { note 'page busy: skip'; done }" }],
      ['unmap', { does: 'try_to_unmap: zap the pte', run: "if !pte_none(mm, 0) { clear_pte(mm, 0) }" }],
      ['unlock', { does: 'shrink_folio_list: unlock_page', run: "unlock_page('P1')" }],
    ] };
  }
  const gupFast = (d.has('pte-set') || d.has('pte-clear') || d.has('pte-test')) && (d.has('page-get') || d.has('page-put'));
  if (o.pageLock || d.has('cache') || (o.page && !gupFast)) {
    return { name: 'truncate', steps: [
      ['lock', { does: 'truncate_inode_pages: lock_page', waits: 'lock', when: "!page('P1').locked", run: "lock_page('P1')" }],
      ['delete', { does: 'truncate_inode_pages: delete_from_page_cache', run: "if in_page_cache(file, 'P1') { get_page('P1'); delete_from_page_cache(file, 'P1') }" }],
      ['unlock', { does: 'truncate_inode_pages: unlock_page, put_page', run: "unlock_page('P1')\nif page('P1').ref > 1 { put_page('P1') }" }],
    ] };
  }
  if (gupFast) {
    return { name: 'gup_fast', locals: '{ p: null }', steps: [
      ['read', { does: 'gup_pte_range: read the pte (interrupts off, no lock)', run: "if pte_none(mm, 0) { note 'no pte: slow path'; done }\np = mm.ptes[0].page" }],
      ['pin', { does: 'gup_pte_range: get_page, re-check the pte', run: "get_page(p)\nif pte_none(mm, 0) || mm.ptes[0].page != p { put_page(p); note 'pte changed: back off' } else { note 'pinned {p}' }" }],
    ] };
  }
  if (sem || d.has('vma') || d.has('pte-set') || d.has('pte-clear') || d.has('pte-test')) {
    const s = sem ?? 'mmap_lock';
    o.rwsems.add(s);
    const zap: [string, Record<string, string>] = ['zap', { does: 'unmap_region: zap the pte', run: "if !pte_none(mm, 0) { clear_pte(mm, 0) }" }];
    return { name: 'munmap', steps: WITH_MMAP_LOCK(s, 'munmap', o.data.size ? [zap] : []) };
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
