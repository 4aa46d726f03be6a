// Steps are deterministic: what a step does depends only on its thread's state (pc and locals),
// the thread's index (`self`) and the shared-state objects it reads. A search meets the same
// inputs again and again — in the scaled truncate case 25,000 step runs have a few hundred
// distinct inputs — so for a step that declares its footprint (`reads` and `writes`) the outcome
// is kept per input and reused: no copy, no run, no serialising. Steps without a footprint
// always run.
import { createInterner, type Interner } from './intern.js';
import { runStep, type Moved } from './run-step.js';
import { TupleMap } from './tuple-map.js';
import type { Model, ModelFault, Step, ThreadState, World } from './types.js';

type Outcome =
  | { ok: true; written: readonly string[]; values: unknown[]; thread: ThreadState; label: string; pc: string }
  | { ok: false; fault: ModelFault; label: string; pc: string };

interface StepTable {
  /** What the step's outcome depends on: the state it reads or changes. */
  inputs: readonly string[];
  outcomes: TupleMap<Outcome>;
}

export type StepRunner<G> = (world: World<G>, thread: number) => Moved<G>;

/**
 * Outcomes kept per search at most. A model whose steps rarely meet the same inputs would
 * otherwise keep one per transition; beyond this, new outcomes are not kept (steps just run).
 */
export const MEMO_LIMIT = 1_000_000;

/** A step runner for one search; `interner` must be the one its world keys use. */
export function memoizedSteps<G>(model: Model<G>, interner: Interner = createInterner(), limit = MEMO_LIMIT): StepRunner<G> {
  let kept = 0;
  const tables = new Map<Step<G>, StepTable | null>();
  const tableOf = (step: Step<G>): StepTable | null => {
    let table = tables.get(step);
    if (table === undefined) {
      table = step.reads && step.writes ? { inputs: [...new Set([...step.reads, ...step.writes])], outcomes: new TupleMap() } : null;
      tables.set(step, table);
    }
    return table;
  };

  const key: number[] = [];
  return (world, thread) => {
    const state = world.threads[thread];
    const step = model.threads[thread].steps[state.pc];
    const table = step ? tableOf(step) : null;
    if (!table) return runStep(model, world, thread);
    const g = world.g as Record<string, unknown>;
    key.length = 0;
    key.push(thread, interner.threadPart(state).id);
    for (const name of table.inputs) key.push(interner.valueId(g[name]));
    const known = table.outcomes.get(key);
    if (known) {
      if (!known.ok) return known;
      const next = { ...g };
      for (let i = 0; i < known.written.length; i++) next[known.written[i]] = known.values[i];
      const threads = world.threads.slice();
      threads[thread] = known.thread;
      return { ok: true, world: { g: next as G, threads }, label: known.label, pc: known.pc };
    }
    const moved = runStep(model, world, thread);
    if (kept >= limit) return moved;
    kept++;
    if (!moved.ok) {
      table.outcomes.set(key, moved);
    } else {
      const after = moved.world.g as Record<string, unknown>;
      const written = (step.writes as readonly string[]).filter((name) => name in after);
      const values = written.map((name) => interner.canonical(after[name]));
      table.outcomes.set(key, { ok: true, written, values, thread: moved.world.threads[thread], label: moved.label, pc: moved.pc });
    }
    return moved;
  };
}
