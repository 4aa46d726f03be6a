// The one place src/link touches the simulator, through its public API (lorelab/sim). Errors
// the simulator reports as values ({ error }) become LinkErrors here, so callers see one kind.
import {
  explore, findScenario, listScenarios, replay, isSimError,
  type ModelledCode, type RunResult, type ScenarioInfo, type Verdict,
} from '../sim/index.js';
import { LinkError } from './errors.js';

export type { ModelledCode, RunResult, ScenarioInfo, Verdict };
/** One variant's outcome, as the simulator reports it and scenario_runs stores it. */
export type VariantRun = RunResult;

export function allScenarios(): ScenarioInfo[] {
  return listScenarios();
}

export function scenarioById(id: string): ScenarioInfo | undefined {
  return allScenarios().find((s) => s.id === id);
}

export function hasScenario(id: string): boolean {
  return findScenario(id) !== undefined;
}

/** Exhaustive exploration of one variant: the shortest problem, or 'ok'. */
export function exploreVariant(scenario: string, variant: string): VariantRun {
  const run = explore(scenario, variant);
  if (isSimError(run)) throw new LinkError(run.error);
  return run;
}

/** Runs `schedule` ("0.0.1" or thread names) on one variant, step by step. */
export function replayVariant(scenario: string, variant: string, schedule: string): VariantRun {
  const run = replay(scenario, variant, schedule);
  if (isSimError(run)) throw new LinkError(run.error);
  return run;
}
