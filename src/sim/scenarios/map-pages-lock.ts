// Seed 004 (corpora/004_e43b578b4fb50cba.txt): Linus Torvalds, 13 Oct 2020, "Re: [PATCH 0/4]
// Some more lock_page work..". filemap_map_pages (fault-around) maps cached pages it did not
// fault on. Before patch 4 it holds trylock_page() from its checks to set_pte, so truncate's
// lock_page serialises against it. Patch 4 skips the page lock for private mappings: a truncate
// can run completely between the checks and set_pte, leaving a detached page mapped beyond EOF.
// Linus's sketch for shared mappings: raise the mapcount under the pte lock, then re-check.
import { DONE, type Model, type Step, type ThreadProgram } from '../engine/types.js';
import {
  canLock, deleteFromPageCache, getPage, lock, newPage, page, putPage, setPte, unlock, unlockPage,
  unlocked, unmapPage, zapRange,
} from '../kernel/index.js';
import { truncateInvariants, type FileMappedState } from './truncate-nopage.js';
import type { Scenario, Variant } from './types.js';

type Protocol = 'trylock' | 'no-lock' | 'mapcount-recheck';

/** Pages, page cache, ptes and whether truncate_pagecache has returned. */
export type MapPagesState = FileMappedState;

const P = 'P1';
const ADDRESS = 0;

function initialState(): MapPagesState {
  return {
    pages: { [P]: newPage({ mapping: 'file', index: 0 }) },
    file: { name: 'file', isize: 1, cache: { 0: P } },
    mm: { name: 'mm', ptes: {}, ptl: unlocked() },
    truncated: false,
  };
}

const skip = (g: MapPagesState, note: (s: string) => void, why: string) => (putPage(g.pages, P), note(`${why}: skip`), DONE);

function faultAround(protocol: Protocol): ThreadProgram<MapPagesState> {
  const steps: Record<string, Step<MapPagesState>> = {
    lookup: {
      does: 'filemap_map_pages: rcu_read_lock; xas_next_entry, page_cache_get_speculative',
      run: (g, me) => {
        if (g.file.cache[ADDRESS] !== P) return me.note('no page'), DONE;
        getPage(g.pages, P);
        return protocol === 'trylock' ? 'trylock' : 'notlocked';
      },
    },
    trylock: {
      does: 'filemap_map_pages: trylock_page',
      run: (g, me) => (page(g.pages, P).locked ? skip(g, me.note, 'locked') : ((page(g.pages, P).locked = true), 'checks')),
    },
    notlocked: {
      does: 'filemap_map_pages: PageLocked? (patch 4: no lock for private mappings)',
      run: (g, me) => (page(g.pages, P).locked ? skip(g, me.note, 'locked') : 'checks'),
    },
    checks: {
      does: 'filemap_map_pages: page->mapping == mapping, index < i_size?',
      run: (g, me) => {
        const pg = page(g.pages, P);
        if (pg.mapping === g.file.name && pg.index < g.file.isize) return 'ptl';
        if (protocol === 'trylock') unlockPage(g.pages, P);
        return skip(g, me.note, 'truncated');
      },
    },
    ptl: { does: 'alloc_set_pte: pte_offset_map_lock', waits: 'lock', guard: (g) => canLock(g.mm.ptl), run: (g) => (lock(g.mm.ptl, 'ptl'), 'install') },
    install: {
      does: protocol === 'mapcount-recheck' ? 'under ptl: page_add_file_rmap, re-check !PageLocked && mapping; set_pte' : 'alloc_set_pte: page_add_file_rmap, set_pte; unlock ptl',
      run: (g, me) => {
        const pg = page(g.pages, P);
        if (protocol === 'mapcount-recheck') {
          pg.mapcount++; // published first: a truncate that locks from now on sees page_mapped
          if (pg.locked || pg.mapping !== g.file.name) {
            pg.mapcount--;
            unlock(g.mm.ptl, 'ptl');
            return skip(g, me.note, 'locked or truncated on re-check');
          }
          pg.mapcount--; // setPte counts the mapping itself
        }
        setPte(g.pages, g.mm, ADDRESS, P, false);
        unlock(g.mm.ptl, 'ptl');
        me.note(`mapped ${P}`);
        return protocol === 'trylock' ? 'unlock' : DONE;
      },
    },
    unlock: { does: 'filemap_map_pages: unlock_page', run: (g) => (unlockPage(g.pages, P), DONE) },
  };
  return { name: 'map_pages', start: 'lookup', steps };
}

