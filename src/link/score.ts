// Candidate links: how much of what a scenario models a patch touches, names or locks.
// The score ranks; the overlap is what a user reads to judge it.
import type { PatchFacts } from './patch-facts.js';
import { lockKey } from './lock-uses.js';

export interface Overlap {
  touched: string[];
  mentioned: string[];
  called: string[];
  locks: string[];
}

export interface ModelledSet {
  functions: readonly string[];
  locks: readonly string[];
}

/** Weights: touching a modelled function says most, sharing a lock next, naming or calling one least. */
const WEIGHT = { touched: 3, locks: 2, mentioned: 1, called: 1 } as const;
/** A weighted overlap of this much counts as a full match (score 1). */
const FULL = 10;

export function overlapOf(patch: PatchFacts, scenario: ModelledSet): Overlap {
  const fns = new Set(scenario.functions);
  const locks = new Map(scenario.locks.map((l) => [lockKey(l), l]));
  const touched = patch.touched.filter((f) => fns.has(f));
  return {
    touched,
    mentioned: patch.mentioned.filter((f) => fns.has(f) && !touched.includes(f)),
    called: patch.called.filter((f) => fns.has(f) && !touched.includes(f)),
    locks: [...new Set(patch.locks.map((u) => locks.get(lockKey(u.name))).filter((l): l is string => !!l))],
  };
}

/** 0…1, rounded to hundredths; 0 means "not a candidate". */
export function candidateScore(o: Overlap): number {
  // A shared lock alone (every fault path takes page_table_lock) is not enough.
  if (o.touched.length === 0 && (o.locks.length === 0 || o.mentioned.length + o.called.length === 0)) return 0;
  const weighted = WEIGHT.touched * o.touched.length + WEIGHT.locks * o.locks.length + WEIGHT.mentioned * o.mentioned.length + WEIGHT.called * o.called.length;
  return Math.round(Math.min(1, weighted / FULL) * 100) / 100;
}
