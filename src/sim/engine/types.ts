// The vocabulary of the model checker. A model is plain data plus small pure-ish functions:
// a shared state G (the "kernel"), a few threads, each a program of labelled atomic steps,
// and invariants. The engine knows nothing about pages or locks; see ../kernel for those.

/** Values a model may keep in its state: JSON-like, so states can be cloned and hashed. */
export type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };

/** Where a thread is (the name of its next step, or 'done') and its private variables. */
export interface ThreadState {
  pc: string;
  local: Record<string, Plain>;
}

/** One global state of the system: the shared kernel state and every thread's state. */
export interface World<G> {
  g: G;
  threads: ThreadState[];
}

/** What a step sees of the thread running it. `local` is a private draft it may mutate. */
export interface ThreadCtx {
  readonly self: number;
  readonly local: Record<string, Plain>;
  /** Adds "— text" to this step's label in the trace (what happened this time). */
  note(text: string): void;
}

export const DONE = 'done';

/**
 * One atomic step of a thread, named after the kernel code it models. When `guard` is false the
 * thread is blocked here: `waits: 'sleep'` marks a sleep that only a wake-up ends (a thread left
 * asleep when everybody else is done is a lost wake-up); anything else blocked forever is a
 * deadlock. `run` mutates the cloned state and returns the next step's name, or DONE.
 */
export interface Step<G> {
  does: string;
  waits?: 'lock' | 'sleep';
  /**
   * The top-level keys of the shared state this step may change. The others are shared with the
   * world the step starts from instead of copied (and their hash keys reused). Omit when unsure:
   * everything is copied. Naming too few is a bug that corrupts stored worlds.
   */
  writes?: readonly string[];
  /**
   * The top-level keys of the shared state this step's guard and code may read. With `writes`,
   * it tells the explorer that two steps commute without running them both ways (neither writes
   * what the other reads or writes). Omit when unsure. Naming too few is a bug that loses
   * interleavings.
   */
  reads?: readonly string[];
  guard?(g: G, me: ThreadCtx): boolean;
  run(g: G, me: ThreadCtx): string;
}

export interface ThreadProgram<G> {
  /** Short name used in traces and schedules ('fault', 'truncate', 'fault2'). */
  name: string;
  start: string;
  steps: Record<string, Step<G>>;
  locals?: Record<string, Plain>;
}

/** A property of the shared state; `violated` says what is wrong, or returns null. */
export interface Invariant<G> {
  name: string;
  /** The invariant in one sentence. */
  says: string;
  /** 'always': checked in every reachable state; 'end': only once every thread is done. */
  at: 'always' | 'end';
  violated(g: G, threads: readonly ThreadState[]): string | null;
}

export interface Model<G> {
  name: string;
  init: G;
  threads: ThreadProgram<G>[];
  invariants: Invariant<G>[];
  /**
   * Groups of thread indices running identical programs. The explorer treats states that differ
   * only by a permutation inside a group as one. Sound only if the shared state never names a
   * thread of the group (keep lock owners and the like in thread locals).
   */
  symmetric?: number[][];
  /** Renders the shared state for a counterexample; defaults to JSON. */
  show?(g: G): string;
}

/**
 * Thrown by kernel helpers from inside a step when the step itself is an error
 * (a use after free, a double unlock). The explorer reports it as a violation of `invariant`.
 */
export class ModelFault extends Error {
  constructor(
    readonly invariant: string,
    message: string,
  ) {
    super(message);
  }
}

export type Verdict = 'violation' | 'deadlock' | 'lost-wakeup' | 'ok';

export interface TraceStep {
  /** 1-based position in the interleaving. */
  n: number;
  thread: number;
  threadName: string;
  /** The step's name in its program. */
  pc: string;
  label: string;
}

/** What went wrong, or null for 'ok'. */
export interface Finding {
  verdict: Exclude<Verdict, 'ok'>;
  invariant: string;
  detail: string;
}
