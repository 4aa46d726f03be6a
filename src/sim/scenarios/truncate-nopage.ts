// Seed 000 (corpora/000_52fa4d23242dca54.txt): Andrea Arcangeli, 1 Jun 2003, "w/o proper high
// level locking, the non distributed filesystems will corrupt the VM too with truncate against
// nopage". A fault thread in do_no_page() drops page_table_lock around ->nopage
// (filemap_nopage); a truncate thread (do_truncate → vmtruncate) shrinks i_size, zaps the ptes
// and truncate_inode_pages() takes the page out of the page cache. If the fault maps the page
// after the zap, a detached page stays mapped beyond EOF.
import { DONE, type Invariant, type Model, type Step, type ThreadProgram } from '../engine/types.js';
import {
  addToPageCache, allocPage, canLock, deleteFromPageCache, findPage, frlock, frReadBegin, frReadEnd,
  frWriteLock, frWriteUnlock, getPage, inPageCache, lock, newPage, page, putPage, setPte, unlock,
  unlockPage, unmapPage, unlocked, zapRange, type FrLock, type Lock, type Mapping, type Mm, type Pages,
} from '../kernel/index.js';
import type { Scenario, Variant } from './types.js';

/** How do_no_page and vmtruncate are protected against each other. */
type Protocol = 'none' | 'frlock' | 'frlock-swapped' | 'truncate-count' | 'locked-page';

/** What the two truncate invariants read; map-pages-lock shares them. */
export interface FileMappedState {
  pages: Pages;
  file: Mapping;
  mm: Mm;
  /** The truncate has returned. */
  truncated: boolean;
}

export interface TruncateState extends FileMappedState {
  isem: Lock;
  truncateLock: FrLock;
  truncateCount: number;
}

const ADDRESS = 0; // the faulting address maps file index 0 (a linear file mapping)

function initialState(): TruncateState {
  return {
    pages: { P1: newPage({ mapping: 'file', index: 0, uptodate: true }) },
    file: { name: 'file', isize: 1, cache: { 0: 'P1' } },
    mm: { name: 'mm', ptes: {}, ptl: unlocked() },
    isem: unlocked(),
    truncateLock: frlock(),
    truncateCount: 0,
    truncated: false,
  };
}

const mine = (local: Record<string, unknown>) => local.page as string;

