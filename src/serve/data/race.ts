// The race page's data: a scenario, every variant explored, and one schedule replayed step by
// step. Exploring is the simulator's job (lorelab/sim); results are kept per process, since a
// scenario's verdicts do not change while the server runs.
import { describeScenario, exploreAll, findScenario, isSimError, listScenarios, replay, type RunResult, type ScenarioInfo } from '../../sim/index.js';

export interface RaceView {
  scenario: ScenarioInfo;
  runs: RunResult[];
  errors: string[];
}

export interface ReplayView {
  variant: string;
  schedule: string;
  /** The replayed run (its trace is the whole schedule), or why the schedule does not fit. */
  result: RunResult | { error: string };
  /** The step being looked at, 0 = before the first step. */
  step: number;
}

const explored = new Map<string, RaceView>();

export function raceIds(): string[] {
  return listScenarios().map((s) => s.id);
}

export function loadRace(id: string): RaceView | null {
  const scenario = findScenario(id);
  if (!scenario) return null;
  let view = explored.get(id);
  if (!view) {
    const results = exploreAll(id);
    view = {
      scenario: describeScenario(scenario),
      runs: results.filter((r): r is RunResult => !isSimError(r)),
      errors: results.filter(isSimError).map((e) => e.error),
    };
    explored.set(id, view);
  }
  return view;
}

/** Replays `schedule` on a variant and positions the view at `step` (clamped to the trace). */
export function loadReplay(id: string, variant: string, schedule: string, step: number): ReplayView {
  const result = replay(id, variant, schedule);
  const length = isSimError(result) ? 0 : result.trace.length;
  return { variant, schedule, result, step: Math.max(0, Math.min(Number.isFinite(step) ? Math.floor(step) : 0, length)) };
}
