// replayPatch: from a patch (by Message-ID or patch-id) to its scenario, every variant run
// exhaustively, the shortest counterexample before the patch, and the runs stored in
// scenario_runs. Bad input is a LinkError (one line for the user), never a crash.
import type { DB } from '../store/open.js';
import { LinkError } from './errors.js';
import { linkPatches, type LinkHow } from './link.js';
import { allScenarios, exploreVariant, replayVariant, scenarioById, type ScenarioInfo as Scenario, type VariantRun } from './sim-port.js';
import { messageIdFromArgument } from '../util/message-id.js';

export interface ReplayTarget {
  messageId?: string;
  patchId?: string;
  /** Which diff of the message (1-based), when it carries several. */
  patch?: number;
  /** Replay against this scenario even if the link is only a candidate. */
  scenario?: string;
  /** Check this schedule on the 'before' variant instead of trusting the explorer's. */
  schedule?: string;
}

export interface ReplayedPatch {
  id: number;
  messageId: string;
  ordinal: number;
  patchId: string | null;
  subject: string | null;
}

export interface ReplayReport {
  patch: ReplayedPatch;
  scenario: { id: string; title: string; summary: string };
  how: LinkHow | 'chosen';
  runs: VariantRun[];
  /** The shortest violating run of a 'before' variant (else of a variant expected to fail): the race. */
  counterexample: VariantRun | null;
  /** Variants whose verdict differs from what the scenario expects. */
  surprises: string[];
}

interface PatchRow { id: number; message_id: string; ordinal: number; patch_id: string | null; subject: string | null }
interface LinkRow { scenario: string; how: LinkHow; score: number | null }

const HOW_RANK: Record<LinkHow, number> = { declared: 0, 'same-series': 1, candidate: 2 };

export function replayPatch(db: DB, target: ReplayTarget): ReplayReport {
  ensureLinked(db);
  const patch = choosePatch(db, target);
  const { scenario, how } = chooseScenario(db, patch, target.scenario);
  const runs = scenario.variants.map((v) => exploreVariant(scenario.id, v.name));
  // The race before the patch; when the patch itself opens it (map-pages-lock), the patch's.
  let counterexample = shortest(runs.filter((r) => r.kind === 'before' && r.verdict !== 'ok'))
    ?? shortest(runs.filter((r) => r.verdict !== 'ok' && r.expected !== 'ok'));
  if (target.schedule !== undefined && counterexample) counterexample = checkSchedule(scenario, counterexample, target.schedule);
  storeRuns(db, scenario.id, patch.id, runs);
  return {
    patch: { id: patch.id, messageId: patch.message_id, ordinal: patch.ordinal, patchId: patch.patch_id, subject: patch.subject },
    scenario: { id: scenario.id, title: scenario.title, summary: scenario.summary },
    how,
    runs,
    counterexample,
    surprises: runs.filter((r) => r.verdict !== r.expected).map((r) => `${r.variant}: expected ${r.expected}, got ${r.verdict}`),
  };
}

/** Links once per database (and again when the simulator gained or lost scenarios). */
export function ensureLinked(db: DB): void {
  const stored = (db.prepare('SELECT count(*) AS n FROM scenarios').get() as { n: number }).n;
  const known = new Set(allScenarios().map((s) => s.id));
  const ids = (db.prepare('SELECT id FROM scenarios').all() as { id: string }[]).map((r) => r.id);
  if (stored !== known.size || ids.some((id) => !known.has(id))) linkPatches(db);
}

