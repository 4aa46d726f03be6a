// lorelab/sim — the fault-path simulator's public API.
//   listScenarios()                          every race file's scenario and its variants (metadata)
//   catalogErrors()                          race files that did not load (file:line: problem)
//   explore(scenario, variant, options?)     exhaustive search → RunResult (verdict, trace, schedule)
//   exploreAll(scenario, options?)           every variant
//   replay(scenario, variant, schedule)      one interleaving, deterministically → RunResult
//   formatTrace(result)                      numbered steps + the broken state, for humans
// Bad input (unknown scenario or variant, a schedule that does not fit) yields { error }.
export { listScenarios, findScenario, describeScenario, catalogErrors, type ScenarioInfo, type VariantInfo } from './catalog.js';
export { explore, exploreAll, replay, isSimError, type RunResult, type SimError } from './run.js';
export { formatTrace } from './format.js';
export type { ExploreOptions } from './engine/explore.js';
export type { Verdict, TraceStep } from './engine/types.js';
export type { Scenario, Variant, VariantKind, ModelledCode, Facts } from './scenarios/index.js';
