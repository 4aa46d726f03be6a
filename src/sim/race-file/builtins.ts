// The operations a race file's steps may call: thin wrappers over the kernel model's helpers
// (../kernel), which stay TypeScript. `pure` ones only read, so guards and invariants may call
// them; the others change the state and are for steps. Objects are passed as themselves
// (`set_pte(mm, 0, page, false)`); pages by id ('P1'), looked up in the state's `pages`.
import { ModelFault, type Plain } from '../engine/types.js';
import * as k from '../kernel/index.js';

export interface CallCtx {
  /** The shared state of the world being judged or changed. */
  g: Record<string, any>;
  /** The source text of each argument, for messages ("page_table_lock taken while held"). */
  text: string[];
}

export interface Builtin {
  pure: boolean;
  /** How many arguments: exact, or [min, max]. */
  arity: number | [number, number];
  /** One line for FORMAT.md's table. */
  doc: string;
  /** It reads (and, if not pure, may change) the state's `pages` table, which no argument names. */
  pages: boolean;
  fn(ctx: CallCtx, ...args: any[]): unknown;
}

const pages = (c: CallCtx): k.Pages => {
  if (!c.g.pages) throw new ModelFault('no-such-page', 'the state declares no pages');
  return c.g.pages;
};
const nameOf = (c: CallCtx, i = 0) => c.text[i]?.replace(/^.*\./, '') ?? 'lock';
const b = (pure: boolean, arity: Builtin['arity'], doc: string, fn: Builtin['fn']): Builtin => ({ pure, arity, doc, pages: false, fn });
/** A builtin that looks pages up by id in the state's `pages` table. */
const onPages = (pure: boolean, arity: Builtin['arity'], doc: string, fn: Builtin['fn']): Builtin => ({ pure, arity, doc, pages: true, fn });