function faultThread(name: string, protocol: Protocol): ThreadProgram<TruncateState> {
  const sampling = protocol === 'frlock' || protocol === 'frlock-swapped' || protocol === 'truncate-count';
  const afterPage = protocol === 'locked-page' ? 'lock' : 'ptl';
  const release = (g: TruncateState, local: Record<string, unknown>) => {
    putPage(g.pages, mine(local));
    local.page = null;
    local.seq = 0;
  };
  const steps: Record<string, Step<TruncateState>> = {
    fault: {
      does: 'handle_mm_fault: pte_none, call do_no_page',
      waits: 'lock',
      guard: (g) => canLock(g.mm.ptl),
      run: (g, me) => {
        if (g.mm.ptes[ADDRESS]) return me.note('already mapped'), DONE;
        return sampling ? 'sample' : 'isize';
      },
    },
    sample: {
      does: {
        frlock: 'do_no_page: seq = fr_read_begin(truncate_lock)',
        'frlock-swapped': 'do_no_page: seq = pre_sequence (samples swapped)',
        'truncate-count': 'do_no_page: sequence = mapping->truncate_count',
      }[protocol as 'frlock'],
      run: (g, me) => {
        const l = g.truncateLock;
        me.local.seq = protocol === 'truncate-count' ? g.truncateCount : protocol === 'frlock' ? frReadBegin(l) : frReadEnd(l);
        me.note(`seq ${me.local.seq}`);
        return 'isize';
      },
    },
    isize: {
      does: 'filemap_nopage: pgoff < i_size?',
      run: (g, me) => (ADDRESS < g.file.isize ? 'find' : (me.note('beyond EOF: SIGBUS'), DONE)),
    },
    find: {
      does: 'filemap_nopage: find_get_page',
      run: (g, me) => {
        const id = findPage(g.file, ADDRESS);
        if (!id) return me.note('not cached'), 'read';
        getPage(g.pages, id);
        me.local.page = id;
        me.note(`->nopage returned ${id}`);
        return afterPage;
      },
    },
    read: {
      does: 'filemap_nopage: page_cache_read',
      run: (g, me) => {
        if (findPage(g.file, ADDRESS)) return me.note('-EEXIST: another fault read it in, find again'), 'find';
        const id = allocPage(g.pages, { ref: 2 });
        addToPageCache(g.pages, g.file, ADDRESS, id);
        me.local.page = id;
        me.note(`->nopage returned new ${id}`);
        return afterPage;
      },
    },
    lock: {
      does: 'filemap_fault: lock_page',
      waits: 'lock',
      guard: (g, me) => !page(g.pages, mine(me.local)).locked,
      run: (g, me) => ((page(g.pages, mine(me.local)).locked = true), 'recheck'),
    },
    recheck: {
      does: 'filemap_fault: page->mapping still ours, pgoff < i_size?',
      run: (g, me) => {
        const p = page(g.pages, mine(me.local));
        if (p.mapping === g.file.name && ADDRESS < g.file.isize) return 'ptl';
        const truncated = p.mapping !== g.file.name;
        unlockPage(g.pages, mine(me.local));
        release(g, me.local);
        me.note(truncated ? 'truncated under us: retry' : 'beyond EOF: SIGBUS');
        return truncated ? 'find' : DONE;
      },
    },
    ptl: {
      does: 'do_no_page: spin_lock(page_table_lock)',
      waits: 'lock',
      guard: (g) => canLock(g.mm.ptl),
      run: (g) => (lock(g.mm.ptl, 'page_table_lock'), 'install'),
    },
    install: {
      does: 'do_no_page: pte_none? set_pte, spin_unlock(page_table_lock)',
      run: (g, me) => {
        if (sampling) {
          const now = protocol === 'truncate-count' ? g.truncateCount : protocol === 'frlock' ? frReadEnd(g.truncateLock) : frReadBegin(g.truncateLock);
          if (now !== me.local.seq) {
            unlock(g.mm.ptl, 'page_table_lock');
            me.note(`sequence moved (${me.local.seq} → ${now}): back out`);
            if (protocol === 'truncate-count') return release(g, me.local), 'sample';
            return 'isem';
          }
        }
        const id = mine(me.local);
        if (g.mm.ptes[ADDRESS]) {
          me.note('a sibling was faster: back out');
          putPage(g.pages, id);
        } else {
          setPte(g.pages, g.mm, ADDRESS, id, false);
          me.note(`set_pte(${id})`);
        }
        if (protocol === 'locked-page') unlockPage(g.pages, id);
        unlock(g.mm.ptl, 'page_table_lock');
        me.local.page = null;
        me.local.seq = 0;
        return DONE;
      },
    },
    isem: {
      does: 'do_no_page: down(i_sem); up(i_sem) — wait for the truncate, then re-fault',
      waits: 'lock',
      guard: (g) => canLock(g.isem),
      run: (g, me) => (release(g, me.local), 'fault'),
    },
  };
  return { name, start: 'fault', steps, locals: { page: null, seq: 0 } };
}

