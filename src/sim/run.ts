// Running a scenario variant: exhaustive exploration or the replay of one schedule, both
// reported in the same RunResult shape (what the CLI prints as JSON and src/link stores).
import { explore as exploreModel, type ExploreOptions, type PathStep } from './engine/explore.js';
import { replay as replayModel } from './engine/replay.js';
import { formatSchedule, parseSchedule } from './engine/schedule.js';
import type { Finding, Model, TraceStep, Verdict, World } from './engine/types.js';
import { findScenario, lookup } from './catalog.js';
import type { Scenario, Variant } from './scenarios/index.js';

export interface RunResult {
  scenario: string;
  variant: string;
  kind: Variant['kind'];
  expected: Verdict;
  verdict: Verdict;
  /** The broken invariant (or 'no-deadlock' / 'no-lost-wakeup'), null when ok. */
  invariant: string | null;
  /** That invariant in one sentence. */
  invariantSays: string | null;
  /** What exactly was wrong in the breaking state. */
  detail: string | null;
  states: number;
  transitions: number;
  ms: number;
  /** False when the search stopped at its state limit (then 'ok' proves nothing). */
  complete: boolean;
  trace: TraceStep[];
  /** The trace as a schedule string (see engine/schedule.ts). */
  schedule: string;
  /** The shared state in which the problem shows, rendered by the scenario. */
  state: string | null;
}

export interface SimError {
  error: string;
}

export const isSimError = (r: RunResult | SimError): r is SimError => 'error' in r;

function toTrace(model: Model<unknown>, path: readonly PathStep[]): TraceStep[] {
  return path.map((s, i) => ({ n: i + 1, thread: s.thread, threadName: model.threads[s.thread].name, pc: s.pc, label: s.label }));
}

function report(scenario: Scenario, variant: Variant, model: Model<unknown>, finding: Finding | null, path: PathStep[], world: World<unknown> | null, figures: { states: number; transitions: number; ms: number; complete: boolean }): RunResult {
  const says = finding ? scenario.invariants.find((i) => i.name === finding.invariant)?.says ?? model.invariants.find((i) => i.name === finding.invariant)?.says ?? null : null;
  return {
    scenario: scenario.id,
    variant: variant.name,
    kind: variant.kind,
    expected: variant.expected,
    verdict: finding?.verdict ?? 'ok',
    invariant: finding?.invariant ?? null,
    invariantSays: says,
    detail: finding?.detail ?? null,
    ...figures,
    trace: toTrace(model, path),
    schedule: formatSchedule(path.map((s) => s.thread)),
    state: finding && world ? (model.show ? model.show(world.g) : JSON.stringify(world.g)) : null,
  };
}

function guarded<T>(what: string, body: () => T): T | SimError {
  try {
    return body();
  } catch (err) {
    return { error: `${what}: internal error in the model: ${(err as Error).message}` };
  }
}

/** Explores every interleaving of one variant; the first problem found has the fewest steps. */
export function explore(scenarioId: string, variantName: string, options: ExploreOptions = {}): RunResult | SimError {
  const found = lookup(scenarioId, variantName);
  if (!found.ok) return { error: found.error };
  const { scenario, variant } = found;
  return guarded(`${scenarioId}/${variantName}`, () => {
    const model = variant.build() as Model<unknown>;
    const r = exploreModel(model, options);
    return report(scenario, variant, model, r.finding, r.path, r.world, { states: r.states, transitions: r.transitions, ms: r.ms, complete: r.complete });
  });
}

/** Explores every variant of a scenario, in declaration order. */
export function exploreAll(scenarioId: string, options: ExploreOptions = {}): (RunResult | SimError)[] {
  const scenario = findScenario(scenarioId);
  if (!scenario) return [{ error: (lookup(scenarioId, '') as { error: string }).error }];
  return scenario.variants.map((v) => explore(scenarioId, v.name, options));
}

/**
 * Replays `schedule` on one variant, deterministically. A schedule that ends before any problem
 * reports 'ok' with complete=false unless it ran to a world where nobody can move.
 */
export function replay(scenarioId: string, variantName: string, schedule: string): RunResult | SimError {
  const found = lookup(scenarioId, variantName);
  if (!found.ok) return { error: found.error };
  const { scenario, variant } = found;
  return guarded(`${scenarioId}/${variantName}`, () => {
    const model = variant.build() as Model<unknown>;
    const parsed = parseSchedule(model, schedule);
    if (!parsed.ok) return { error: `bad schedule for ${scenarioId}/${variantName}: ${parsed.error}` };
    const started = performance.now();
    const r = replayModel(model, parsed.threads);
    if (!r.ok) return { error: `schedule does not fit ${scenarioId}/${variantName}: ${r.error}` };
    const figures = { states: r.path.length + 1, transitions: r.path.length, ms: performance.now() - started, complete: r.complete };
    return report(scenario, variant, model, r.finding, r.path, r.world, figures);
  });
}
