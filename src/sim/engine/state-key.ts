// The hash key of a world, optionally reduced by symmetry: threads of one symmetric group are
// put in a canonical order (sorted by their own state), so worlds that differ only by which
// identical thread is where share one key. `perm[p]` is the real thread at canonical position p.
import { sharedStateKey, stateKey } from './plain.js';
import type { Model, World } from './types.js';

export interface WorldKey {
  key: string;
  perm: number[];
}

export function worldKey<G>(model: Model<G>, world: World<G>, useSymmetry: boolean): WorldKey {
  const threadKeys = world.threads.map((t) => t.pc + stateKey(t.local));
  const perm = threadKeys.map((_, i) => i);
  if (useSymmetry && model.symmetric) {
    for (const group of model.symmetric) {
      const sorted = group.slice().sort((a, b) => (threadKeys[a] < threadKeys[b] ? -1 : threadKeys[a] > threadKeys[b] ? 1 : a - b));
      group.forEach((position, k) => (perm[position] = sorted[k]));
    }
  }
  let key = sharedStateKey(world.g);
  for (const actual of perm) key += '|' + threadKeys[actual];
  return { key, perm };
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