function truncateThread(protocol: Protocol): ThreadProgram<TruncateState> {
  const frlocked = protocol === 'frlock' || protocol === 'frlock-swapped';
  const zapStep = (does: string, next: string): Step<TruncateState> => ({
    does,
    waits: 'lock',
    guard: (g) => canLock(g.mm.ptl),
    run: (g, me) => {
      const zapped = zapRange(g.pages, g.mm, g.file.isize, Infinity);
      me.note(zapped.length ? `unmapped ${zapped.join(', ')}` : 'nothing mapped yet');
      return next;
    },
  });
  const steps: Record<string, Step<TruncateState>> = {
    down: { does: 'do_truncate: down(i_sem)', waits: 'lock', guard: (g) => canLock(g.isem), run: (g) => (lock(g.isem, 'i_sem'), 'isize') },
    isize: {
      does: 'vmtruncate: i_size_write(0)',
      run: (g) => {
        g.file.isize = 0;
        return frlocked ? 'wlock' : protocol === 'truncate-count' ? 'count' : protocol === 'locked-page' ? 'unmap1' : 'zap';
      },
    },
    wlock: { does: 'vmtruncate: fr_write_lock(truncate_lock)', run: (g) => (frWriteLock(g.truncateLock), 'zap') },
    count: { does: 'vmtruncate: atomic_inc(truncate_count)', run: (g) => (g.truncateCount++, 'zap') },
    zap: zapStep('vmtruncate: zap_page_range', 'pages'),
    pages: {
      does: 'truncate_inode_pages',
      run: (g, me) => {
        const gone = Object.values(g.file.cache).filter((id) => page(g.pages, id).index >= g.file.isize);
        for (const id of gone) deleteFromPageCache(g.pages, g.file, id);
        me.note(gone.length ? `${gone.join(', ')} leaves the page cache` : 'page cache empty');
        return frlocked ? 'wunlock' : 'up';
      },
    },
    wunlock: { does: 'vmtruncate: fr_write_unlock(truncate_lock)', run: (g) => (frWriteUnlock(g.truncateLock), 'up') },
    // 2.6.23 (d00806b18315): unmap, then truncate each page under its page lock, then unmap again.
    unmap1: zapStep('vmtruncate: unmap_mapping_range', 'lockpage'),
    lockpage: {
      does: 'truncate_inode_pages: lock_page',
      waits: 'lock',
      guard: (g) => { const id = findPage(g.file, ADDRESS); return !id || !page(g.pages, id).locked; },
      run: (g, me) => {
        const id = findPage(g.file, ADDRESS);
        if (!id) return me.note('page cache empty'), 'unmap2';
        getPage(g.pages, id); // find_lock_page / pagevec_lookup hold a reference
        page(g.pages, id).locked = true;
        me.local.page = id;
        me.note(id);
        return 'delete';
      },
    },
    delete: {
      does: 'truncate_inode_pages: page_mapped? unmap; delete_from_page_cache',
      waits: 'lock',
      guard: (g, me) => page(g.pages, mine(me.local)).mapcount === 0 || canLock(g.mm.ptl),
      run: (g, me) => {
        const id = mine(me.local);
        if (unmapPage(g.pages, g.mm, id)) me.note(`unmapped ${id}`);
        deleteFromPageCache(g.pages, g.file, id);
        return 'unlockpage';
      },
    },
    unlockpage: {
      does: 'truncate_inode_pages: unlock_page, put_page',
      run: (g, me) => {
        unlockPage(g.pages, mine(me.local));
        putPage(g.pages, mine(me.local));
        me.local.page = null;
        return 'unmap2';
      },
    },
    unmap2: zapStep('vmtruncate: unmap_mapping_range again', 'up'),
    up: { does: 'do_truncate: up(i_sem)', run: (g) => (unlock(g.isem, 'i_sem'), (g.truncated = true), DONE) },
  };
  return { name: 'truncate', start: 'down', steps, locals: { page: null } };
}

export const truncateInvariants: Invariant<FileMappedState>[] = [
  {
    name: 'no-orphan-pte',
    says: 'A pte never maps a page that truncate has taken out of the page cache.',
    at: 'always',
    violated: (g) => {
      for (const [address, pte] of Object.entries(g.mm.ptes)) {
        if (!inPageCache(g.pages, g.file, pte.page)) return `pte ${address} maps ${pte.page}, which is no longer in the page cache`;
      }
      return null;
    },
  },
  {
    name: 'nothing-beyond-eof',
    says: 'Once vmtruncate has returned, no pte maps the truncated range (access must SIGBUS).',
    at: 'always',
    violated: (g) => {
      if (!g.truncated) return null;
      const beyond = Object.keys(g.mm.ptes).filter((a) => Number(a) >= g.file.isize);
      return beyond.length ? `pte ${beyond[0]} maps ${g.mm.ptes[beyond[0]].page} beyond i_size ${g.file.isize}` : null;
    },
  },
];

