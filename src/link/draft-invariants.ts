// For `sim new` drafts: the shared state the steps use, and the default invariants, so a draft is
// meaningful as written. Each adversary brings the property its kind of race breaks, stated over
// the draft's one address (mm, 0) and page (P1); every draft with a page also checks that nothing
// reaches a freed page. The author is invited to sharpen them (a TODO in the file).
//
//   swapoff   swap-device-held             swapoff does not free the device under a get_swap_device() user
//   truncate  no-orphan-pte                no pte maps a page that has left the page cache
//   gup_fast  pinned-page-stays-mapped     at the end, a page GUP-fast pinned is still the one mapped
//   munmap    nothing-mapped-after-munmap  while munmap tears the range down, no pte maps a page there
//   wp_fault  no-cow-copy-under-stale-tlb  no COW copy of a page another CPU can still write via its TLB
//   writer    write-sections-closed        at the end every write section of the sequence count is closed
//   holder    locks-released               at the end nobody holds a lock
//   thp_fault huge-pmd-kept                a huge page's map count matches the pmd (none clears it as bad)
//   stack_grow stack-page-kept             at the end, the page a stack grown into the range faulted in is still mapped
//   (any)     no-freed-page-mapped, no-stale-tlb-to-freed-page

const q = (text: string) => JSON.stringify(text);

/**
 * The page, file, address space, swap device and flags the steps use, declared only when they are.
 * The pte starts present, mapping P1, unless the thread's first change of it sets it (a fault path);
 * P1 holds a reference per pte and one for the page cache, at least one (someone's, e.g. the
 * swap cache's, for a page being faulted in), and those the threads took before their lines.
 */
export function sharedObjects(text: string, { faultIn, referencesFromBefore }: { faultIn: boolean; referencesFromBefore: number }): string[] {
  const out: string[] = [];
  const uses = (name: string) => new RegExp(`\\b${name}\\s*[=!]`).test(text);
  const cache = /\bfile\b[,)]/.test(text);
  if (text.includes("'P1'") || text.includes('pages.P1') || /\bmm\b[,.)]/.test(text)) {
    const ref = Math.max(1, (faultIn ? 0 : 1) + (cache ? 1 : 0)) + referencesFromBefore;
    out.push('  pages:', `    P1: { ${cache ? 'mapping: file, index: 0, ' : ''}ref: ${ref}, mapcount: ${faultIn ? 0 : 1} }`);
    if (cache) out.push('  file: { kind: mapping, isize: 1, cache: { 0: P1 } }');
    out.push(`  mm: { kind: mm, ptes: {${faultIn ? '' : ' 0: { page: P1, writable: true } '}} }`);
  }
  if (uses('pmd')) {
    if (!out.length) out.push('  pages: {}');
    out.push("  pmd: 'none'            # the pmd at the one address: none, table (a page table) or huge (a THP)", '  huge: null             # the huge page a THP fault mapped');
  }
  if (uses('tlb')) out.push('  tlb: null              # the page another CPU can still reach through a stale TLB entry');
  if (uses('pte_dirty_bit')) out.push('  pte_dirty_bit: false   # the dirty bit of the pte at the one address (a store through it sets it)');
  if (uses('pinned')) out.push('  pinned: null           # the page GUP-fast pinned');
  if (uses('unmapped')) out.push('  unmapped: false        # munmap has zapped the range and still holds mmap_lock');
  if (uses('stale_copy')) out.push('  stale_copy: false      # a COW copy was made while a stale TLB entry could still write the original');
  if (/\bdetached\b/.test(text)) {
    out.push('  stack_beside: true     # a VM_GROWSDOWN stack vma lies just above the range (the stack adversary\'s world)',
      '  detached: false        # the range\'s vmas have left the tree: the stack may grow into it',
      '  grown: false           # the stack vma grew into the range',
      '  stack_page: null       # the page the stack faulted in at the address');
  }
  if (text.includes('swap_on')) out.push('  swap_on: true', '  swap_users: 0');
  return out;
}

interface Invariant { name: string; says: string; at?: 'end'; check: string[] }

