// What a scenario is: one race, read from its file in this folder (see FORMAT.md): its facts
// (for linking patches to it), the code its steps model, and its variants — before the patch,
// the patch, residual cases the thread raised, what the kernel did.
import type { Model, Verdict } from '../engine/types.js';
import type { Facts } from '../race-file/spec.js';

export type VariantKind = 'before' | 'patch' | 'residual' | 'kernel';
export type { Facts };

export interface Variant {
  name: string;
  kind: VariantKind;
  /** One line: what this variant changes. */
  description: string;
  /** The verdict the race's history leads us to expect. */
  expected: Verdict;
  /** The invariant the expected problem breaks (null for ok). */
  breaks: string | null;
  /** The length of the shortest counterexample, where the file states it. */
  steps: number | null;
  /** Builds a fresh model (the explorer never shares state between runs). */
  build(): Model<any>;
  /** The same model with another number of identical copies of some threads. */
  scaled(copies: Record<string, number>): Model<any>;
}

export interface InvariantInfo {
  name: string;
  says: string;
}

/**
 * One kernel operation a scenario's step models: where in the kernel the race lives. A patch
 * that adds or removes a line holding `operation` inside `function` changes that code, and so
 * may be about the race (src/link makes it a candidate link, with this entry as its evidence).
 * In a race file: a step's `models: ['do_no_page: set_pte', …]`.
 */
export interface ModelledCode {
  /** The kernel function the operation is written in ('do_no_page'). */
  function: string;
  /**
   * What the line does, in src/link's operation vocabulary (src/link/README.md, "Operations"):
   * 'lock:<lock>', 'flag:PG_<flag>', 'seqcount-read:<seq>', 'seqcount-retry:<seq>',
   * 'seqcount-write:<seq>', 'rcu', 'srcu', 'set_pte', 'i_size', 'page-cache-lookup',
   * 'page-cache-add', 'page-cache-delete', 'page-mapping', 'page-ref', 'mapcount', 'gup-pin',
   * 'zap', 'free-pgtables', 'vma-lookup', 'vma-detach', 'vma-free', 'page-mkclean',
   * 'page-mkwrite', 'release-buffers', 'cow-wrprotect', 'cow-copy', 'futex-key', 'futex-queue',
   * 'futex-wake'.
   */
  operation: string;
  /** '<thread> step <n>: <what the step does>', n counting the thread's steps in program order in the first variant that has the step. */
  step: string;
}

export interface Scenario {
  id: string;
  title: string;
  /** The corpus file the scenario was written from (corpora/…), or ''. */
  seed: string;
  summary: string;
  /** Kernel functions the steps model. */
  functions: string[];
  locks: string[];
  /** Message-IDs of the messages the race comes from (from its facts). */
  messageIds: string[];
  invariants: InvariantInfo[];
  variants: Variant[];
  /** What each step models, over every variant. */
  code: ModelledCode[];
  facts: Facts;
  /** The race file and its story, relative to the scenarios folder. */
  file: string;
  story: string | null;
}