/** The race with `faults` identical fault threads (index 0…faults-1) against one truncate. */
export function truncateNopageModel(protocol: Protocol, faults = 1): Model<TruncateState> {
  const faulters = Array.from({ length: faults }, (_, i) => faultThread(faults === 1 ? 'fault' : `fault${i + 1}`, protocol));
  return {
    name: `truncate-nopage/${protocol}${faults > 1 ? `×${faults}` : ''}`,
    init: initialState(),
    threads: [...faulters, truncateThread(protocol)],
    invariants: truncateInvariants,
    symmetric: faults > 1 ? [faulters.map((_, i) => i)] : undefined,
    show: (g) => showTruncate(g),
  };
}

function showTruncate(g: TruncateState): string {
  const pages = Object.entries(g.pages)
    .map(([id, p]) => `${id}{ref ${p.ref}, mapcount ${p.mapcount}, mapping ${p.mapping ?? 'NULL'}${p.locked ? ', locked' : ''}${p.freed ? ', FREED' : ''}}`)
    .join(' ');
  const ptes = Object.entries(g.mm.ptes).map(([a, pte]) => `${a}→${pte.page}`).join(' ') || 'none';
  const cache = Object.entries(g.file.cache).map(([i, id]) => `${i}→${id}`).join(' ') || 'empty';
  return `i_size ${g.file.isize}; page cache ${cache}; ptes ${ptes}; pages ${pages}; truncate_lock ${g.truncateLock.pre}/${g.truncateLock.post}; truncate_count ${g.truncateCount}`;
}

const variant = (name: string, kind: Variant['kind'], protocol: Protocol, expected: Variant['expected'], description: string, faults = 1): Variant => ({
  name, kind, description, expected, build: () => truncateNopageModel(protocol, faults),
});

