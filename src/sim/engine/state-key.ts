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
  const valuePart = (v: unknown): string | number => {
    if (v !== null && typeof v === 'object') {
      const id: number = (v as Record<symbol, number>)[mark] ?? tag(v, intern(JSON.stringify(v)));
      return '#' + id;
    }
    return JSON.stringify(v) ?? 'undefined';
  };
  const sharedKey = (g: unknown): string => {
    if (g === null || typeof g !== 'object' || Array.isArray(g)) return String(intern(stateKey(g)));
    let out = '';
    for (const name in g as Record<string, unknown>) out += name + ':' + valuePart((g as Record<string, unknown>)[name]) + ',';
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
        const sorted = group.slice().sort((a, b) => (parts[a].text < parts[b].text ? -1 : parts[a].text > parts[b].text ? 1 : a - b));
        for (let k = 0; k < group.length; k++) perm[group[k]] = sorted[k];
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
