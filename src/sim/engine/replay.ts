// Deterministic replay: runs a given schedule step by step, judging every world exactly as the
// explorer does. A schedule that does not fit the model (a thread that is done or blocked at
// that point) is reported with the step at which it fails, not thrown.
import { enabledThreads, initialWorld, isEnabled, runStep, stepOf } from './run-step.js';
import { judgeWorld } from './judge.js';
import { DONE } from './types.js';
import type { Finding, Model, World } from './types.js';
import type { PathStep } from './explore.js';

export type Replayed<G> =
  | {
      ok: true;
      finding: Finding | null;
      path: PathStep[];
      /** The world in which the problem shows, or the final world. */
      world: World<G>;
      /** True when the schedule ran to a world where no thread can move. */
      complete: boolean;
      /** Schedule entries left unused because a problem showed earlier. */
      unused: number;
    }
  | { ok: false; error: string };

export function replay<G>(model: Model<G>, schedule: readonly number[]): Replayed<G> {
  let world = initialWorld(model);
  const path: PathStep[] = [];
  let finding = judgeWorld(model, world, enabledThreads(model, world));
  let used = 0;
  for (const thread of schedule) {
    if (finding) break;
    const name = model.threads[thread]?.name ?? String(thread);
    if (!model.threads[thread]) return { ok: false, error: `step ${used + 1}: there is no thread ${thread}` };
    if (world.threads[thread].pc === DONE) return { ok: false, error: `step ${used + 1}: thread ${thread} (${name}) has already finished` };
    if (!isEnabled(model, world, thread)) {
      const at = stepOf(model, world, thread)?.does ?? world.threads[thread].pc;
      return { ok: false, error: `step ${used + 1}: thread ${thread} (${name}) is blocked at '${at}'` };
    }
    const moved = runStep(model, world, thread);
    used++;
    path.push({ thread, pc: moved.pc, label: moved.label });
    if (!moved.ok) {
      finding = { verdict: 'violation', invariant: moved.fault.invariant, detail: moved.fault.message };
      break;
    }
    world = moved.world;
    finding = judgeWorld(model, world, enabledThreads(model, world));
  }
  const complete = finding !== null || enabledThreads(model, world).length === 0;
  return { ok: true, finding, path, world, complete, unused: schedule.length - used };
}
