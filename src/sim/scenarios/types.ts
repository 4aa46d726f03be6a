// What a scenario is: one seed race, its provenance (for linking patches to it later) and its
// variants — before the patch, the patch, residual cases the thread raised, what the kernel did.
import type { Model, Verdict } from '../engine/types.js';

export type VariantKind = 'before' | 'patch' | 'residual' | 'kernel';

export interface Variant {
  name: string;
  kind: VariantKind;
  /** One line: what this variant changes. */
  description: string;
  /** The verdict the seed thread (and spin) lead us to expect. */
  expected: Verdict;
  /** Builds a fresh model (the explorer never shares state between runs). */
  build(): Model<any>;
}

export interface InvariantInfo {
  name: string;
  says: string;
}

export interface Scenario {
  id: string;
  title: string;
  /** The corpus file the scenario was written from (corpora/…). */
  seed: string;
  summary: string;
  /** Kernel functions the steps model. */
  functions: string[];
  locks: string[];
  /** Message-IDs of the seed messages, where the corpus shows them. */
  messageIds: string[];
  invariants: InvariantInfo[];
  variants: Variant[];
}
