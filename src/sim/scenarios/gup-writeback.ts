// Seed 002 (corpora/002_cf02ac1430d7df9c.txt): Jérôme Glisse, 12 Dec 2018, replying to Jan Kara
// in "[PATCH 1/2] mm: introduce put_user_page*(), placeholder versions". A get_user_pages user
// (O_DIRECT, RDMA) writes a MAP_SHARED file page through the physical page — no write fault,
// no ->page_mkwrite — while writeback cleans it (page_mkclean), writes it out and the
// filesystem drops its buffers. Two things break: the data under I/O changes (stable pages), and
// set_page_dirty() lands on a page whose buffers are gone.
import { DONE, type Invariant, type Model, type Step, type ThreadProgram } from '../engine/types.js';
import { mappingsOf, newPage, page, unlocked, type Mm, type Pages } from '../kernel/index.js';
import type { Scenario, Variant } from './types.js';

export interface GupState {
  pages: Pages;
  mm: Mm;
  /** The write I/O in flight: the version of the data it writes, and whether from a bounce copy. */
  io: { data: number; bounce: boolean } | null;
}

/** 'before': 2018 GUP; 'bounce': Jérôme's mapcount + bounce + PageWriteback check on the locked
 *  path; 'gup-fast': the same, but the pin comes from the lock-free fast path. */
type Protocol = 'before' | 'bounce' | 'gup-fast';

const P = 'P1';
const ADDRESS = 0;

function initialState(): GupState {
  return {
    pages: { [P]: newPage({ ref: 2, mapcount: 1, dirty: true, buffers: true, mapping: 'file' }) },
    mm: { name: 'mm', ptes: { [ADDRESS]: { page: P, writable: true } }, ptl: unlocked() },
    io: null,
  };
}

/** A write GUP on a write-protected pte faults first: ->page_mkwrite prepares the page again. */
function writeFault(g: GupState, note: (s: string) => void): void {
  const pte = g.mm.ptes[ADDRESS];
  if (pte.writable) return;
  const pg = page(g.pages, P);
  pg.buffers = true;
  pg.dirty = true;
  pte.writable = true;
  note('write fault: ->page_mkwrite, buffers attached');
}

function gupUser(protocol: Protocol): ThreadProgram<GupState> {
  const pinned = protocol !== 'before';
  const steps: Record<string, Step<GupState>> = {
    fast: {
      does: 'get_user_pages_fast: PageWriteback? pte writable?',
      run: (g, me) => {
        const pg = page(g.pages, P);
        if (pg.writeback || !g.mm.ptes[ADDRESS].writable) return me.note('no: slow path'), 'gup';
        me.note('ok, pin next (the pin is not yet visible)');
        return 'fastpin';
      },
    },
    fastpin: {
      does: 'get_user_pages_fast: page_ref_inc, mapcount++ (pin)',
      run: (g) => {
        const pg = page(g.pages, P);
        pg.ref++;
        pg.pincount++;
        pg.mapcount++;
        return 'dma';
      },
    },
    gup: {
      does: pinned ? 'get_user_pages(write=1): lock_page, PageWriteback? wait; mapcount++ (pin)' : 'get_user_pages(write=1): get_page',
      waits: 'lock',
      guard: (g) => !pinned || (!page(g.pages, P).locked && !page(g.pages, P).writeback),
      run: (g, me) => {
        writeFault(g, me.note);
        const pg = page(g.pages, P);
        pg.ref++;
        pg.pincount++;
        if (pinned) pg.mapcount++;
        return 'dma';
      },
    },
    dma: {
      does: 'device writes the page through the pin (no fault, no page_mkwrite)',
      run: (g, me) => {
        const pg = page(g.pages, P);
        pg.version++;
        me.note(`data v${pg.version}${pg.writeback ? ', page under writeback' : ''}`);
        return 'put';
      },
    },
    put: {
      does: pinned ? 'put_user_page: lock_page, page_mkwrite if cleaned, set_page_dirty, mapcount--' : 'set_page_dirty_lock; put_page',
      waits: 'lock',
      guard: (g) => !page(g.pages, P).locked,
      run: (g, me) => {
        const pg = page(g.pages, P);
        if (pinned && !pg.buffers) (pg.buffers = true), me.note('buffers re-attached');
        pg.dirty = true;
        pg.ref--;
        pg.pincount--;
        if (pinned) pg.mapcount--;
        return DONE;
      },
    },
  };
  return { name: 'gup', start: protocol === 'gup-fast' ? 'fast' : 'gup', steps };
}

