// Candidate links: a patch is one when it changes a line where a scenario's race lives (its
// evidence, evidence.ts); the score ranks candidates by how much of that code it changes. The
// overlap (functions touched, named, called; locks used) is context a user reads beside it.
import type { Evidence } from './evidence.js';
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

/** Weights: each modelled operation changed says most, each step it reaches a little more. */
const WEIGHT = { operation: 3, step: 1 } as const;
/** A weighted evidence of this much counts as a full match (score 1). */
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

/**
 * 0…1, rounded to hundredths; 0 means "not a candidate": without a changed line holding a
 * modelled operation in a modelled function, touching, naming or calling functions is not enough.
 */
export function candidateScore(evidence: readonly Evidence[]): number {
  if (evidence.length === 0) return 0;
  const operations = new Set(evidence.map((e) => `${e.function} ${e.operation}`)).size;
  const steps = new Set(evidence.map((e) => e.step)).size;
  return Math.round(Math.min(1, (WEIGHT.operation * operations + WEIGHT.step * steps) / FULL) * 100) / 100;
}
