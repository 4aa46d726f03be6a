// linkPatches: writes the scenarios the simulator has and, for every patch, how it relates to
// them: 'declared' (patch-id or Message-ID named in the declarations), 'same-series' (another
// part or version of a declared patch's series) or 'candidate' (it changes lines where the race
// lives: evidence.ts). Every link carries the evidence its lines give. Rewritten whole on each
// call, so it is safe to run after every ingest.
//
// Two steps: planLinks only reads (the patches, their hunks' functions, the thread they are in)
// and decides every link; writing them is quick. So the plan can be made on another connection,
// in a worker, while the ingest's last passes write (plan-in-worker.ts).
import { createHash } from 'node:crypto';
import type { DB } from '../store/open.js';
import { declarations as bundled, type Declaration } from './declarations.js';
import { evidenceOf } from './evidence.js';
import { normalisedTitle, readPatchFacts, readPatchFactsAfter, type PatchFacts, type WantsDiffFacts } from './patch-facts.js';
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
  /** Every patch was linked (false: only those after `since`; the counts are theirs). */
  full: boolean;
}

export interface LinkOptions {
  scenarios?: readonly Scenario[];
  declarations?: Readonly<Record<string, Declaration>>;
  /** Patches read and linked per step (default 500). */
  pageSize?: number;
  /**
   * Link only the patches with a row id above this (the ones an ingest just stored); the links
   * of the others stay. Everything is linked again anyway when the scenarios or declarations
   * changed since the last call, or when a new patch is itself declared (older patches may be
   * parts of its series).
   */
  since?: number;
}

export interface Link {
  patch: number;
  scenario: string;
  how: LinkHow;
  score: number | null;
  overlap: string | null;
  /** JSON array of Evidence: the changed lines where the race lives, and the steps they touch. */
  evidence: string | null;
}

/** Every link to write, decided from what the database holds (plain data: it crosses threads). */
export interface LinkPlan {
  /** Links of patches with row ids above this are replaced (0: all). */
  from: number;
  fingerprint: string;
  summary: LinkSummary;
  links: Link[];
}

