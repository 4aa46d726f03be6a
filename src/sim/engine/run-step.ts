// Running one thread's next step on a world: is it enabled, and what world and label result.
// The step works on a clone, so worlds already stored are never changed.
import { clonePlain, cloneSome } from './plain.js';
import { DONE, ModelFault } from './types.js';
import type { Model, Step, ThreadCtx, World } from './types.js';

export function stepOf<G>(model: Model<G>, world: World<G>, thread: number): Step<G> | undefined {
  const state = world.threads[thread];
  if (!state || state.pc === DONE) return undefined;
  return model.threads[thread].steps[state.pc];
}

const ignoreNote = (): void => {};

function readOnlyCtx(thread: number, local: ThreadCtx['local']): ThreadCtx {
  return { self: thread, local, note: ignoreNote };
}

export function isEnabled<G>(model: Model<G>, world: World<G>, thread: number): boolean {
  const step = stepOf(model, world, thread);
  if (!step) return false;
  return !step.guard || step.guard(world.g, readOnlyCtx(thread, world.threads[thread].local));
}

export function enabledThreads<G>(model: Model<G>, world: World<G>): number[] {
  const out: number[] = [];
  for (let i = 0; i < world.threads.length; i++) if (isEnabled(model, world, i)) out.push(i);
  return out;
}

export type Moved<G> =
  | { ok: true; world: World<G>; label: string; pc: string }
  | { ok: false; fault: ModelFault; label: string; pc: string };

// What the running step noted. Steps run one at a time and note while they run, so one buffer
// and one note function serve every step (no closure per step run).
let stepNotes: string[] | null = null;
const noteDuringStep = (text: string): void => {
  (stepNotes ??= []).push(text);
};
function takeNotes(): string[] | null {
  const notes = stepNotes;
  stepNotes = null;
  return notes;
}
const labelOf = (does: string, notes: string[] | null) => (notes ? `${does} — ${notes.join('; ')}` : does);

/** Runs `thread`'s next step; the caller has checked it is enabled. */
export function runStep<G>(model: Model<G>, world: World<G>, thread: number): Moved<G> {
  const pc = world.threads[thread].pc;
  const step = model.threads[thread].steps[pc];
  if (!step) throw new Error(`model ${model.name}: thread ${model.threads[thread].name} has no step '${pc}'`);
  const g = step.writes ? cloneSome(world.g, step.writes) : clonePlain(world.g);
  const threads = world.threads.slice();
  const local = clonePlain(world.threads[thread].local);
  const ctx: ThreadCtx = { self: thread, local, note: noteDuringStep };
  stepNotes = null;
  let next: string;
  try {
    next = step.run(g, ctx);
  } catch (err) {
    if (err instanceof ModelFault) return { ok: false, fault: err, label: labelOf(step.does, takeNotes()), pc };
    throw err;
  }
  const notes = takeNotes();
  if (next !== DONE && !model.threads[thread].steps[next]) {
    throw new Error(`model ${model.name}: step '${pc}' of ${model.threads[thread].name} goes to unknown step '${next}'`);
  }
  threads[thread] = { pc: next, local };
  return { ok: true, world: { g, threads }, label: labelOf(step.does, notes), pc };
}

export function initialWorld<G>(model: Model<G>): World<G> {
  return {
    g: clonePlain(model.init),
    threads: model.threads.map((t) => ({ pc: t.start, local: clonePlain(t.locals ?? {}) })),
  };
}