function writeback(protocol: Protocol): ThreadProgram<GupState> {
  const counts = protocol !== 'before';
  const pinnedNow = (g: GupState) => page(g.pages, P).mapcount > mappingsOf(g.mm, P);
  const steps: Record<string, Step<GupState>> = {
    lock: { does: 'write_cache_pages: lock_page', waits: 'lock', guard: (g) => !page(g.pages, P).locked, run: (g) => ((page(g.pages, P).locked = true), 'clean') },
    clean: {
      does: counts ? 'clear_page_dirty_for_io: page_mkclean, count real mappings' : 'clear_page_dirty_for_io: page_mkclean',
      run: (g, me) => {
        const pg = page(g.pages, P);
        pg.dirty = false;
        for (const pte of Object.values(g.mm.ptes)) if (pte.page === P) pte.writable = false;
        me.local.bounce = counts && pinnedNow(g);
        if (me.local.bounce) me.note(`mapcount ${pg.mapcount} > ${mappingsOf(g.mm, P)} mapped: pinned, write a bounce copy`);
        return 'submit';
      },
    },
    submit: {
      does: 'set_page_writeback; unlock_page; submit_bio',
      run: (g, me) => {
        const pg = page(g.pages, P);
        pg.writeback = true;
        pg.locked = false;
        g.io = { data: pg.version, bounce: me.local.bounce === true };
        return 'end';
      },
    },
    end: { does: 'end_page_writeback', run: (g) => ((page(g.pages, P).writeback = false), (g.io = null), 'release') },
    release: {
      does: 'try_to_release_page: clean page, drop its buffers',
      waits: 'lock',
      guard: (g) => !page(g.pages, P).locked,
      run: (g, me) => {
        const pg = page(g.pages, P);
        if (pg.dirty) return me.note('redirtied: keep buffers'), DONE;
        if (counts && pinnedNow(g)) return me.note('pinned: keep buffers'), DONE;
        pg.buffers = false;
        return DONE;
      },
    },
  };
  return { name: 'writeback', start: 'lock', steps, locals: { bounce: false } };
}

const stablePages: Invariant<GupState> = {
  name: 'stable-pages',
  says: 'The data a writeback I/O is writing never changes while the I/O is in flight.',
  at: 'always',
  violated: (g) => {
    if (!g.io || g.io.bounce) return null;
    const now = page(g.pages, P).version;
    return now !== g.io.data ? `I/O writes v${g.io.data} but the page now holds v${now}` : null;
  },
};

const dirtyHasBuffers: Invariant<GupState> = {
  name: 'dirty-has-buffers',
  says: 'A page is only dirtied while it has the buffers ->page_mkwrite prepared since its last clean.',
  at: 'always',
  violated: (g) => {
    const pg = page(g.pages, P);
    return pg.dirty && !pg.buffers ? `${P} is dirty but the filesystem released its buffers` : null;
  },
};

export function gupModel(protocol: Protocol, invariants: Invariant<GupState>[]): Model<GupState> {
  return {
    name: `gup-writeback/${protocol}`,
    init: initialState(),
    threads: [gupUser(protocol), writeback(protocol)],
    invariants,
    show: (g) => {
      const pg = g.pages[P];
      const flags = ['locked', 'dirty', 'writeback', 'buffers'].filter((f) => pg[f as 'dirty']).join(',');
      return `${P}{ref ${pg.ref}, mapcount ${pg.mapcount}, pins ${pg.pincount}, data v${pg.version}, ${flags || 'no flags'}}; pte ${g.mm.ptes[ADDRESS].writable ? 'rw' : 'ro'}; I/O ${g.io ? `v${g.io.data}${g.io.bounce ? ' (bounce copy)' : ''}` : 'none'}`;
    },
  };
}

const variant = (name: string, kind: Variant['kind'], protocol: Protocol, invariants: Invariant<GupState>[], expected: Variant['expected'], description: string): Variant => ({
  name, kind, description, expected, build: () => gupModel(protocol, invariants),
});