function choosePatch(db: DB, target: ReplayTarget): PatchRow {
  const select = 'SELECT p.id, p.message_id, p.ordinal, p.patch_id, COALESCE(p.subject, m.subject) AS subject FROM patches p LEFT JOIN messages m ON m.message_id = p.message_id';
  let rows: PatchRow[];
  if (target.patchId !== undefined) {
    rows = db.prepare(`${select} WHERE p.patch_id = ? ORDER BY p.origin = 'quoted', p.id`).all(target.patchId.trim()) as PatchRow[];
    if (rows.length === 0) throw new LinkError(`no patch with patch-id ${target.patchId} in the database (see \`lorelab query patch-races --message-id …\` for the ids)`);
  } else if (target.messageId !== undefined) {
    const id = messageIdFromArgument(target.messageId);
    rows = db.prepare(`${select} WHERE p.message_id = ? ORDER BY p.ordinal`).all(id) as PatchRow[];
    if (rows.length === 0) {
      const known = db.prepare('SELECT is_stub FROM messages WHERE message_id = ?').get(id) as { is_stub: number } | undefined;
      if (!known) throw new LinkError(`no message <${id}> in the database: ingest its archive first, or check the Message-ID`);
      throw new LinkError(`message <${id}> carries no patch${known.is_stub ? ' (only a stub is known: ingest the message itself)' : ''}`);
    }
  } else {
    throw new LinkError('give a Message-ID or --patch-id');
  }
  if (target.patch !== undefined) {
    const chosen = rows.find((r) => r.ordinal === target.patch);
    if (!chosen) throw new LinkError(`message <${rows[0]!.message_id}> has patches ${rows.map((r) => r.ordinal).join(', ')}, not ${target.patch}`);
    return chosen;
  }
  // Several diffs: the one a scenario models most directly.
  const rank = (r: PatchRow) => Math.min(3, ...linksOf(db, r.id).map((l) => HOW_RANK[l.how]));
  return [...rows].sort((a, b) => rank(a) - rank(b) || a.ordinal - b.ordinal)[0]!;
}

function linksOf(db: DB, patch: number): LinkRow[] {
  return db.prepare('SELECT scenario, how, score FROM patch_scenarios WHERE patch = ?').all(patch) as LinkRow[];
}

function chooseScenario(db: DB, patch: PatchRow, forced: string | undefined): { scenario: Scenario; how: LinkHow | 'chosen' } {
  if (forced !== undefined) {
    const scenario = scenarioById(forced);
    if (!scenario) throw new LinkError(`no scenario '${forced}'; scenarios: ${allScenarios().map((s) => s.id).join(', ')}`);
    return { scenario, how: 'chosen' };
  }
  const links = linksOf(db, patch.id).sort((a, b) => HOW_RANK[a.how] - HOW_RANK[b.how] || (b.score ?? 0) - (a.score ?? 0));
  const best = links[0];
  const scenario = best && best.how !== 'candidate' ? scenarioById(best.scenario) : undefined;
  if (!scenario || !best) {
    const name = `patch ${patch.ordinal} of <${patch.message_id}>`;
    const candidates = links.map((l) => `${l.scenario} (score ${(l.score ?? 0).toFixed(2)})`).join(', ');
    const next = `lorelab sim new --from-patch '${patch.message_id}' --patch ${patch.ordinal}`;
    throw new LinkError(
      candidates
        ? `no scenario models ${name} yet; candidates: ${candidates} (replay one with --scenario ID, or start a new one: ${next})`
        : `no scenario models ${name} yet (start one: ${next})`,
    );
  }
  return { scenario, how: best.how };
}

function shortest(runs: VariantRun[]): VariantRun | null {
  return runs.reduce<VariantRun | null>((best, r) => (!best || r.trace.length < best.trace.length ? r : best), null);
}

/** The user's schedule replaces the explorer's, if it fits and shows a problem. */
function checkSchedule(scenario: Scenario, found: VariantRun, schedule: string): VariantRun {
  const run = replayVariant(scenario.id, found.variant, schedule);
  if (run.verdict === 'ok') throw new LinkError(`schedule "${schedule}" runs on ${scenario.id}/${found.variant} without a violation (${run.trace.length} steps)`);
  return run;
}

/**
 * Every variant of a scenario whose thread has no patch in the archive (003's SRCU idea,
 * 002's proposal): explored and stored with no patch, so histories can show the verdicts.
 */
export function replayScenario(db: DB, scenarioId: string): VariantRun[] {
  const scenario = scenarioById(scenarioId);
  if (!scenario) throw new LinkError(`no scenario named "${scenarioId}"; known: ${allScenarios().map((s) => s.id).join(', ')}`);
  const runs = scenario.variants.map((v) => exploreVariant(scenario.id, v.name));
  storeRuns(db, scenario.id, null, runs);
  return runs;
}

function storeRuns(db: DB, scenario: string, patch: number | null, runs: readonly VariantRun[]): void {
  const insert = db.prepare(`INSERT INTO scenario_runs (scenario, variant, patch, verdict, invariant, states, transitions, ms, schedule, trace, run_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const at = new Date().toISOString();
  db.transaction(() => {
    for (const r of runs) {
      insert.run(scenario, r.variant, patch, r.verdict, r.invariant, r.states, r.transitions, r.ms, r.verdict === 'ok' ? null : r.schedule, JSON.stringify(r.trace), at);
    }
  })();
}
