// Seed 001 (corpora/001_524799ead2cdd84c.txt): Ingo Molnar, 26 Sep 2002, "[patch] 'sticky
// pages' support in the VM, futex-2.5.38-C5", and Martin Wirth's reply. A FUTEX_WAIT hashes
// the waiter on the *physical page* behind uaddr. Another thread forks (copy_page_range
// write-protects the page, the child shares it), then writes the futex word: do_wp_page gives
// the parent a new page, and futex_wake, keyed on the new page, finds nobody.
import { DONE, type Invariant, type Model, type Step, type ThreadProgram } from '../engine/types.js';
import {
  allocPage, canRead, canWrite, futexHash, isWoken, keyOf, newPage, page, queueMe, rwsem, unlocked,
  unqueueMe, wake, type FutexHash, type Mm, type Pages, type RwSem,
} from '../kernel/index.js';
import type { Scenario, Variant } from './types.js';

export interface FutexState {
  pages: Pages;
  parent: Mm;
  child: Mm | null;
  mmapSem: RwSem;
  futex: FutexHash;
}

interface Protocol {
  /** get_user_pages(..., write) in pin_page: 1 breaks COW at pin time. */
  pinWrite: boolean;
  sticky: 'none' | 'flag' | 'count';
  /** 'page': hashed on (physical page, offset), 2002; 'mm': (mm, address), the kernel's fix. */
  keys: 'page' | 'mm';
  /** A FUTEX_WAKE on another futex in the same page pins and unpins it meanwhile. */
  secondPin: boolean;
  /** Check that a queued waiter's key stays valid (what the sticky patch sets out to ensure). */
  checkKey: boolean;
}

const UADDR = 0;

function initialState(): FutexState {
  return {
    // The futex word lives in P1; its value is the page's `version` (1 = locked).
    pages: { P1: newPage({ mapcount: 1, version: 1 }) },
    parent: { name: 'parent', ptes: { [UADDR]: { page: 'P1', writable: true } }, ptl: unlocked() },
    child: null,
    mmapSem: rwsem(),
    futex: futexHash(),
  };
}

/** do_wp_page: the parent's pte is write-protected and the page shared, so copy it. */
function breakCow(g: FutexState): string | null {
  const pte = g.parent.ptes[UADDR];
  if (pte.writable) return null;
  const old = page(g.pages, pte.page);
  if (old.mapcount === 1 && old.ref === 1) return (pte.writable = true), null;
  const copy = allocPage(g.pages, { mapcount: 1, version: old.version });
  old.mapcount--;
  old.ref--;
  g.parent.ptes[UADDR] = { page: copy, writable: true };
  return copy;
}

const currentKey = (g: FutexState, p: Protocol) => (p.keys === 'mm' ? `mm:parent+${UADDR}` : `page:${g.parent.ptes[UADDR].page}+${UADDR}`);

/** pin_page(uaddr) → the futex key; with the sticky patch under mmap_sem for write. */
function pin(g: FutexState, p: Protocol, note: (s: string) => void): string {
  if (p.keys === 'mm') return currentKey(g, p);
  if (p.pinWrite) {
    const copy = breakCow(g);
    if (copy) note(`get_user_pages(write=1) breaks COW: parent now maps ${copy}`);
  }
  const id = g.parent.ptes[UADDR].page;
  const pg = page(g.pages, id);
  pg.ref++;
  pg.pincount++;
  if (p.sticky === 'flag') pg.sticky = 1;
  if (p.sticky === 'count') pg.sticky++;
  return `page:${id}+${UADDR}`;
}

function unpin(g: FutexState, p: Protocol, key: string): void {
  if (p.keys === 'mm') return;
  const pg = page(g.pages, key.slice('page:'.length).split('+')[0]);
  pg.ref--;
  pg.pincount--;
  if (p.sticky === 'flag') pg.sticky = 0;
  if (p.sticky === 'count') pg.sticky--;
}

const pinGuard = (p: Protocol) => (g: FutexState) => (p.sticky === 'none' ? canRead(g.mmapSem) : canWrite(g.mmapSem));

function waiter(p: Protocol): ThreadProgram<FutexState> {
  const steps: Record<string, Step<FutexState>> = {
    pin: {
      does: p.keys === 'mm' ? 'futex_wait: get_futex_key (mm, address)' : `futex_wait: pin_page — get_user_pages(write=${p.pinWrite ? 1 : 0})${p.sticky === 'none' ? '' : ', SetPageSticky'}`,
      waits: 'lock',
      guard: pinGuard(p),
      run: (g, me) => {
        me.local.key = pin(g, p, me.note);
        me.note(`key ${me.local.key}`);
        return 'queue';
      },
    },
    queue: { does: 'futex_wait: queue_me', run: (g, me) => (queueMe(g.futex, me.local.key as string, me.self), 'check') },
    check: {
      does: 'futex_wait: *uaddr == 1?',
      run: (g, me) => {
        if (page(g.pages, g.parent.ptes[UADDR].page).version === 1) return 'sleep';
        unqueueMe(g.futex, me.local.key as string, me.self);
        me.note('already unlocked: -EWOULDBLOCK');
        return 'unpin';
      },
    },
    sleep: { does: 'futex_wait: schedule()', waits: 'sleep', guard: (g, me) => isWoken(g.futex, me.self), run: () => 'unpin' },
    unpin: { does: p.keys === 'mm' ? 'futex_wait: return' : 'futex_wait: unpin_page', run: (g, me) => (unpin(g, p, me.local.key as string), DONE) },
  };
  return { name: 'waiter', start: 'pin', steps, locals: { key: null } };
}

