// The operations a line of C holds, in the vocabulary scenarios use to say where their races
// live (ModelledCode.operation, src/link/README.md "Operations"): 'lock:page_table_lock',
// 'flag:PG_locked', 'seqcount-read:truncate_lock', 'set_pte', 'rcu', 'i_size', … Pure text, one
// line at a time; lock-uses.ts reads the locks, sequence counts, RCU sections and page flags,
// the table below the rest.
import { lockUses, type LockUse } from './lock-uses.js';

/** Calls (or fields) that are an operation by themselves. Each pattern is tried once per line. */
const CALLS: readonly (readonly [RegExp, string])[] = [
  [/\b(?:set_pte|set_pte_at|set_ptes|set_pte_range|do_set_pte|alloc_set_pte|ptep_establish)\s*\(/, 'set_pte'],
  [/\b(?:i_size_read|i_size_write|truncate_setsize)\s*\(|(?:->|\.)i_size\b/, 'i_size'],
  [/\b(?:find_get_page|find_lock_page|find_get_entry|find_get_entries|find_get_pages\w*|find_lock_entries|pagecache_get_page|__?filemap_get_folio|filemap_get_entry|xas_next_entry|xas_load|xas_find|radix_tree_lookup\w*|radix_tree_gang_lookup\w*)\s*\(/, 'page-cache-lookup'],
  [/\b(?:add_to_page_cache\w*|__?filemap_add_folio|page_cache_read)\s*\(/, 'page-cache-add'],
  [/\b(?:__?delete_from_page_cache\w*|__?remove_from_page_cache|__?filemap_remove_folio|truncate_inode_pages\w*|truncate_inode_page|truncate_inode_folio|truncate_complete_page)\s*\(/, 'page-cache-delete'],
  [/\b(?:page|folio)->mapping\b/, 'page-mapping'],
  [/\b(?:get_page|put_page|page_cache_get|page_cache_release|page_cache_get_speculative|page_cache_add_speculative|get_page_unless_zero|try_get_page|page_ref_(?:inc|dec|add|sub)\w*|folio_get|folio_put|folio_try_get\w*|folio_ref_(?:inc|dec|add|sub)\w*|try_grab_page|try_grab_folio|try_get_folio)\s*\(/, 'page-ref'],
  [/\b(?:page_mapcount|page_mapped|folio_mapped|folio_mapcount|total_mapcount|page_add_file_rmap|page_add_anon_rmap|page_remove_rmap|page_dup_rmap|folio_add_file_rmap\w*|folio_remove_rmap\w*)\s*\(|->_mapcount\b/, 'mapcount'],
  [/\b(?:__?get_user_pages\w*|pin_user_pages\w*|unpin_user_page\w*|put_user_page\w*|internal_get_user_pages_fast|lockless_pages_from_mm)\s*\(/, 'gup-pin'],
  [/\b(?:zap_page_range\w*|zap_pte_range|zap_pmd_range|unmap_mapping_range|unmap_mapping_pages|unmap_mapping_folio|unmap_page_range|unmap_vmas|unmap_single_vma|try_to_unmap)\s*\(/, 'zap'],
  [/\b(?:free_pgtables|free_pgd_range|free_pte_range|pte_free\w*)\s*\(/, 'free-pgtables'],
  [/\b(?:find_vma|find_vma_prev|find_vma_intersection|vma_lookup|mas_walk|find_extend_vma|vma_find|lock_mm_and_find_vma)\s*\(/, 'vma-lookup'],
  [/\b(?:detach_vmas_to_be_unmapped|vma_mark_detached|__vma_unlink\w*|vma_unlink|vma_rb_erase\w*|vma_iter_clear\w*)\s*\(|\brb_erase\s*\(\s*&\s*\w+->vm_rb/, 'vma-detach'],
  [/\b(?:vm_area_free|__?remove_vma)\s*\(|\bkmem_cache_free\s*\(\s*vm_area_cachep/, 'vma-free'],
  [/\b(?:page_mkclean|folio_mkclean|page_mkclean_one)\s*\(/, 'page-mkclean'],
  [/\b(?:do_page_mkwrite|page_mkwrite)\s*\(|->page_mkwrite\b/, 'page-mkwrite'],
  [/\b(?:try_to_release_page|filemap_release_folio|try_to_free_buffers|drop_buffers)\s*\(|->(?:releasepage|release_folio)\b/, 'release-buffers'],
  [/\b(?:ptep_set_wrprotect|pte_wrprotect|wrprotect_ptes)\s*\(/, 'cow-wrprotect'],
  [/\b(?:copy_user_highpage|copy_cow_page|wp_page_copy|copy_user_page|__wp_page_copy_user|break_cow)\s*\(/, 'cow-copy'],
  [/\b(?:get_futex_key|put_futex_key)\s*\(|\bkey->(?:both|private|shared)\b|\.(?:both|private|shared)\.(?:word|ptr|offset|mm|address|inode|pgoff)\b/, 'futex-key'],
  [/\b(?:__?queue_me|unqueue_me|__?futex_queue|futex_unqueue)\s*\(/, 'futex-queue'],
  [/\b(?:wake_futex|__?futex_wake_mark)\s*\(/, 'futex-wake'],
  // Locks taken by helpers whose names do not say which lock as lock-uses.ts reads it.
  [/\b(?:pte_offset_map_lock|pte_unmap_unlock|pte_lockptr|pte_offset_map_nolock)\s*\(/, 'lock:ptl'],
  [/\b(?:inode_lock|inode_unlock|inode_lock_shared|inode_unlock_shared|inode_trylock)\s*\(/, 'lock:i_sem'],
  [/\b(?:vma_start_read|vma_end_read|vma_start_write|vma_end_write_all)\s*\(|->(?:vm_lock_seq|mm_lock_seq)\b/, 'lock:vm_lock'],
  [/\block_mm_and_find_vma\s*\(/, 'lock:mmap_sem'],
  // Page flags set and cleared by name.
  [/\b(?:set_page_writeback\w*|end_page_writeback|wait_on_page_writeback|test_(?:set|clear)_page_writeback|__?folio_start_writeback|folio_end_writeback|folio_wait_writeback\w*)\s*\(/, 'flag:PG_writeback'],
  [/\b(?:set_page_dirty\w*|__set_page_dirty\w*|clear_page_dirty_for_io|folio_mark_dirty|folio_clear_dirty_for_io|cancel_dirty_page|account_page_dirtied)\s*\(/, 'flag:PG_dirty'],
  [/\b(?:__lock_page\w*|lock_page_killable|lock_page_or_retry|find_lock_page)\s*\(/, 'flag:PG_locked'],
  [/\b(?:call_rcu|synchronize_rcu|kfree_rcu|rcu_dereference\w*)\s*\(/, 'rcu'],
  [/\b(?:call_srcu|synchronize_srcu\w*)\s*\(/, 'srcu'],
];

/** Sequence counts kept in a plain field: a comparison re-checks it, an increment writes it. */
const SEQUENCE_FIELD = /(?:->|\.)(truncate_count|vm_seq|vm_sequence)\b/;

/** One name per lock, sequence or flag across kernel versions and scenarios' spellings. */
const ALIASES: Readonly<Record<string, string>> = {
  mmap_lock: 'mmap_sem',
  i_mutex: 'i_sem',
  i_rwsem: 'i_sem',
  vm_sequence: 'vm_seq',
  'page lock': 'PG_locked',
};

/** An operation in its canonical spelling ('lock:mmap_lock' → 'lock:mmap_sem'), so scenarios and lines compare. */
export function canonicalOperation(operation: string): string {
  const colon = operation.indexOf(':');
  if (colon < 0) return operation;
  const name = operation.slice(colon + 1);
  return `${operation.slice(0, colon)}:${ALIASES[name] ?? name}`;
}

/** A word every pattern above needs, so most lines are not tried against all of them. */
const MAY_HOLD_ONE = /\(|->|\./;

/** The operations one line of C holds (canonical, each once, in the order of the vocabulary). */
export function operationsOf(code: string): string[] {
  const text = code.replace(/\/\*.*?\*\/|\/\/.*$/g, '');
  if (!MAY_HOLD_ONE.test(text)) return [];
  const found = new Set<string>();
  for (const use of lockUses([{ fn: null, lines: [`+${text}`] }])) found.add(canonicalOperation(lockOperation(use)));
  for (const [pattern, operation] of CALLS) if (pattern.test(text)) found.add(operation);
  // A field handed to a sequence-count call is that call's operation, not a plain read.
  const field = [...found].some((o) => o.startsWith('seqcount-')) ? null : SEQUENCE_FIELD.exec(text);
  if (field) {
    const how = /\+\+|\+=|\b(?:atomic_inc|atomic_add|inc)\w*\s*\(/.test(text) ? 'write' : /[!=]=/.test(text) ? 'retry' : 'read';
    found.add(canonicalOperation(`seqcount-${how}:${field[1]}`));
  }
  return [...found];
}

/** A lock use as an operation: 'lock:<name>', 'flag:PG_<flag>', 'seqcount-…:<name>', 'rcu', 'srcu'. */
function lockOperation(use: LockUse): string {
  switch (use.kind) {
    case 'page-lock':
      return 'flag:PG_locked';
    case 'page-flag':
      return `flag:${use.name}`;
    case 'rcu':
      return use.name === 'rcu' ? 'rcu' : 'srcu';
    case 'seqcount':
      return `seqcount-${use.op === 'sample' ? 'read' : use.op === 'check' ? 'retry' : 'write'}:${use.name}`;
    default:
      // down_read_trylock(&vma->vm_lock->lock): the per-VMA lock, whatever its last member.
      return `lock:${/\bvm_lock\b/.test(use.call) ? 'vm_lock' : use.name}`;
  }
}
