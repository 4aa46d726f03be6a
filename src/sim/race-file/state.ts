// The `state:` section: named objects of the kernel model's kinds, built by its constructors so
// every object has the fixed key order the explorer's hashing relies on.
import * as k from '../kernel/index.js';
import type { View } from './yaml-view.js';

type Build = (name: string, fields: Record<string, any>, at: View) => unknown;

const fieldsOf = (at: View, allowed: readonly string[], fields: Record<string, any>) => {
  for (const key of Object.keys(fields)) if (!allowed.includes(key)) at.fail(`unknown field '${key}' for this kind (expected: ${allowed.join(', ') || 'none'})`);
  return fields;
};

const PAGE_FIELDS = Object.keys(k.newPage());
const VMA_FIELDS = ['start', 'end', 'file', 'inTree', 'freed', 'seq'];

/** The kinds of object a race's state may hold, with their fields. */
export const kinds: Record<string, { doc: string; build: Build }> = {
  pages: {
    doc: `table of struct page by id (P1, …); fields ${PAGE_FIELDS.join(', ')}`,
    build: (_, fields, at) => Object.fromEntries(Object.entries(fields).map(([id, f]) => [id, k.newPage(fieldsOf(at, PAGE_FIELDS, f ?? {}))])),
  },
  mapping: {
    doc: 'a file\'s address_space: isize (pages), cache (index → page id)',
    build: (name, f, at) => ({ name, isize: 0, cache: {}, ...fieldsOf(at, ['isize', 'cache'], f) }),
  },
  mm: {
    doc: 'an address space: ptes (address → {page, writable}) and its page-table lock ptl',
    build: (name, f, at) => ({ name, ptes: fieldsOf(at, ['ptes'], f).ptes ?? {}, ptl: k.unlocked() }),
  },
  vmas: {
    doc: `table of vmas by id; fields ${VMA_FIELDS.join(', ')}`,
    build: (_, fields, at) => Object.fromEntries(Object.entries(fields).map(([id, f]) => [id, { start: 0, end: 1, file: null, inTree: true, freed: false, seq: 0, ...fieldsOf(at, VMA_FIELDS, f ?? {}) }])),
  },
  lock: { doc: 'a spinlock, mutex or semaphore: held', build: (_, f, at) => ({ ...k.unlocked(), ...fieldsOf(at, ['held'], f) }) },
  rwsem: { doc: 'a reader/writer semaphore: readers, writer', build: (_, f, at) => ({ ...k.rwsem(), ...fieldsOf(at, ['readers', 'writer'], f) }) },
  frlock: { doc: "Andrea's frlock: pre, post sequences", build: (_, f, at) => ({ ...k.frlock(), ...fieldsOf(at, ['pre', 'post'], f) }) },
  rcu: { doc: 'an RCU or SRCU domain: read-side tickets and deferred callbacks', build: (_, f, at) => (fieldsOf(at, [], f), k.rcuDomain()) },
  futex: { doc: 'the futex hash: key → queued threads, and who was woken', build: (_, f, at) => (fieldsOf(at, [], f), k.futexHash()) },
};

/** One entry of `state:`: a plain value, the `pages` table, or `{ kind: …, fields }`. */
export function buildObject(name: string, v: View): unknown {
  if (name === 'pages' || name === 'vmas') return kinds[name].build(name, (v.plain() ?? {}) as Record<string, any>, v);
  const raw = v.plain();
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const { kind, ...fields } = raw as Record<string, any>;
  if (kind === undefined) v.fail(`state '${name}': an object needs a kind (one of: ${Object.keys(kinds).join(', ')})`);
  const maker = kinds[String(kind)];
  if (!maker) v.fail(`state '${name}': unknown kind '${kind}' (the kernel model has: ${Object.keys(kinds).join(', ')})`);
  return maker.build(name, fields, v);
}
