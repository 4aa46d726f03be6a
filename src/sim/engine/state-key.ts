// The hash key of a world, optionally reduced by symmetry: threads of one symmetric group are
// put in a canonical order (sorted by their own state), so worlds that differ only by which
// identical thread is where share one key. `perm[p]` is the real thread at canonical position p.
//
// A key is short: every shared-state field and every thread state has a number (intern.ts), and
// the key is those numbers joined.
import { createInterner, type Interner, type ThreadPart } from './intern.js';
import { stateKey } from './plain.js';
import type { Model, World } from './types.js';

export interface WorldKey {
  /**
   * The key: a tuple of numbers (compare with sameKey, store in a TupleMap). First the shape of
   * the shared state (0: the field names of the first world keyed, in order), then each field's
   * number, then each thread's number in canonical order.
   */
  key: number[];
  perm: number[];
}

export type WorldKeyer<G> = (world: World<G>, useSymmetry: boolean) => WorldKey;

/**
 * A key function for worlds of one model; keys from one keyer compare with each other only
 * (or with those of keyers sharing its interner).
 */
export function worldKeyer<G>(model: Model<G>, interner: Interner = createInterner()): WorldKeyer<G> {
  const { intern, valueId, threadPart } = interner;
  // The field names of the first world seen are shape 0; a world with other names (or another
  // order) gets the number of its names, plus one.
  let shape: string[] | null = null;
  const shapeOf = (fields: Record<string, unknown>): number => {
    shape ??= Object.keys(fields);
    let i = 0;
    let same = true;
    for (const name in fields) if (name !== shape[i++]) { same = false; break; }
    return same && i === shape.length ? 0 : 1 + intern('shape:' + Object.keys(fields).join('\n'));
  };
  return (world, useSymmetry) => {
    const threads = world.threads;
    const parts = new Array<ThreadPart>(threads.length);
    const perm = new Array<number>(threads.length);
    for (let i = 0; i < threads.length; i++) {
      parts[i] = threadPart(threads[i]);
      perm[i] = i;
    }
    if (useSymmetry && model.symmetric) {
      for (const group of model.symmetric) {
        // Insertion sort by thread state, ties by index: groups are small.
        for (let k = 0; k < group.length; k++) {
          const t = group[k];
          const text = parts[t].text;
          let j = k;
          while (j > 0) {
            const before = perm[group[j - 1]];
            const other = parts[before].text;
            if (other < text || (other === text && before < t)) break;
            perm[group[j]] = before;
            j--;
          }
          perm[group[j]] = t;
        }
      }
    }
    const key: number[] = [];
    const g = world.g as unknown;
    if (g === null || typeof g !== 'object' || Array.isArray(g)) key.push(-1, intern(stateKey(g)));
    else {
      const fields = g as Record<string, unknown>;
      key.push(shapeOf(fields));
      for (const name in fields) key.push(valueId(fields[name]));
    }
    for (let p = 0; p < perm.length; p++) key.push(parts[perm[p]].id);
    return { key, perm };
  };
}

/** Do two keys (of one keyer) name the same world? */
export function sameKey(a: WorldKey, b: WorldKey): boolean {
  return a.key.length === b.key.length && a.key.every((n, i) => n === b.key[i]);
}

/** Maps a set of real thread indices (bit mask) to canonical positions, or back. */
export function toCanonical(mask: number, perm: readonly number[]): number {
  let out = 0;
  for (let p = 0; p < perm.length; p++) if (mask & (1 << perm[p])) out |= 1 << p;
  return out;
}

export function toActual(mask: number, perm: readonly number[]): number {
  let out = 0;
  for (let p = 0; p < perm.length; p++) if (mask & (1 << p)) out |= 1 << perm[p];
  return out;
}

/**
 * Whether two worlds have equal keys without symmetry (what the sleep-set check asks), found by
 * walking them side by side: objects both worlds share are equal at once, and nothing is
 * serialised unless plain-data comparison cannot decide (then it compares their JSON, as the
 * key does).
 */
export function sameWorld<G>(a: World<G>, b: World<G>): boolean {
  if (a.threads.length !== b.threads.length) return false;
  for (let i = 0; i < a.threads.length; i++) {
    const x = a.threads[i];
    const y = b.threads[i];
    if (x === y) continue;
    if (x.pc === y.pc ? !sameJson(x.local, y.local) : x.pc + stateKey(x.local) !== y.pc + stateKey(y.local)) return false;
  }
  const g = a.g as unknown;
  const h = b.g as unknown;
  if (g === null || typeof g !== 'object' || Array.isArray(g) || h === null || typeof h !== 'object' || Array.isArray(h)) return stateKey(g) === stateKey(h);
  const names = Object.keys(g);
  const others = Object.keys(h);
  if (names.length !== others.length) return false;
  for (let i = 0; i < names.length; i++) {
    if (names[i] !== others[i]) return false;
    const v = (g as Record<string, unknown>)[names[i]];
    const w = (h as Record<string, unknown>)[names[i]];
    if (v === w) continue;
    const vObject = v !== null && typeof v === 'object';
    const wObject = w !== null && typeof w === 'object';
    if (vObject !== wObject) return false;
    if (vObject ? !sameJson(v, w) : (JSON.stringify(v) ?? 'undefined') !== (JSON.stringify(w) ?? 'undefined')) return false;
  }
  return true;
}

/** JSON.stringify(a) === JSON.stringify(b), without building the strings where it can. */
function sameJson(a: unknown, b: unknown): boolean {
  const fast = plainEqual(a, b);
  return fast === undefined ? JSON.stringify(a) === JSON.stringify(b) : fast;
}

/** Equality of plain data as JSON sees it, or undefined when unsure (undefined, functions, class instances…). */
function plainEqual(a: unknown, b: unknown): boolean | undefined {
  if (a === b) return true;
  const ta = typeof a;
  const tb = typeof b;
  if (ta === 'object' && tb === 'object' && a !== null && b !== null) {
    const arr = Array.isArray(a);
    if (arr !== Array.isArray(b)) return false;
    if (arr) {
      const x = a as unknown[];
      const y = b as unknown[];
      if (x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) {
        const same = plainEqual(x[i], y[i]);
        if (same !== true) return same;
      }
      return true;
    }
    const pa = Object.getPrototypeOf(a);
    const pb = Object.getPrototypeOf(b);
    if ((pa !== Object.prototype && pa !== null) || (pb !== Object.prototype && pb !== null)) return undefined;
    const ka = Object.keys(a as object);
    const kb = Object.keys(b as object);
    if (ka.length !== kb.length) return undefined;
    for (let i = 0; i < ka.length; i++) {
      if (ka[i] !== kb[i]) return undefined;
      const same = plainEqual((a as Record<string, unknown>)[ka[i]], (b as Record<string, unknown>)[ka[i]]);
      if (same !== true) return same;
    }
    return true;
  }
  if ((ta === 'string' || ta === 'boolean' || (ta === 'number' && Number.isFinite(a)) || a === null) && (tb === 'string' || tb === 'boolean' || (tb === 'number' && Number.isFinite(b)) || b === null)) return false;
  return undefined;
}
