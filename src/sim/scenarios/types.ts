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

/**
 * One kernel operation a scenario's step models: where in the kernel the race lives. A patch
 * that adds or removes a line holding `operation` inside `function` changes that code, and so
 * may be about the race (src/link makes it a candidate link, with this entry as its evidence).
 */
export interface ModelledCode {
  /** The kernel function the operation is written in ('do_no_page'). */
  function: string;
  /**
   * What the line does, in src/link's operation vocabulary (src/link/README.md, "Operations"):
   * 'lock:<lock>' takes, releases or tries a lock ('lock:page_table_lock', 'lock:ptl',
   * 'lock:mmap_sem', 'lock:i_sem', 'lock:vm_lock'); 'flag:PG_<flag>' tests, sets or clears a page
   * flag, the page lock being 'flag:PG_locked' ('flag:PG_writeback', 'flag:PG_dirty');
   * 'seqcount-read:<seq>', 'seqcount-retry:<seq>', 'seqcount-write:<seq>' for a sequence count
   * or frlock ('seqcount-read:truncate_lock'); 'rcu'; 'srcu'; 'set_pte'; 'i_size';
   * 'page-cache-lookup', 'page-cache-add', 'page-cache-delete'; 'page-mapping'; 'page-ref';
   * 'mapcount'; 'gup-pin'; 'zap'; 'free-pgtables'; 'vma-lookup', 'vma-detach', 'vma-free';
   * 'page-mkclean'; 'page-mkwrite'; 'release-buffers'; 'cow-wrprotect', 'cow-copy';
   * 'futex-key', 'futex-queue', 'futex-wake'.
   */
  operation: string;
  /** '<thread> step <n>: <what the step does>', n counting the thread's steps in program order. */
  step: string;
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
  /** The operations the steps model, in the functions they are written in. */
  code: ModelledCode[];
  /** Message-IDs of the seed messages, where the corpus shows them. */
  messageIds: string[];
  invariants: InvariantInfo[];
  variants: Variant[];
}
