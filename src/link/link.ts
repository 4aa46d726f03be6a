// linkPatches: writes the scenarios the simulator has and, for every patch, how it relates to
// them: 'declared' (patch-id or Message-ID named in the declarations), 'same-series' (another
// part or version of a declared patch's series) or 'candidate' (scored overlap). Rewritten
// whole on each call, so it is safe to run after every ingest.
import type { DB } from '../store/open.js';
import { declarations as bundled, type Declaration } from './declarations.js';
import { normalisedTitle, readPatchFacts, type PatchFacts } from './patch-facts.js';
import { candidateScore, overlapOf } from './score.js';
import { allScenarios, type ScenarioInfo as Scenario } from './sim-port.js';

export type LinkHow = 'declared' | 'same-series' | 'candidate';

export interface LinkSummary {
  scenarios: number;
  patches: number;
  declared: number;
  sameSeries: number;
  candidates: number;
  /** Patches with no link of any kind: "no scenario models this yet". */
  unlinked: number;
  /** Declarations naming a scenario the simulator does not have (kept for when it arrives). */
  waitingForScenario: string[];
}

export interface LinkOptions {
  scenarios?: readonly Scenario[];
  declarations?: Readonly<Record<string, Declaration>>;
}

interface Link { patch: number; scenario: string; how: LinkHow; score: number | null; overlap: string | null }

export function linkPatches(db: DB, options: LinkOptions = {}): LinkSummary {
  const scenarios = options.scenarios ?? allScenarios();
  const decls = options.declarations ?? bundled;
  const patches = readPatchFacts(db);
  const links = scenarios.flatMap((s) => linksFor(s, decls[s.id], patches));
  const write = db.transaction(() => {
    db.prepare('DELETE FROM patch_scenarios').run();
    const upsert = db.prepare(`INSERT INTO scenarios (id, title, seed, functions, locks, variants) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT(id) DO UPDATE SET title = excluded.title, seed = excluded.seed, functions = excluded.functions, locks = excluded.locks, variants = excluded.variants`);
    for (const s of scenarios) {
      upsert.run(s.id, s.title, s.seed, JSON.stringify(s.functions), JSON.stringify(s.locks), JSON.stringify(s.variants.map((v) => v.name)));
    }
    const insert = db.prepare('INSERT INTO patch_scenarios (patch, scenario, how, score, overlap) VALUES (?, ?, ?, ?, ?)');
    for (const l of links) insert.run(l.patch, l.scenario, l.how, l.score, l.overlap);
  });
  write();
  const linked = new Set(links.map((l) => l.patch));
  const known = new Set(scenarios.map((s) => s.id));
  return {
    scenarios: scenarios.length,
    patches: patches.length,
    declared: links.filter((l) => l.how === 'declared').length,
    sameSeries: links.filter((l) => l.how === 'same-series').length,
    candidates: links.filter((l) => l.how === 'candidate').length,
    unlinked: patches.filter((p) => !linked.has(p.id)).length,
    waitingForScenario: Object.keys(decls).filter((id) => !known.has(id)).sort(),
  };
}

/** Every link between one scenario and the patches: declared first, then series, then candidates. */
export function linksFor(scenario: Scenario, decl: Declaration | undefined, patches: readonly PatchFacts[]): Link[] {
  const patchIds = new Set(decl?.patchIds ?? []);
  const messageIds = new Set([...(decl?.messageIds ?? []), ...scenario.messageIds].map((id) => id.replace(/^<|>$/g, '')));
  const declared = patches.filter((p) => (p.patchId !== null && patchIds.has(p.patchId)) || messageIds.has(p.messageId));
  const declaredIds = new Set(declared.map((p) => p.id));
  const series = patches.filter((p) => !declaredIds.has(p.id) && declared.some((d) => sameSeries(p, d)));
  const taken = new Set([...declaredIds, ...series.map((p) => p.id)]);
  const links: Link[] = [
    ...declared.map((p) => ({ patch: p.id, scenario: scenario.id, how: 'declared' as const, score: 1, overlap: JSON.stringify(overlapOf(p, scenario)) })),
    ...series.map((p) => ({ patch: p.id, scenario: scenario.id, how: 'same-series' as const, score: null, overlap: JSON.stringify(overlapOf(p, scenario)) })),
  ];
  for (const p of patches) {
    if (taken.has(p.id)) continue;
    const overlap = overlapOf(p, scenario);
    const score = candidateScore(overlap);
    if (score > 0) links.push({ patch: p.id, scenario: scenario.id, how: 'candidate', score, overlap: JSON.stringify(overlap) });
  }
  return links;
}

/**
 * Another part or version of the same series: the same message's other diffs; a sibling part
 * ([PATCH n/m], same thread, author, version and m); or the same title by the same author
 * posted as another version.
 */
export function sameSeries(p: PatchFacts, declared: PatchFacts): boolean {
  if (p.id === declared.id) return false;
  if (p.messageId === declared.messageId) return true;
  if (!p.author || p.author !== declared.author) return false;
  const siblingPart = p.thread !== null && p.thread === declared.thread && (p.partTotal ?? 0) > 1 && p.partTotal === declared.partTotal && p.version === declared.version;
  const otherVersion = (p.version ?? 1) !== (declared.version ?? 1) && normalisedTitle(p.subject) === normalisedTitle(declared.subject);
  return siblingPart || otherVersion;
}
