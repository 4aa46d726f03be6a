// The hash key of a world, optionally reduced by symmetry: threads of one symmetric group are
// put in a canonical order (sorted by their own state), so worlds that differ only by which
// identical thread is where share one key. `perm[p]` is the real thread at canonical position p.
//
// A key is short: every shared-state field and every thread state is interned to a small number
// (per keyer, so per search), and the key is those numbers joined. Objects a step did not copy
// (the shared fields outside its write set, the threads that did not move) are the very objects
// of the earlier world, so their numbers come from a WeakMap without serialising them again.
// Stored worlds are never changed (a step changes copies), so a cached number stays true.
import { stateKey } from './plain.js';
import type { Model, ThreadState, World } from './types.js';

export interface WorldKey {
  key: string;
  perm: number[];
}

export type WorldKeyer<G> = (world: World<G>, useSymmetry: boolean) => WorldKey;

/** A key function for worlds of one model; keys from one keyer compare with each other only. */
export function worldKeyer<G>(model: Model<G>): WorldKeyer<G> {
  const ids = new Map<string, number>();
  const intern = (text: string): number => {
    let id = ids.get(text);
    if (id === undefined) ids.set(text, (id = ids.size));
    return id;
  };
  // Numbers are kept on the objects themselves, under a symbol of this keyer that is not
  // enumerable (so JSON, for…in, spreading and cloning never see or copy it): much cheaper for
  // the garbage collector than a WeakMap holding every world's objects.
  const mark = Symbol('world key part');
  const tag = <T>(o: object, value: T): T => {
    Object.defineProperty(o, mark, { value });
    return value;
  };

  /** An object's number ('#'-marked), or a scalar's JSON itself. */
  const valuePart = (v: unknown): string => {
    if (v !== null && typeof v === 'object') {
      return (v as Record<symbol, string>)[mark] ?? tag(v, '#' + intern(JSON.stringify(v)));
    }
    return JSON.stringify(v) ?? 'undefined';
  };
  // The field names of the first world seen: a world with the same names in the same order
  // leaves them out of its key; any other world spells them out after a '!', which a short key
  // never starts with.
  let shape: string[] | null = null;
  const sharedKey = (g: unknown): string => {
    if (g === null || typeof g !== 'object' || Array.isArray(g)) return String(intern(stateKey(g)));
    const fields = g as Record<string, unknown>;
    shape ??= Object.keys(fields);
    let out = '';
    let i = 0;
    for (const name in fields) {
      if (name !== shape[i++]) return longSharedKey(fields);
      out += valuePart(fields[name]) + ',';
    }
    return i === shape.length ? out : longSharedKey(fields);
  };
  const longSharedKey = (fields: Record<string, unknown>): string => {
    let out = '!';
    for (const name in fields) out += name + ':' + valuePart(fields[name]) + ',';
    return out;
  };
  const threadPart = (t: ThreadState) => {
    const part: { id: number; text: string } | undefined = (t as unknown as Record<symbol, { id: number; text: string }>)[mark];
    if (part !== undefined) return part;
    const text = t.pc + stateKey(t.local);
    return tag(t, { id: intern(text), text });
  };

  return (world, useSymmetry) => {
    const threads = world.threads;
    const parts = new Array<{ id: number; text: string }>(threads.length);
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
    let key = sharedKey(world.g);
    for (let p = 0; p < perm.length; p++) key += '|' + parts[perm[p]].id;
    return { key, perm };
  };
}

/** A world's key on its own (a fresh keyer each call; the explorer keeps one per search). */
export function worldKey<G>(model: Model<G>, world: World<G>, useSymmetry: boolean): WorldKey {
  return worldKeyer(model)(world, useSymmetry);
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