function forker(p: Protocol): ThreadProgram<FutexState> {
  const steps: Record<string, Step<FutexState>> = {
    fork: {
      does: 'fork: dup_mmap under mmap_sem (write), copy_page_range',
      waits: 'lock',
      guard: (g) => canWrite(g.mmapSem),
      run: (g, me) => {
        const pte = g.parent.ptes[UADDR];
        const shared = page(g.pages, pte.page);
        if (shared.sticky > 0) {
          const copy = allocPage(g.pages, { mapcount: 1, version: shared.version });
          g.child = { name: 'child', ptes: { [UADDR]: { page: copy, writable: true } }, ptl: unlocked() };
          me.note(`handle_sticky_page: ${pte.page} is sticky, child gets its own copy ${copy}`);
        } else {
          pte.writable = false;
          shared.ref++;
          shared.mapcount++;
          g.child = { name: 'child', ptes: { [UADDR]: { page: pte.page, writable: false } }, ptl: unlocked() };
          me.note(`wrprotect, child shares ${pte.page}`);
        }
        return 'store';
      },
    },
    store: {
      does: 'parent: *uaddr = 0 (unlock)',
      run: (g, me) => {
        const copy = breakCow(g);
        if (copy) me.note(`write fault: do_wp_page gives the parent ${copy}`);
        page(g.pages, g.parent.ptes[UADDR].page).version = 0;
        return 'wake';
      },
    },
    wake: {
      does: 'futex_wake(uaddr)',
      waits: 'lock',
      guard: pinGuard(p),
      run: (g, me) => {
        const key = pin(g, p, me.note);
        const n = wake(g.futex, key);
        unpin(g, p, key);
        me.note(`key ${key}: woke ${n}`);
        return DONE;
      },
    },
  };
  return { name: 'parent', start: 'fork', steps };
}

/** A FUTEX_WAKE on another futex in the same page: pin_page then unpin_page. */
function otherWaker(p: Protocol): ThreadProgram<FutexState> {
  return {
    name: 'other',
    start: 'pin',
    locals: { key: null },
    steps: {
      pin: { does: 'futex_wake(uaddr2, same page): pin_page', waits: 'lock', guard: pinGuard(p), run: (g, me) => ((me.local.key = pin(g, p, me.note)), 'unpin') },
      unpin: {
        does: 'futex_wake(uaddr2): nobody to wake, unpin_page',
        run: (g, me) => {
          unpin(g, p, me.local.key as string);
          me.note(`sticky now ${page(g.pages, (me.local.key as string).slice(5).split('+')[0]).sticky}`);
          return DONE;
        },
      },
    },
  };
}

function keyStable(p: Protocol): Invariant<FutexState> {
  return {
    name: 'futex-key-stable',
    says: 'While a waiter is queued, its futex key is still the key a FUTEX_WAKE on its address computes.',
    at: 'always',
    violated: (g) => {
      const queued = keyOf(g.futex, 0);
      const now = currentKey(g, p);
      return queued && queued !== now ? `waiter queued on ${queued}, but uaddr now resolves to ${now}` : null;
    },
  };
}

export function futexModel(p: Protocol): Model<FutexState> {
  const threads = [waiter(p), forker(p), ...(p.secondPin ? [otherWaker(p)] : [])];
  return {
    name: 'futex-cow-fork',
    init: initialState(),
    threads,
    invariants: p.checkKey ? [keyStable(p)] : [],
    show: (g) => {
      const pages = Object.entries(g.pages).map(([id, pg]) => `${id}{ref ${pg.ref}, mapcount ${pg.mapcount}, pins ${pg.pincount}, sticky ${pg.sticky}, word ${pg.version}}`).join(' ');
      const pte = (mm: Mm | null) => (mm ? `${mm.ptes[UADDR].page}${mm.ptes[UADDR].writable ? ' rw' : ' ro'}` : '-');
      return `parent pte ${pte(g.parent)}; child pte ${pte(g.child)}; futex hash ${JSON.stringify(g.futex.queues)}; woken [${g.futex.woken}]; pages ${pages}`;
    },
  };
}