export const gupWriteback: Scenario = {
  id: 'gup-writeback',
  title: 'get_user_pages pin vs writeback / page_mkclean / set_page_dirty',
  seed: '002_cf02ac1430d7df9c.txt',
  summary: 'A GUP pin writes a file page behind writeback’s back: data changes under I/O, and the page is dirtied after the fs dropped its buffers.',
  functions: ['get_user_pages', 'get_user_pages_fast', 'put_user_page', 'set_page_dirty_lock', 'put_page', 'write_cache_pages', 'clear_page_dirty_for_io', 'page_mkclean', 'set_page_writeback', 'end_page_writeback', 'try_to_release_page', 'page_mkwrite'],
  locks: ['page lock', 'PG_writeback'],
  code: [
    { function: 'get_user_pages_fast', operation: 'flag:PG_writeback', step: 'gup step 1: get_user_pages_fast: PageWriteback? pte writable?' },
    { function: 'get_user_pages_fast', operation: 'page-ref', step: 'gup step 2: get_user_pages_fast: page_ref_inc, mapcount++ (pin)' },
    { function: 'get_user_pages_fast', operation: 'mapcount', step: 'gup step 2: get_user_pages_fast: page_ref_inc, mapcount++ (pin)' },
    { function: 'gup_pte_range', operation: 'page-ref', step: 'gup step 2: get_user_pages_fast: page_ref_inc, mapcount++ (pin)' },
    { function: 'gup_pte_range', operation: 'flag:PG_writeback', step: 'gup step 1: get_user_pages_fast: PageWriteback? pte writable?' },
    { function: 'get_user_pages', operation: 'flag:PG_locked', step: 'gup step 3: get_user_pages(write=1): lock_page, PageWriteback? wait; mapcount++ (pin)' },
    { function: 'get_user_pages', operation: 'flag:PG_writeback', step: 'gup step 3: get_user_pages(write=1): lock_page, PageWriteback? wait; mapcount++ (pin)' },
    { function: 'get_user_pages', operation: 'mapcount', step: 'gup step 3: get_user_pages(write=1): lock_page, PageWriteback? wait; mapcount++ (pin)' },
    { function: 'get_user_pages', operation: 'page-ref', step: 'gup step 3: get_user_pages(write=1): get_page' },
    { function: 'follow_page_pte', operation: 'page-ref', step: 'gup step 3: get_user_pages(write=1): get_page' },
    { function: 'put_user_page', operation: 'flag:PG_locked', step: 'gup step 5: put_user_page: lock_page, page_mkwrite if cleaned, set_page_dirty, mapcount--' },
    { function: 'put_user_page', operation: 'page-mkwrite', step: 'gup step 5: put_user_page: lock_page, page_mkwrite if cleaned, set_page_dirty, mapcount--' },
    { function: 'put_user_page', operation: 'flag:PG_dirty', step: 'gup step 5: put_user_page: lock_page, page_mkwrite if cleaned, set_page_dirty, mapcount--' },
    { function: 'put_user_page', operation: 'mapcount', step: 'gup step 5: put_user_page: lock_page, page_mkwrite if cleaned, set_page_dirty, mapcount--' },
    { function: 'set_page_dirty_lock', operation: 'flag:PG_dirty', step: 'gup step 5: set_page_dirty_lock; put_page' },
    { function: 'set_page_dirty_lock', operation: 'flag:PG_locked', step: 'gup step 5: set_page_dirty_lock; put_page' },
    { function: 'write_cache_pages', operation: 'flag:PG_locked', step: 'writeback step 1: write_cache_pages: lock_page' },
    { function: 'write_cache_pages', operation: 'flag:PG_dirty', step: 'writeback step 2: clear_page_dirty_for_io: page_mkclean' },
    { function: 'clear_page_dirty_for_io', operation: 'page-mkclean', step: 'writeback step 2: clear_page_dirty_for_io: page_mkclean' },
    { function: 'clear_page_dirty_for_io', operation: 'flag:PG_dirty', step: 'writeback step 2: clear_page_dirty_for_io: page_mkclean' },
    { function: 'clear_page_dirty_for_io', operation: 'mapcount', step: 'writeback step 2: clear_page_dirty_for_io: page_mkclean, count real mappings' },
    { function: 'write_cache_pages', operation: 'flag:PG_writeback', step: 'writeback step 3: set_page_writeback; unlock_page; submit_bio' },
    { function: 'end_page_writeback', operation: 'flag:PG_writeback', step: 'writeback step 4: end_page_writeback' },
    { function: 'try_to_release_page', operation: 'release-buffers', step: 'writeback step 5: try_to_release_page: clean page, drop its buffers' },
    { function: 'try_to_release_page', operation: 'flag:PG_writeback', step: 'writeback step 5: try_to_release_page: clean page, drop its buffers' },
  ],
  messageIds: ['20181212150319.GA3432@redhat.com'],
  invariants: [stablePages, dirtyHasBuffers].map(({ name, says }) => ({ name, says })),
  variants: [
    variant('before', 'before', 'before', [stablePages], 'violation', '2018 GUP: a pinned writer writes during writeback (stable pages).'),
    variant('before-buffers', 'before', 'before', [dirtyHasBuffers], 'violation', '2018 GUP on a filesystem without stable pages: set_page_dirty after the buffers were released.'),
    variant('mapcount-bounce', 'patch', 'bounce', [stablePages, dirtyHasBuffers], 'ok', "Jérôme's proposal on the locked paths: GUP raises mapcount, waits on PageWriteback; writeback bounces pinned pages; put_user_page re-prepares."),
    variant('gup-fast', 'residual', 'gup-fast', [stablePages, dirtyHasBuffers], 'violation', 'Residual: lock-free GUP-fast checks PageWriteback before its pin is visible (the store-buffering window), so writeback misses the pin.'),
  ],
};