function forAdversary(adversary: string, text: string, seqs: readonly string[], locks: readonly string[]): Invariant[] {
  switch (adversary) {
    case 'swapoff': return [{ name: 'swap-device-held', says: 'swapoff does not free the swap device while a swap-in holds it with get_swap_device() (a use after it is freed is a fault of the step itself).',
      check: ['if !swap_on && swap_users > 0 { violation "swapoff freed the swap device under {swap_users} user(s)" }'] }];
    case 'truncate': return /^ {2}file: /m.test(text) ? [{ name: 'no-orphan-pte', says: 'No pte maps a page that truncate has taken out of the page cache.',
      check: ['for a, pte in mm.ptes {', '  if !in_page_cache(file, pte.page) { violation "pte {a} maps {pte.page}, which is no longer in the page cache" }', '}'] }] : [];
    case 'gup_fast': return [{ name: 'pinned-page-stays-mapped', at: 'end', says: 'Once everyone is done, a page GUP-fast pinned (for I/O into it) is still the page the address maps: the data written through the pin is not lost.',
      check: ['if pinned != null && (pte_none(mm, 0) || mm.ptes[0].page != pinned) { violation "GUP-fast pinned {pinned}, but the address no longer maps it" }'] }];
    case 'munmap': return /^ {2}unmapped: /m.test(text) ? [{ name: 'nothing-mapped-after-munmap', says: 'While munmap tears a range down (from its zap until it drops mmap_lock), no pte maps a page there.',
      check: ['if unmapped && !pte_none(mm, 0) { violation "a pte maps {mm.ptes[0].page} in the range munmap has zapped" }'] }] : [];
    case 'wp_fault': return [{ name: 'no-cow-copy-under-stale-tlb', says: 'A write fault does not copy a page (COW) while another CPU can still write the original through a TLB entry fork has not flushed: that write would be lost.',
      check: ['if stale_copy { violation "the fault copied a page another CPU could still write through its TLB" }'] }];
    case 'writer': return [{ name: 'write-sections-closed', at: 'end', says: 'Once everyone is done, every write section of the sequence count is closed (the count is even).',
      check: seqs.map((s) => `if ${s} % 2 != 0 { violation "${s} is odd: a write section is still open" }`) }];
    case 'thp_fault': return [{ name: 'huge-pmd-kept', says: 'A huge page a THP fault mapped is accounted to its pmd: map count 1 while the pmd maps it (huge, or split into a table), 0 once none does. pmd_clear_bad() on a huge pmd drops the mapping without the rmap.',
      check: ['if huge != null && pages[huge].mapcount != (pmd == \'none\' ? 0 : 1) { violation "huge page {huge} has map count {pages[huge].mapcount}, but the pmd is {pmd}" }'] }];
    case 'stack_grow': return /^ {2}grown: /m.test(text) ? [{ name: 'stack-page-kept', at: 'end', says: 'Once everyone is done, a stack vma that grew into the range still maps the page it faulted in there: munmap did not zap (or free the page table of) the range after the stack grew into it.',
      check: ['if grown && (pte_none(mm, 0) || mm.ptes[0].page != stack_page) { violation "the stack grew into the range, and munmap zapped its page {stack_page}" }'] }] : [];
    case 'holder': return [{ name: 'locks-released', at: 'end', says: 'Once everyone is done, nobody holds a lock.',
      check: locks.map((l) => `if ${l}.held { violation "${l} is still held" }`) }];
    default: return [];
  }
}

/** The invariants of a draft whose adversary is `adversary` and whose steps and state are `text`. */
export function draftInvariants(adversary: string, text: string, seqs: readonly string[], locks: readonly string[]): string[] {
  const all = forAdversary(adversary, text, seqs, locks);
  if (/^ {2}mm: /m.test(text)) {
    all.push({ name: 'no-freed-page-mapped', says: 'No pte maps a freed page.',
      check: ['for a, pte in mm.ptes {', '  if pages[pte.page].freed { violation "pte {a} maps {pte.page}, which is freed" }', '}'] });
  }
  if (/^ {2}tlb: /m.test(text) && /^ {2}pages:/m.test(text)) {
    all.push({ name: 'no-stale-tlb-to-freed-page', says: 'No CPU can still reach a freed page through a TLB entry that was not flushed.',
      check: ['if tlb != null && pages[tlb].freed { violation "another CPU can still reach {tlb} through its TLB, and {tlb} is freed" }'] });
  }
  const lines = ['invariants:    # defaults for the adversary (src/link/draft-invariants.ts). TODO: sharpen them to what the patch protects'];
  for (const inv of all) {
    lines.push(`  ${inv.name}:`, `    says: ${q(inv.says)}`, ...(inv.at ? [`    at: ${inv.at}`] : []), '    check: |', ...inv.check.map((c) => `      ${c}`));
  }
  return lines;
}