function truncate(): ThreadProgram<MapPagesState> {
  const unmapRange = (does: string, next: string): Step<MapPagesState> => ({
    does,
    waits: 'lock',
    guard: (g) => canLock(g.mm.ptl),
    run: (g, me) => {
      const zapped = zapRange(g.pages, g.mm, g.file.isize, Infinity);
      me.note(zapped.length ? `unmapped ${zapped.join(', ')}` : 'nothing mapped');
      return next;
    },
  });
  const steps: Record<string, Step<MapPagesState>> = {
    isize: { does: 'truncate_setsize: i_size_write(0)', run: (g) => ((g.file.isize = 0), 'unmap1') },
    unmap1: unmapRange('truncate_pagecache: unmap_mapping_range', 'lock'),
    lock: {
      does: 'truncate_inode_pages: lock_page',
      waits: 'lock',
      guard: (g) => !page(g.pages, P).locked,
      run: (g) => (getPage(g.pages, P), (page(g.pages, P).locked = true), 'delete'),
    },
    delete: {
      does: 'truncate_inode_pages: page_mapped? unmap; delete_from_page_cache',
      waits: 'lock',
      guard: (g) => page(g.pages, P).mapcount === 0 || canLock(g.mm.ptl),
      run: (g, me) => {
        if (unmapPage(g.pages, g.mm, P)) me.note(`unmapped ${P}`);
        else me.note('not mapped');
        deleteFromPageCache(g.pages, g.file, P);
        return 'unlock';
      },
    },
    unlock: { does: 'truncate_inode_pages: unlock_page, put_page', run: (g) => (unlockPage(g.pages, P), putPage(g.pages, P), 'unmap2') },
    unmap2: unmapRange('truncate_pagecache: unmap_mapping_range again', 'done'),
    done: { does: 'truncate_pagecache returns', run: (g) => ((g.truncated = true), DONE) },
  };
  return { name: 'truncate', start: 'isize', steps };
}

export function mapPagesModel(protocol: Protocol): Model<MapPagesState> {
  return {
    name: `map-pages-lock/${protocol}`,
    init: initialState(),
    threads: [faultAround(protocol), truncate()],
    invariants: truncateInvariants,
    show: (g) => {
      const pg = g.pages[P];
      return `i_size ${g.file.isize}; page cache ${JSON.stringify(g.file.cache)}; ptes ${Object.entries(g.mm.ptes).map(([a, p]) => `${a}→${p.page}`).join(' ') || 'none'}; ${P}{ref ${pg.ref}, mapcount ${pg.mapcount}, mapping ${pg.mapping ?? 'NULL'}${pg.locked ? ', locked' : ''}${pg.freed ? ', FREED' : ''}}`;
    },
  };
}

const variant = (name: string, kind: Variant['kind'], protocol: Protocol, expected: Variant['expected'], description: string): Variant => ({
  name, kind, description, expected, build: () => mapPagesModel(protocol),
});

