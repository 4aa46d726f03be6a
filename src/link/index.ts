// src/link: patches ↔ race scenarios. Link, replay, keep as a test, start a new scenario.
export { linkPatches, planLinks, type LinkSummary, type LinkHow, type LinkPlan } from './link.js';
export { planLinksInWorker, type PlanInWorker } from './plan-in-worker.js';
export { replayPatch, ensureLinked, type ReplayTarget, type ReplayReport } from './replay.js';
export { formatReplay } from './format.js';
export { emitRaceTest, raceTestSpec, type RaceTestSpec } from './emit-test.js';
export { raceDraft, skeletonTarget, type Draft } from './skeleton.js';
export { startReport, formatStartReport, type StartReport } from './start-report.js';
export { readPatchFacts, type PatchFacts } from './patch-facts.js';
export { declarations, type Declaration } from './declarations.js';
export { LinkError } from './errors.js';