const base: Protocol = { pinWrite: false, sticky: 'none', keys: 'page', secondPin: false, checkKey: true };
const variant = (name: string, kind: Variant['kind'], p: Partial<Protocol>, expected: Variant['expected'], description: string): Variant => ({
  name, kind, description, expected, build: () => futexModel({ ...base, ...p }),
});

export const futexCowFork: Scenario = {
  id: 'futex-cow-fork',
  title: 'FUTEX_WAIT vs fork + COW (the waiter is hashed on a page COW takes away)',
  seed: '001_524799ead2cdd84c.txt',
  summary: 'A waiter hashed on the physical page misses the wake-up after fork + a COW write gives the parent a new page.',
  functions: ['futex_wait', 'futex_wake', 'pin_page', 'unpin_page', 'get_user_pages', 'queue_me', 'dup_mmap', 'copy_page_range', 'do_wp_page', 'handle_sticky_page', 'get_futex_key'],
  locks: ['mmap_sem', 'futex hash bucket', 'PG_sticky'],
  code: [
    { function: 'futex_wait', operation: 'gup-pin', step: 'waiter step 1: futex_wait: pin_page — get_user_pages(write=0)' },
    { function: 'futex_wait', operation: 'futex-key', step: 'waiter step 1: futex_wait: get_futex_key (mm, address)' },
    { function: 'pin_page', operation: 'gup-pin', step: 'waiter step 1: futex_wait: pin_page — get_user_pages(write=1), SetPageSticky' },
    { function: 'pin_page', operation: 'lock:mmap_sem', step: 'waiter step 1: futex_wait: pin_page — get_user_pages(write=1), SetPageSticky' },
    { function: 'pin_page', operation: 'flag:PG_sticky', step: 'waiter step 1: futex_wait: pin_page — get_user_pages(write=1), SetPageSticky' },
    { function: 'get_futex_key', operation: 'futex-key', step: 'waiter step 1: futex_wait: get_futex_key (mm, address)' },
    { function: 'get_futex_key', operation: 'gup-pin', step: 'waiter step 1: futex_wait: pin_page — get_user_pages(write=0)' },
    { function: 'futex_wait', operation: 'futex-queue', step: 'waiter step 2: futex_wait: queue_me' },
    { function: 'unpin_page', operation: 'flag:PG_sticky', step: 'waiter step 5: futex_wait: unpin_page' },
    { function: 'unpin_page', operation: 'page-ref', step: 'waiter step 5: futex_wait: unpin_page' },
    { function: 'dup_mmap', operation: 'lock:mmap_sem', step: 'parent step 1: fork: dup_mmap under mmap_sem (write), copy_page_range' },
    { function: 'copy_page_range', operation: 'cow-wrprotect', step: 'parent step 1: fork: dup_mmap under mmap_sem (write), copy_page_range' },
    { function: 'copy_page_range', operation: 'flag:PG_sticky', step: 'parent step 1: fork: dup_mmap under mmap_sem (write), copy_page_range' },
    { function: 'do_wp_page', operation: 'cow-copy', step: 'parent step 2: parent: *uaddr = 0 (unlock)' },
    { function: 'futex_wake', operation: 'futex-key', step: 'parent step 3: futex_wake(uaddr)' },
    { function: 'futex_wake', operation: 'gup-pin', step: 'parent step 3: futex_wake(uaddr)' },
    { function: 'futex_wake', operation: 'futex-wake', step: 'parent step 3: futex_wake(uaddr)' },
  ],
  messageIds: [],
  invariants: [
    { name: 'no-lost-wakeup', says: 'A FUTEX_WAKE on (mm, uaddr) issued after a waiter slept there finds it (no waiter sleeps forever).' },
    { name: 'futex-key-stable', says: keyStable(base).says },
  ],
  variants: [
    variant('before', 'before', { checkKey: false }, 'lost-wakeup', '2.5.38: read-only pin, waiter keyed on the physical page; nothing stops COW.'),
    variant('sticky', 'patch', { pinWrite: true, sticky: 'flag' }, 'ok', "Ingo's PG_sticky: pin_page under mmap_sem (write) with write=1 GUP; fork copies sticky pages for the child."),
    variant('sticky-flag-second-pin', 'residual', { pinWrite: true, sticky: 'flag', secondPin: true }, 'violation', 'The flag is not a count: a second pin/unpin of the same page clears PG_sticky while the waiter is queued.'),
    variant('sticky-count', 'residual', { pinWrite: true, sticky: 'count', secondPin: true }, 'ok', "Martin Wirth's sticky counter instead of a flag, with the same second pin/unpin."),
    variant('sticky-ro', 'residual', { pinWrite: false, sticky: 'flag' }, 'violation', "Martin's question: a read-only pin after fork keys the waiter on the shared page; the parent's write COWs it away."),
    variant('mm-keys', 'kernel', { keys: 'mm' }, 'ok', 'What the kernel did (Jamie Lokier, 2003): private futexes keyed on (mm, address), no page pinning.'),
  ],
};