export const mapPagesLock: Scenario = {
  id: 'map-pages-lock',
  title: 'filemap_map_pages without the page lock vs truncate',
  seed: '004_e43b578b4fb50cba.txt',
  summary: 'Fault-around maps a page without holding its lock; truncate locks, finds it unmapped, deletes it, and the fault-around then maps the detached page.',
  functions: ['do_read_fault', 'do_fault_around', 'filemap_map_pages', 'trylock_page', 'alloc_set_pte', 'page_add_file_rmap', 'truncate_setsize', 'truncate_pagecache', 'unmap_mapping_range', 'truncate_inode_pages', 'delete_from_page_cache'],
  locks: ['page lock', 'ptl', 'RCU'],
  code: [
    { function: 'filemap_map_pages', operation: 'rcu', step: 'map_pages step 1: filemap_map_pages: rcu_read_lock; xas_next_entry, page_cache_get_speculative' },
    { function: 'filemap_map_pages', operation: 'page-cache-lookup', step: 'map_pages step 1: filemap_map_pages: rcu_read_lock; xas_next_entry, page_cache_get_speculative' },
    { function: 'filemap_map_pages', operation: 'page-ref', step: 'map_pages step 1: filemap_map_pages: rcu_read_lock; xas_next_entry, page_cache_get_speculative' },
    { function: 'filemap_map_pages', operation: 'flag:PG_locked', step: 'map_pages step 2: filemap_map_pages: trylock_page' },
    { function: 'filemap_map_pages', operation: 'flag:PG_locked', step: 'map_pages step 3: filemap_map_pages: PageLocked? (patch 4: no lock for private mappings)' },
    { function: 'filemap_map_pages', operation: 'page-mapping', step: 'map_pages step 4: filemap_map_pages: page->mapping == mapping, index < i_size?' },
    { function: 'filemap_map_pages', operation: 'i_size', step: 'map_pages step 4: filemap_map_pages: page->mapping == mapping, index < i_size?' },
    { function: 'filemap_map_pages', operation: 'lock:ptl', step: 'map_pages step 5: alloc_set_pte: pte_offset_map_lock' },
    { function: 'filemap_map_pages', operation: 'set_pte', step: 'map_pages step 6: alloc_set_pte: page_add_file_rmap, set_pte; unlock ptl' },
    { function: 'next_uptodate_page', operation: 'page-ref', step: 'map_pages step 1: filemap_map_pages: rcu_read_lock; xas_next_entry, page_cache_get_speculative' },
    { function: 'next_uptodate_page', operation: 'flag:PG_locked', step: 'map_pages step 2: filemap_map_pages: trylock_page' },
    { function: 'next_uptodate_page', operation: 'flag:PG_locked', step: 'map_pages step 3: filemap_map_pages: PageLocked? (patch 4: no lock for private mappings)' },
    { function: 'next_uptodate_page', operation: 'page-mapping', step: 'map_pages step 4: filemap_map_pages: page->mapping == mapping, index < i_size?' },
    { function: 'next_uptodate_page', operation: 'i_size', step: 'map_pages step 4: filemap_map_pages: page->mapping == mapping, index < i_size?' },
    { function: 'next_uptodate_folio', operation: 'page-ref', step: 'map_pages step 1: filemap_map_pages: rcu_read_lock; xas_next_entry, page_cache_get_speculative' },
    { function: 'next_uptodate_folio', operation: 'flag:PG_locked', step: 'map_pages step 2: filemap_map_pages: trylock_page' },
    { function: 'next_uptodate_folio', operation: 'flag:PG_locked', step: 'map_pages step 3: filemap_map_pages: PageLocked? (patch 4: no lock for private mappings)' },
    { function: 'next_uptodate_folio', operation: 'page-mapping', step: 'map_pages step 4: filemap_map_pages: page->mapping == mapping, index < i_size?' },
    { function: 'next_uptodate_folio', operation: 'i_size', step: 'map_pages step 4: filemap_map_pages: page->mapping == mapping, index < i_size?' },
    { function: 'alloc_set_pte', operation: 'lock:ptl', step: 'map_pages step 5: alloc_set_pte: pte_offset_map_lock' },
    { function: 'alloc_set_pte', operation: 'mapcount', step: 'map_pages step 6: alloc_set_pte: page_add_file_rmap, set_pte; unlock ptl' },
    { function: 'alloc_set_pte', operation: 'set_pte', step: 'map_pages step 6: alloc_set_pte: page_add_file_rmap, set_pte; unlock ptl' },
    { function: 'alloc_set_pte', operation: 'flag:PG_locked', step: 'map_pages step 6: under ptl: page_add_file_rmap, re-check !PageLocked && mapping; set_pte' },
    { function: 'do_set_pte', operation: 'mapcount', step: 'map_pages step 6: alloc_set_pte: page_add_file_rmap, set_pte; unlock ptl' },
    { function: 'do_set_pte', operation: 'set_pte', step: 'map_pages step 6: alloc_set_pte: page_add_file_rmap, set_pte; unlock ptl' },
    { function: 'filemap_map_pages', operation: 'flag:PG_locked', step: 'map_pages step 7: filemap_map_pages: unlock_page' },
    { function: 'truncate_setsize', operation: 'i_size', step: 'truncate step 1: truncate_setsize: i_size_write(0)' },
    { function: 'truncate_pagecache', operation: 'zap', step: 'truncate step 2: truncate_pagecache: unmap_mapping_range' },
    { function: 'truncate_inode_pages_range', operation: 'flag:PG_locked', step: 'truncate step 3: truncate_inode_pages: lock_page' },
    { function: 'truncate_inode_pages_range', operation: 'page-cache-delete', step: 'truncate step 4: truncate_inode_pages: page_mapped? unmap; delete_from_page_cache' },
    { function: 'truncate_cleanup_page', operation: 'mapcount', step: 'truncate step 4: truncate_inode_pages: page_mapped? unmap; delete_from_page_cache' },
    { function: 'truncate_cleanup_page', operation: 'zap', step: 'truncate step 4: truncate_inode_pages: page_mapped? unmap; delete_from_page_cache' },
    { function: 'truncate_pagecache', operation: 'page-cache-delete', step: 'truncate step 4: truncate_inode_pages: page_mapped? unmap; delete_from_page_cache' },
    { function: 'truncate_pagecache', operation: 'zap', step: 'truncate step 6: truncate_pagecache: unmap_mapping_range again' },
  ],
  messageIds: ['CAHk-=wicH=FaLOeum9_f7Vyyz9Fe4MWmELT7WKR_UbfY37yX-Q@mail.gmail.com'],
  invariants: truncateInvariants.map(({ name, says }) => ({ name, says })),
  variants: [
    variant('trylock', 'before', 'trylock', 'ok', 'Before patch 4: trylock_page held from the checks to set_pte.'),
    variant('patch4-private', 'patch', 'no-lock', 'violation', 'Patch 4 on a private mapping: only a PageLocked test, no lock held across set_pte.'),
    variant('mapcount-recheck', 'patch', 'mapcount-recheck', 'ok', "Linus's sketch: raise the mapcount under the pte lock, then re-check not-locked and mapping."),
  ],
};