export function linkPatches(db: DB, options: LinkOptions & { plan?: LinkPlan } = {}): LinkSummary {
  const plan = options.plan ?? planLinks(db, options);
  const scenarios = options.scenarios ?? allScenarios();
  db.transaction(() => {
    db.prepare('DELETE FROM patch_scenarios WHERE patch > ?').run(plan.from);
    const upsert = db.prepare(`INSERT INTO scenarios (id, title, seed, functions, locks, variants) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT(id) DO UPDATE SET title = excluded.title, seed = excluded.seed, functions = excluded.functions, locks = excluded.locks, variants = excluded.variants`);
    for (const s of scenarios) {
      upsert.run(s.id, s.title, s.seed, JSON.stringify(s.functions), JSON.stringify(s.locks), JSON.stringify(s.variants.map((v) => v.name)));
    }
    db.prepare("INSERT INTO meta(key, value) VALUES ('link_fingerprint', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(plan.fingerprint);
    const insert = db.prepare('INSERT INTO patch_scenarios (patch, scenario, how, score, overlap, evidence) VALUES (?, ?, ?, ?, ?, ?)');
    for (const l of plan.links) insert.run(l.patch, l.scenario, l.how, l.score, l.overlap, l.evidence);
  })();
  return plan.summary;
}

/**
 * The links linkPatches would write, read from `db` without changing it. Each page is its own
 * read: a reader holding one snapshot through a whole archive keeps a writer beside it from
 * resetting its WAL (SQLite's checkpoints cannot restart the log under a reader). What planning
 * reads (patches, their hunks and mentions, threads) does not change during the passes it
 * overlaps.
 */
export function planLinks(db: DB, options: LinkOptions = {}): LinkPlan {
  return finishPlan(db, startPlan(db, options));
}

/**
 * A plan made but for what needs the threads: whether a patch is a sibling part of a declared
 * patch's series ([PATCH n/m] in the same thread). Everything else (reading every patch, its
 * calls and locks, scoring) needs only what the inputs stored, so a worker can do it while the
 * threading pass runs, and finish once it is done (see plan-in-worker.ts).
 */
export interface StartedPlan {
  options: LinkOptions;
  from: number;
  fingerprint: string;
  full: boolean;
  patches: number;
  /** Links decided, with where they stand in the order linking writes them. */
  links: OrderedLink[];
  /** Patches that are a declared patch's sibling part if they share its thread. */
  maybeSiblings: MaybeSibling[];
}

interface OrderedLink { link: Link; page: number; scenario: number }
interface MaybeSibling {
  patch: number;
  scenarioId: string;
  page: number;
  scenario: number;
  /** The declared patches it is a sibling part of if it shares their thread. */
  siblingOf: number[];
  overlap: string;
  evidence: string;
  /** Its link when it is not: a candidate, or none. */
  candidate: Link | null;
}

export function startPlan(db: DB, options: LinkOptions = {}): StartedPlan {
  const scenarios = options.scenarios ?? allScenarios();
  const decls = options.declarations ?? bundled;
  // The declared patches of each scenario are few and read first; every other patch is then
  // read and linked a page at a time (facts hold diff lines: a large archive's patches held all
  // at once took gigabytes).
  const declaredOf = new Map(scenarios.map((s) => [s.id, declaredPatches(db, s, decls[s.id])]));
  const fingerprint = createHash('sha1').update(JSON.stringify([scenarios, decls])).digest('hex');
  const storedFingerprint = db.prepare("SELECT value FROM meta WHERE key = 'link_fingerprint'").pluck().get() as string | undefined;
  const newlyDeclared = options.since !== undefined && [...declaredOf.values()].some((list) => list.some((p) => p.id > options.since!));
  const full = options.since === undefined || storedFingerprint !== fingerprint || newlyDeclared;
  const from = full ? 0 : options.since!;
  const started: StartedPlan = { options, from, fingerprint, full, patches: 0, links: [], maybeSiblings: [] };
  const size = options.pageSize ?? PAGE;
  const wantsDiff = mayLinkSomewhere(scenarios, declaredOf);
  const pageAfter = (id: number) => readPatchFactsAfter(db, id, size, wantsDiff);
  let pageNumber = 0;
  for (let page = pageAfter(from); page.length > 0; page = pageAfter(page[page.length - 1]!.id), pageNumber++) {
    started.patches += page.length;
    scenarios.forEach((scenario, index) => linksAmong(scenario, declaredOf.get(scenario.id)!, page, pageNumber, index, started));
  }
  return started;
}

/** The plan, once the threads are placed: sibling parts are told by the thread they are in. */
export function finishPlan(db: DB, started: StartedPlan): LinkPlan {
  const threadOf = db.prepare('SELECT m.thread FROM patches p JOIN messages m ON m.message_id = p.message_id WHERE p.id = ?').pluck();
  const threads = new Map<number, number | null>(); // the declared patches are asked about again and again
  const thread = (patch: number) => {
    if (!threads.has(patch)) threads.set(patch, (threadOf.get(patch) as number | null | undefined) ?? null);
    return threads.get(patch)!;
  };
  const links = [...started.links];
  for (const maybe of started.maybeSiblings) {
    const own = thread(maybe.patch);
    const sibling = own !== null && maybe.siblingOf.some((declared) => thread(declared) === own);
    const link: Link | null = sibling
      ? { patch: maybe.patch, scenario: maybe.scenarioId, how: 'same-series', score: null, overlap: maybe.overlap, evidence: maybe.evidence }
      : maybe.candidate;
    if (link) links.push({ link, page: maybe.page, scenario: maybe.scenario });
  }
  // The order linking has always written them in: page by page, scenario by scenario, patch by patch.
  links.sort((a, b) => a.page - b.page || a.scenario - b.scenario || a.link.patch - b.link.patch);
  const scenarios = started.options.scenarios ?? allScenarios();
  const decls = started.options.declarations ?? bundled;
  const all = links.map((l) => l.link);
  const count = (how: LinkHow) => all.filter((l) => l.how === how).length;
  const summary: LinkSummary = {
    scenarios: scenarios.length, patches: started.patches, declared: count('declared'), sameSeries: count('same-series'), candidates: count('candidate'),
    unlinked: started.patches - new Set(all.map((l) => l.patch)).size,
    waitingForScenario: Object.keys(decls).filter((id) => !scenarios.some((s) => s.id === id)).sort(),
    full: started.full,
  };
  return { from: started.from, fingerprint: started.fingerprint, summary, links: all };
}

/**
 * Whether a patch may get a link, judged before its diff is read (and before the threads): it
 * is declared or may be of a declared patch's series, or its hunks touch a function where a
 * scenario's race lives (a candidate needs a changed line there: see evidence.ts). A patch that
 * fails all of them gets no link whatever its calls and locks, so its diff is not read.
 */
function mayLinkSomewhere(scenarios: readonly Scenario[], declaredOf: ReadonlyMap<string, PatchFacts[]>): WantsDiffFacts {
  const modelled = scenarios.map((s) => ({ functions: new Set(s.code.map((c) => c.function)), declared: declaredOf.get(s.id) ?? [] }));
  return (p) =>
    modelled.some(({ functions, declared }) =>
      declared.some((d) => d.id === p.id || seriesRelation(p, d) !== 'no') || p.touched.some((f) => functions.has(f)));
}

/** Patches read and linked per step. */
const PAGE = 500;

function declaredPatches(db: DB, scenario: Scenario, decl: Declaration | undefined): PatchFacts[] {
  const { patchIds, messageIds } = declaredIds(scenario, decl);
  if (patchIds.size + messageIds.size === 0) return [];
  const ids = db.prepare(`SELECT id FROM patches WHERE patch_id IN (SELECT value FROM json_each(?))
      OR message_id IN (SELECT value FROM json_each(?)) ORDER BY id`).pluck().all(JSON.stringify([...patchIds]), JSON.stringify([...messageIds])) as number[];
  return readPatchFacts(db, ids);
}

function declaredIds(scenario: Scenario, decl: Declaration | undefined): { patchIds: Set<string>; messageIds: Set<string> } {
  return {
    patchIds: new Set(decl?.patchIds ?? []),
    messageIds: new Set([...(decl?.messageIds ?? []), ...scenario.messageIds].map((id) => id.replace(/^<|>$/g, ''))),
  };
}

/**
 * The links of one page of patches to one scenario, knowing its declared patches (read
 * beforehand), into `started`; a link that depends on the threads waits in maybeSiblings.
 */
function linksAmong(scenario: Scenario, declared: readonly PatchFacts[], patches: readonly PatchFacts[], page: number, index: number, started: StartedPlan): void {
  const declaredIdSet = new Set(declared.map((p) => p.id));
  const add = (link: Link) => started.links.push({ link, page, scenario: index });
  for (const p of patches) {
    const found = overlapOf(p, scenario);
    const evidence = p.lines.length > 0 ? evidenceOf(p.lines, scenario.code) : [];
    // Most patches link nowhere: their overlap is never written, so it is not serialised either.
    const overlap = () => JSON.stringify(found);
    const shown = () => JSON.stringify(evidence);
    if (declaredIdSet.has(p.id)) {
      add({ patch: p.id, scenario: scenario.id, how: 'declared', score: 1, overlap: overlap(), evidence: shown() });
      continue;
    }
    const relations = declared.map((d) => seriesRelation(p, d));
    if (relations.includes('yes')) {
      add({ patch: p.id, scenario: scenario.id, how: 'same-series', score: null, overlap: overlap(), evidence: shown() });
      continue;
    }
    const score = candidateScore(evidence);
    const candidate: Link | null = score > 0 ? { patch: p.id, scenario: scenario.id, how: 'candidate', score, overlap: overlap(), evidence: shown() } : null;
    const siblingOf = declared.filter((_, i) => relations[i] === 'if-same-thread').map((d) => d.id);
    if (siblingOf.length > 0) started.maybeSiblings.push({ patch: p.id, scenarioId: scenario.id, page, scenario: index, siblingOf, overlap: overlap(), evidence: shown(), candidate });
    else if (candidate) add(candidate);
  }
}

/**
 * Is `p` another part or version of the declared patch's series? 'yes': another diff of the same
 * message, or the same title by the same author posted as another version. 'if-same-thread': a
 * sibling part ([PATCH n/m], same author, version and m) if the two are in one thread, which
 * only the threading pass knows (finishPlan asks then). 'no' otherwise.
 */
function seriesRelation(p: PatchFacts, declared: PatchFacts): 'yes' | 'no' | 'if-same-thread' {
  if (p.id === declared.id) return 'no';
  if (p.messageId === declared.messageId) return 'yes';
  if (!p.author || p.author !== declared.author) return 'no';
  const otherVersion = (p.version ?? 1) !== (declared.version ?? 1) && normalisedTitle(p.subject) === normalisedTitle(declared.subject);
  if (otherVersion) return 'yes';
  const siblingShape = (p.partTotal ?? 0) > 1 && p.partTotal === declared.partTotal && p.version === declared.version;
  return siblingShape ? 'if-same-thread' : 'no';
}
