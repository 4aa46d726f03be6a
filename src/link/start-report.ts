// What `npm start` says about races: link the corpus, then for each patch its scenario and
// the verdict of every variant (replaying each linked scenario once), or why there is none.
import type { DB } from '../store/open.js';
import { linkPatches, type LinkSummary } from './link.js';
import { replayPatch, replayScenario } from './replay.js';
import { allScenarios } from './sim-port.js';
import type { VariantRun } from './sim-port.js';

export interface PatchRaceLine {
  messageId: string;
  patch: number;
  subject: string | null;
  scenario: string | null;
  how: string | null;
  /** variant → verdict, for the linked scenario. */
  verdicts: { variant: string; kind: string; verdict: string; expected: string }[];
  /** Why there are no verdicts, when there are none. */
  note: string | null;
}

export interface StartReport {
  links: LinkSummary;
  patches: PatchRaceLine[];
  /** Scenarios no archived patch is linked to (their thread argued without a diff): run anyway. */
  unpatched: { scenario: string; seed: string; verdicts: PatchRaceLine['verdicts'] }[];
}

export function startReport(db: DB): StartReport {
  const links = linkPatches(db);
  const patches = db.prepare(`
    SELECT p.id, p.message_id, p.ordinal, COALESCE(p.subject, m.subject) AS subject, p.patch_id,
           (SELECT ps.scenario FROM patch_scenarios ps WHERE ps.patch = p.id AND ps.how <> 'candidate'
             ORDER BY ps.how = 'same-series' LIMIT 1) AS scenario,
           (SELECT group_concat(ps.scenario || ' ' || printf('%.2f', ps.score), ', ') FROM patch_scenarios ps
             WHERE ps.patch = p.id AND ps.how = 'candidate') AS candidates
      FROM patches p LEFT JOIN messages m ON m.message_id = p.message_id
     WHERE p.origin <> 'quoted' ORDER BY m.date, p.message_id, p.ordinal`).all() as
    { id: number; message_id: string; ordinal: number; subject: string | null; scenario: string | null; candidates: string | null }[];
  // One exploration per scenario: every patch linked to it shares the verdicts.
  const runs = new Map<string, { how: string; runs: VariantRun[] }>();
  const lines = patches.map((p): PatchRaceLine => {
    const base = { messageId: p.message_id, patch: p.ordinal, subject: p.subject };
    if (!p.scenario) {
      const note = p.candidates ? `no scenario yet; candidates: ${p.candidates}` : 'no scenario models this yet';
      return { ...base, scenario: null, how: null, verdicts: [], note };
    }
    let done = runs.get(p.scenario);
    if (!done) {
      const report = replayPatch(db, { messageId: p.message_id, patch: p.ordinal, scenario: p.scenario });
      done = { how: report.how, runs: report.runs };
      runs.set(p.scenario, done);
    }
    const how = (db.prepare('SELECT how FROM patch_scenarios WHERE patch = ? AND scenario = ?').get(p.id, p.scenario) as { how: string }).how;
    return { ...base, scenario: p.scenario, how, verdicts: done.runs.map((r) => ({ variant: r.variant, kind: r.kind, verdict: r.verdict, expected: r.expected })), note: null };
  });
  const unpatched = allScenarios()
    .filter((s) => !runs.has(s.id))
    .map((s) => ({
      scenario: s.id,
      seed: s.seed,
      verdicts: replayScenario(db, s.id).map((r) => ({ variant: r.variant, kind: r.kind, verdict: r.verdict, expected: r.expected })),
    }));
  return { links, patches: lines, unpatched };
}

export function formatStartReport(report: StartReport): string {
  const l = report.links;
  const out = [
    `Races: ${l.scenarios} scenarios; ${l.patches} patches: ${l.declared} declared links, ${l.sameSeries} same-series, ${l.candidates} candidates, ${l.unlinked} with no scenario yet`,
  ];
  for (const p of report.patches) {
    out.push(`  <${p.messageId}> patch ${p.patch}: ${(p.subject ?? '').slice(0, 70)}`);
    if (!p.scenario) {
      out.push(`      ${p.note}`);
      continue;
    }
    const verdicts = p.verdicts.map((v) => `${v.variant}=${v.verdict}${v.verdict === v.expected ? '' : '(!)'}`).join(' ');
    out.push(`      ${p.scenario} (${p.how}): ${verdicts}`);
  }
  for (const u of report.unpatched) {
    const verdicts = u.verdicts.map((v) => `${v.variant}=${v.verdict}${v.verdict === v.expected ? '' : '(!)'}`).join(' ');
    out.push(`  ${u.seed ? `${u.seed} (no patch in the thread)` : 'catalog race (no patch in this database)'}: ${u.scenario}: ${verdicts}`);
  }
  if (l.waitingForScenario.length) out.push(`  declared but not in the simulator yet: ${l.waitingForScenario.join(', ')}`);
  out.push(`  (!) = not the verdict the scenario expects. Replay one: lorelab replay '<message-id>' [--patch N]`);
  return `${out.join('\n')}\n`;
}
