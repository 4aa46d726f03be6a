// The one place src/link touches the simulator. Everything else in this folder speaks in the
// plain records below, so switching from the engine modules to the public src/sim/index.ts is
// a change to this file alone.
import { explore } from '../sim/engine/explore.js';
import { replay } from '../sim/engine/replay.js';
import { formatSchedule, parseSchedule } from '../sim/engine/schedule.js';
import type { Model, Verdict } from '../sim/engine/types.js';
import { scenarios } from '../sim/scenarios/index.js';
import type { Scenario, Variant } from '../sim/scenarios/types.js';

export type { Scenario, Variant, Verdict };

/** One numbered step of an interleaving, as printed and stored. */
export interface RunStep {
  n: number;
  thread: string;
  label: string;
}

/** The outcome of exploring (or replaying) one variant. */
export interface VariantRun {
  variant: string;
  kind: Variant['kind'];
  expected: Verdict;
  verdict: Verdict;
  invariant: string | null;
  detail: string | null;
  states: number;
  transitions: number;
  ms: number;
  /** False when the explorer's state limit stopped it: 'ok' then means "none found". */
  complete: boolean;
  /** The shortest counterexample (empty for 'ok'). */
  trace: RunStep[];
  /** The counterexample as a schedule ("0.0.1.1"), or null for 'ok'. */
  schedule: string | null;
}

export function allScenarios(): readonly Scenario[] {
  return scenarios;
}

export function scenarioById(id: string): Scenario | undefined {
  return scenarios.find((s) => s.id === id);
}

function stepsOf(model: Model<unknown>, path: readonly { thread: number; label: string }[]): RunStep[] {
  return path.map((p, i) => ({ n: i + 1, thread: model.threads[p.thread]?.name ?? String(p.thread), label: p.label }));
}

/** Exhaustive exploration of one variant: the shortest problem, or 'ok'. */
export function exploreVariant(variant: Variant): VariantRun {
  const model = variant.build() as Model<unknown>;
  const found = explore(model);
  const verdict: Verdict = found.finding?.verdict ?? 'ok';
  return {
    variant: variant.name,
    kind: variant.kind,
    expected: variant.expected,
    verdict,
    invariant: found.finding?.invariant ?? null,
    detail: found.finding?.detail ?? null,
    states: found.states,
    transitions: found.transitions,
    ms: found.ms,
    complete: found.complete,
    trace: stepsOf(model, found.path),
    schedule: found.finding ? formatSchedule(found.path.map((p) => p.thread)) : null,
  };
}

export type ScheduleReplay =
  | { ok: true; verdict: Verdict; invariant: string | null; detail: string | null; trace: RunStep[]; unused: number }
  | { ok: false; error: string };

/** Runs `schedule` ("0.0.1" or thread names) on one variant, step by step. */
export function replayVariant(variant: Variant, schedule: string): ScheduleReplay {
  const model = variant.build() as Model<unknown>;
  const parsed = parseSchedule(model, schedule);
  if (!parsed.ok) return parsed;
  const run = replay(model, parsed.threads);
  if (!run.ok) return run;
  return {
    ok: true,
    verdict: run.finding?.verdict ?? 'ok',
    invariant: run.finding?.invariant ?? null,
    detail: run.finding?.detail ?? null,
    trace: stepsOf(model, run.path),
    unused: run.unused,
  };
}