export const truncateNopage: Scenario = {
  id: 'truncate-nopage',
  title: 'truncate vs ->nopage (do_no_page maps a page truncate has removed)',
  seed: '000_52fa4d23242dca54.txt',
  summary:
    'do_no_page drops page_table_lock around ->nopage; vmtruncate zaps the ptes and truncate_inode_pages drops the page meanwhile, so the fault maps a detached page beyond EOF.',
  functions: ['handle_mm_fault', 'do_no_page', 'filemap_nopage', 'find_get_page', 'page_cache_read', 'filemap_fault', 'do_truncate', 'vmtruncate', 'i_size_write', 'zap_page_range', 'unmap_mapping_range', 'truncate_inode_pages', 'delete_from_page_cache', 'fr_read_begin', 'fr_read_end', 'fr_write_lock', 'fr_write_unlock'],
  locks: ['page_table_lock', 'i_sem', 'truncate_lock (frlock)', 'truncate_count', 'page lock'],
  code: [
    { function: 'do_no_page', operation: 'seqcount-read:truncate_lock', step: 'fault step 2: do_no_page: seq = fr_read_begin(truncate_lock)' },
    { function: 'do_no_page', operation: 'seqcount-read:truncate_count', step: 'fault step 2: do_no_page: sequence = mapping->truncate_count' },
    { function: 'filemap_nopage', operation: 'i_size', step: 'fault step 3: filemap_nopage: pgoff < i_size?' },
    { function: 'filemap_nopage', operation: 'page-cache-lookup', step: 'fault step 4: filemap_nopage: find_get_page' },
    { function: 'filemap_nopage', operation: 'page-cache-add', step: 'fault step 5: filemap_nopage: page_cache_read' },
    { function: 'filemap_fault', operation: 'flag:PG_locked', step: 'fault step 6: filemap_fault: lock_page' },
    { function: 'filemap_fault', operation: 'page-mapping', step: 'fault step 7: filemap_fault: page->mapping still ours, pgoff < i_size?' },
    { function: 'filemap_fault', operation: 'i_size', step: 'fault step 7: filemap_fault: page->mapping still ours, pgoff < i_size?' },
    { function: 'do_no_page', operation: 'lock:page_table_lock', step: 'fault step 8: do_no_page: spin_lock(page_table_lock)' },
    { function: 'do_no_page', operation: 'lock:page_table_lock', step: 'fault step 9: do_no_page: pte_none? set_pte, spin_unlock(page_table_lock)' },
    { function: 'do_no_page', operation: 'set_pte', step: 'fault step 9: do_no_page: pte_none? set_pte, spin_unlock(page_table_lock)' },
    { function: 'do_no_page', operation: 'seqcount-retry:truncate_lock', step: 'fault step 9: do_no_page: pte_none? set_pte, spin_unlock(page_table_lock)' },
    { function: 'do_no_page', operation: 'seqcount-retry:truncate_count', step: 'fault step 9: do_no_page: pte_none? set_pte, spin_unlock(page_table_lock)' },
    { function: 'do_no_page', operation: 'lock:i_sem', step: 'fault step 10: do_no_page: down(i_sem); up(i_sem) — wait for the truncate, then re-fault' },
    { function: 'do_truncate', operation: 'lock:i_sem', step: 'truncate step 1: do_truncate: down(i_sem)' },
    { function: 'vmtruncate', operation: 'i_size', step: 'truncate step 2: vmtruncate: i_size_write(0)' },
    { function: 'vmtruncate', operation: 'seqcount-write:truncate_lock', step: 'truncate step 3: vmtruncate: fr_write_lock(truncate_lock)' },
    { function: 'vmtruncate', operation: 'seqcount-write:truncate_count', step: 'truncate step 4: vmtruncate: atomic_inc(truncate_count)' },
    { function: 'vmtruncate', operation: 'zap', step: 'truncate step 5: vmtruncate: zap_page_range' },
    { function: 'vmtruncate', operation: 'page-cache-delete', step: 'truncate step 6: truncate_inode_pages' },
    { function: 'vmtruncate', operation: 'seqcount-write:truncate_lock', step: 'truncate step 7: vmtruncate: fr_write_unlock(truncate_lock)' },
    { function: 'vmtruncate', operation: 'zap', step: 'truncate step 8: vmtruncate: unmap_mapping_range' },
    { function: 'truncate_inode_pages', operation: 'flag:PG_locked', step: 'truncate step 9: truncate_inode_pages: lock_page' },
    { function: 'truncate_inode_pages', operation: 'page-cache-delete', step: 'truncate step 10: truncate_inode_pages: page_mapped? unmap; delete_from_page_cache' },
    { function: 'truncate_inode_pages_range', operation: 'flag:PG_locked', step: 'truncate step 9: truncate_inode_pages: lock_page' },
    { function: 'truncate_inode_pages_range', operation: 'page-cache-delete', step: 'truncate step 10: truncate_inode_pages: page_mapped? unmap; delete_from_page_cache' },
    { function: 'vmtruncate', operation: 'zap', step: 'truncate step 12: vmtruncate: unmap_mapping_range again' },
  ],
  messageIds: [],
  invariants: truncateInvariants.map(({ name, says }) => ({ name, says })),
  variants: [
    variant('before', 'before', 'none', 'violation', '2.5.70: nothing orders do_no_page against vmtruncate.'),
    variant('frlock', 'patch', 'frlock', 'ok', "Andrea's patch: frlock truncate_lock around zap + truncate_inode_pages; do_no_page re-checks it under page_table_lock, waits on i_sem and re-faults."),
    variant('frlock-swapped', 'residual', 'frlock-swapped', 'violation', 'The same retry with the two sequence samples swapped (pre at begin, post at end): misses a truncate in progress.'),
    variant('truncate-count', 'kernel', 'truncate-count', 'ok', "2.5.72-mm2 (Dave McCracken): mapping->truncate_count bumped by truncate, re-checked under page_table_lock, retry."),
    variant('locked-page', 'kernel', 'locked-page', 'ok', '2.6.23 d00806b18315 (Nick Piggin): the fault installs the pte under the page lock; truncate unmaps under it and unmaps twice.'),
    variant('frlock-4-faults', 'patch', 'frlock', 'ok', "Andrea's patch with four identical fault threads against one truncate (the scaled benchmark case).", 4),
  ],
};
