// Judging one world: broken invariants, and for worlds where no thread can move, whether the
// run ended cleanly, deadlocked, or left a sleeper that nobody will wake.
import { DONE } from './types.js';
import type { Finding, Model, World } from './types.js';
import { stepOf } from './run-step.js';

export function judgeWorld<G>(model: Model<G>, world: World<G>, enabled: readonly number[]): Finding | null {
  for (const inv of model.invariants) {
    if (inv.at !== 'always') continue;
    const detail = inv.violated(world.g, world.threads);
    if (detail !== null) return { verdict: 'violation', invariant: inv.name, detail };
  }
  if (enabled.length > 0) return null;
  const stuck = world.threads.map((t, i) => i).filter((i) => world.threads[i].pc !== DONE);
  if (stuck.length === 0) {
    for (const inv of model.invariants) {
      if (inv.at !== 'end') continue;
      const detail = inv.violated(world.g, world.threads);
      if (detail !== null) return { verdict: 'violation', invariant: inv.name, detail };
    }
    return null;
  }
  const describe = (i: number) => `${model.threads[i].name} at '${stepOf(model, world, i)?.does ?? world.threads[i].pc}'`;
  const asleep = stuck.filter((i) => stepOf(model, world, i)?.waits === 'sleep');
  if (asleep.length === stuck.length) {
    return {
      verdict: 'lost-wakeup',
      invariant: 'no-lost-wakeup',
      detail: `everyone else is done, and nobody will wake ${asleep.map(describe).join(', ')}`,
    };
  }
  return {
    verdict: 'deadlock',
    invariant: 'no-deadlock',
    detail: `no thread can move: ${stuck.map(describe).join(', ')} blocked forever`,
  };
}
