// How a race's state is laid out in Promela: fixed arrays and scalars instead of JSON-like
// objects. Pages become slots of parallel arrays (pg_ref[id], …; 'P3' is slot 3, 0 is null),
// ptes and page-cache entries arrays by address and index, locks booleans, strings small ints.
import { newPage } from '../kernel/page.js';

export class NotExportable extends Error {
  constructor(readonly line: number, what: string) {
    super(what);
  }
}

export const PAGE_FIELDS = Object.keys(newPage());
export const VMA_FIELDS = ['start', 'end', 'file', 'inTree', 'freed', 'seq'];

export interface Layout {
  /** Page slots, 1…pages-1 usable. */
  pages: number;
  /** The declared pages' slots, in declaration order (allocated pages take the next free ones). */
  pageSlots: Map<string, number>;
  /** Addresses and indexes 0…size-1. */
  size: number;
  strings: Map<string, number>;
  /** State key → its kind ('scalar' for plain values). */
  kinds: Map<string, string>;
  /** Plain state values the code sets to objects ({ data, bounce }): their fields. */
  records: Map<string, string[]>;
}

export function intern(layout: Layout, s: string): number {
  const slot = layout.pageSlots.get(s);
  if (slot !== undefined) return slot;
  const page = /^P(\d+)$/.exec(s);
  if (page && !layout.strings.has(s)) return Number(page[1]);
  let n = layout.strings.get(s);
  if (n === undefined) layout.strings.set(s, (n = 100 + layout.strings.size));
  return n;
}

/** A plain value as a Promela integer: null/false 0, true 1, strings interned. */
export function plainInt(layout: Layout, v: unknown, line: number): number {
  if (v === null || v === undefined || v === false) return 0;
  if (v === true) return 1;
  if (typeof v === 'number') return v === Infinity ? 255 : v;
  if (typeof v === 'string') return intern(layout, v);
  throw new NotExportable(line, `a state value that is an object or list (${JSON.stringify(v).slice(0, 40)})`);
}

/** Promela declarations and initialisation of the state. */
export function stateDecls(layout: Layout, state: Record<string, any>): { decls: string[]; init: string[] } {
  const decls: string[] = [`#define NP ${layout.pages}`, `#define NA ${layout.size}`];
  const init: string[] = [];
  const byteFields = PAGE_FIELDS.map((f) => `byte pg_${f}[NP];`);
  decls.push('/* values are small integers: 0 is null and false, P<n> is page slot n, other texts 100 and up */');
  decls.push(...byteFields, 'bool pg_used[NP];');
  for (const [key, value] of Object.entries(state)) {
    const kind = layout.kinds.get(key) as string;
    switch (kind) {
      case 'pages':
        for (const [id, p] of Object.entries(value as Record<string, any>)) {
          const slot = intern(layout, id);
          init.push(`pg_used[${slot}] = 1;`);
          for (const f of PAGE_FIELDS) { const n = plainInt(layout, p[f], 0); if (n) init.push(`pg_${f}[${slot}] = ${n};`); }
        }
        break;
      case 'mapping':
        decls.push(`byte ${key}_isize;`, `byte ${key}_cache[NA];`);
        init.push(`${key}_isize = ${value.isize};`);
        for (const [i, id] of Object.entries(value.cache as Record<string, string>)) init.push(`${key}_cache[${i}] = ${intern(layout, id)};`);
        break;
      case 'mm':
        decls.push(`byte ${key}_pte_page[NA];`, `bool ${key}_pte_w[NA];`, `bool ${key}_ptl;`);
        for (const [a, pte] of Object.entries(value.ptes as Record<string, any>)) init.push(`${key}_pte_page[${a}] = ${intern(layout, pte.page)};`, `${key}_pte_w[${a}] = ${pte.writable ? 1 : 0};`);
        break;
      case 'lock':
        decls.push(`bool ${key};`);
        if (value.held) init.push(`${key} = 1;`);
        break;
      case 'rwsem':
        decls.push(`byte ${key}_readers;`, `bool ${key}_writer;`);
        break;
      case 'frlock':
        decls.push(`byte ${key}_pre;`, `byte ${key}_post;`);
        break;
      case 'scalar': {
        const fields = layout.records.get(key);
        if (fields) {
          decls.push(`bool ${key}_set;`, ...fields.map((f) => `byte ${key}_${f};`));
          if (value !== null) throw new NotExportable(0, `state '${key}' starts as an object`);
          break;
        }
        decls.push(`byte ${key};`);
        const n = plainInt(layout, value, 0);
        if (n) init.push(`${key} = ${n};`);
        break;
      }
      case 'vmas': {
        const ids = Object.keys(value as object);
        decls.push(`#define NV ${ids.length + 1}`, ...VMA_FIELDS.map((f) => `byte vm_${f}[NV];`));
        ids.forEach((id, i) => {
          if (intern(layout, id) !== i + 1) throw new NotExportable(0, `vma ids are taken in order (${id})`);
          for (const f of VMA_FIELDS) { const n = plainInt(layout, (value as any)[id][f], 0); if (n) init.push(`vm_${f}[${i + 1}] = ${n};`); }
        });
        break;
      }
      case 'optmm':
        decls.push(`bool ${key}_set;`, `byte ${key}_pte_page[NA];`, `bool ${key}_pte_w[NA];`, `bool ${key}_ptl;`);
        break;
      case 'futex':
        decls.push(`#define NT 8`, 'int fx_q[NT];', 'bool fx_woken[NT];');
        break;
      case 'rcu':
        decls.push(`byte ${key}_next;`, `byte ${key}_active;`, `byte ${key}_cbs;`, `byte ${key}_frees[2];`, `byte ${key}_wait[2];`);
        init.push(`${key}_next = 1;`);
        break;
      default:
        throw new NotExportable(0, `state '${key}' is a ${kind}, which the Promela export does not model yet (exportable: pages, vmas, mapping, mm, lock, rwsem, frlock, rcu, plain values)`);
    }
  }
  return { decls, init };
}

/** The kind of each state object, told from its shape. */
export function kindOf(key: string, value: any): string {
  if (key === 'pages') return 'pages';
  if (key === 'vmas') return 'vmas';
  if (value === null || typeof value !== 'object') return 'scalar';
  if ('isize' in value && 'cache' in value) return 'mapping';
  if ('ptes' in value && 'ptl' in value) return 'mm';
  if ('held' in value) return 'lock';
  if ('readers' in value && 'writer' in value) return 'rwsem';
  if ('pre' in value && 'post' in value) return 'frlock';
  if ('nextTicket' in value) return 'rcu';
  if ('queues' in value) return 'futex';
  return 'object';
}