export const builtins: Record<string, Builtin> = {
  // struct page
  page: onPages(true, 1, 'the page with this id; using a freed page is a use-after-free fault', (c, id) => k.page(pages(c), id)),
  get_page: onPages(false, 1, 'page_count++', (c, id) => k.getPage(pages(c), id)),
  put_page: onPages(false, 1, 'page_count--; the last reference frees the page', (c, id) => k.putPage(pages(c), id)),
  alloc_page: onPages(false, [0, 1], 'a new page (P2, P3, …) with these fields; returns its id', (c, fields) => k.allocPage(pages(c), fields ?? {})),
  trylock_page: onPages(false, 1, 'takes the page lock if free; true if taken', (c, id) => k.trylockPage(pages(c), id)),
  lock_page: onPages(false, 1, 'takes the page lock (guard the step on !page(id).locked)', (c, id) => {
    if (!k.trylockPage(pages(c), id)) throw new ModelFault('lock', `lock_page(${id}) while locked (the step's guard should have waited)`);
  }),
  unlock_page: onPages(false, 1, 'releases the page lock', (c, id) => k.unlockPage(pages(c), id)),
  // the page cache (a `mapping` object)
  find_page: b(true, 2, 'find_get_page without the reference: the id at index, or null', (c, m, index) => k.findPage(m, index)),
  add_to_page_cache: onPages(false, 3, 'add_to_page_cache(mapping, index, id)', (c, m, index, id) => k.addToPageCache(pages(c), m, index, id)),
  delete_from_page_cache: onPages(false, 2, 'the page leaves the cache, page->mapping = NULL, the cache reference is dropped', (c, m, id) => k.deleteFromPageCache(pages(c), m, id)),
  in_page_cache: onPages(true, 2, 'is this page still the one the cache holds at its index?', (c, m, id) => k.inPageCache(pages(c), m, id)),
  // address spaces (an `mm` object) and vmas (a `vmas` table)
  set_pte: onPages(false, 4, 'set_pte + rmap: maps the page at the address; the caller\'s reference passes to the pte', (c, mm, address, id, writable) => k.setPte(pages(c), mm, address, id, writable)),
  clear_pte: onPages(false, 2, 'zaps one pte (rmap and reference dropped); returns the page it mapped, or null', (c, mm, address) => k.clearPte(pages(c), mm, address)),
  zap_range: onPages(false, 3, 'zap_page_range over [from, to): the list of pages it unmapped', (c, mm, from, to) => k.zapRange(pages(c), mm, from, to)),
  unmap_page: onPages(false, 2, 'the rmap walk: clears every pte of mm mapping the page; returns how many', (c, mm, id) => k.unmapPage(pages(c), mm, id)),
  mappings_of: b(true, 2, 'how many ptes of mm map the page', (c, mm, id) => k.mappingsOf(mm, id)),
  pte_none: b(true, 2, 'no pte at the address', (c, mm, address) => k.pteNone(mm, address)),
  new_mm: b(true, 1, 'a fresh, empty address space with this name', (c, name) => ({ name, ptes: {}, ptl: k.unlocked() })),
  find_vma: b(true, 2, 'the id of the vma in the tree covering the address, or null', (c, vmas, address) => k.findVma(vmas, address)),
  vma: b(true, 2, 'the vma with this id; using a freed vma is a use-after-free fault', (c, vmas, id) => k.vma(vmas, id)),
  // locks (a `lock` or `rwsem` object)
  can_lock: b(true, 1, 'the lock is free', (c, l) => k.canLock(l)),
  lock: b(false, 1, 'spin_lock / mutex_lock / down (guard the step on can_lock)', (c, l) => k.lock(l, nameOf(c))),
  unlock: b(false, 1, 'spin_unlock / mutex_unlock / up', (c, l) => k.unlock(l, nameOf(c))),
  can_read: b(true, 1, 'no writer holds the rwsem', (c, s) => k.canRead(s)),
  can_write: b(true, 1, 'nobody holds the rwsem', (c, s) => k.canWrite(s)),
  down_read: b(false, 1, 'down_read', (c, s) => k.downRead(s, nameOf(c))),
  up_read: b(false, 1, 'up_read', (c, s) => k.upRead(s, nameOf(c))),
  down_write: b(false, 1, 'down_write', (c, s) => k.downWrite(s, nameOf(c))),
  up_write: b(false, 1, 'up_write', (c, s) => k.upWrite(s, nameOf(c))),
  // sequence counts (a `frlock` object; a plain number does for a generation counter)
  fr_write_lock: b(false, 1, 'pre_sequence++', (c, l) => k.frWriteLock(l)),
  fr_write_unlock: b(false, 1, 'post_sequence++', (c, l) => k.frWriteUnlock(l)),
  fr_read_begin: b(true, 1, 'post_sequence', (c, l) => k.frReadBegin(l)),
  fr_read_end: b(true, 1, 'pre_sequence', (c, l) => k.frReadEnd(l)),
  // RCU / SRCU (an `rcu` object)
  rcu_read_lock: b(false, 1, 'enters a read-side section; returns the ticket to keep in a local', (c, d) => k.readLock(d)),
  rcu_read_unlock: b(false, 2, 'leaves the section of this ticket', (c, d, t) => k.readUnlock(d, t)),
  call_rcu: b(false, 2, 'queues a callback freeing this object after the current readers', (c, d, what) => k.callRcu(d, what)),
  grace_elapsed: b(true, 1, 'the oldest callback\'s readers have all left', (c, d) => k.graceElapsed(d)),
  run_callback: b(false, 1, 'runs the oldest callback; returns what it frees', (c, d) => k.runCallback(d)),
  // the futex hash (a `futex` object)
  queue_me: b(false, 3, 'queues thread on key', (c, h, key, t) => k.queueMe(h, key, t)),
  unqueue_me: b(false, 3, 'unqueues thread from key', (c, h, key, t) => k.unqueueMe(h, key, t)),
  futex_wake: b(false, 2, 'wakes every waiter on key; returns how many', (c, h, key) => k.wake(h, key)),
  is_woken: b(true, 2, 'has this thread been woken', (c, h, t) => k.isWoken(h, t)),
  queued_key: b(true, 2, 'the key a thread is queued on, or null', (c, h, t) => k.keyOf(h, t)),
  // plain data
  len: b(true, 1, 'length of a list, or number of keys of an object', (c, x) => (Array.isArray(x) ? x.length : x && typeof x === 'object' ? Object.keys(x).length : 0)),
  keys: b(true, 1, 'the keys of an object, in order', (c, x) => Object.keys(x ?? {})),
  values: b(true, 1, 'the values of an object, in order', (c, x) => Object.values(x ?? {})),
  contains: b(true, 2, 'the list holds the value', (c, list, x) => (list as Plain[]).includes(x)),
  push: b(false, 2, 'appends to a list (a let variable or state)', (c, list, x) => void (list as Plain[]).push(x)),
  join: b(true, 2, 'joins a list into a string', (c, list, sep) => (list as Plain[]).join(sep)),
  num: b(true, 1, 'a number from a string key', (c, x) => Number(x)),
  json: b(true, 1, 'the value as JSON', (c, x) => JSON.stringify(x)),
  split_page: b(true, 1, "the page id inside a key like 'page:P1+0'", (c, key) => String(key).replace(/^[^:]*:/, '').split('+')[0]),
};

export const isPure = (name: string) => builtins[name]?.pure === true;
