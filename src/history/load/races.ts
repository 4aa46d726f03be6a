// The races linked to a thread: scenarios linked to its patches (patch_scenarios), or
// written from its seed file (scenarios.seed), with the latest verdict of each variant and
// the shortest recorded counterexample.
import { basename } from 'node:path';
import type { CounterexampleStep, MessageCitation, RaceEvidence, RaceLink, RaceVerdict } from '../types.js';
import { placeholders, type Reader } from './sql.js';

const HOW_ORDER = ['declared', 'same-series', 'seed', 'candidate'];

/** Trace steps as the simulator stores them: objects with thread/label, or 'thread: label'. */
export function parseTrace(trace: string | null): CounterexampleStep[] {
  if (!trace) return [];
  let json: unknown;
  try {
    json = JSON.parse(trace);
  } catch {
    return [];
  }
  if (!Array.isArray(json)) return [];
  return json.flatMap((step): CounterexampleStep[] => {
    if (typeof step === 'string') {
      const at = step.indexOf(':');
      return at > 0 ? [{ thread: step.slice(0, at).trim(), label: step.slice(at + 1).trim() }] : [{ thread: '?', label: step }];
    }
    if (step && typeof step === 'object') {
      const s = step as Record<string, unknown>;
      const thread = [s.threadName, s.thread, s.actor, s.proc].find((v) => typeof v === 'string') as string | undefined;
      const label = [s.label, s.step, s.what, s.text, s.action].find((v) => typeof v === 'string') as string | undefined;
      if (thread && label) return [{ thread, label }];
    }
    return [];
  });
}

function verdictsOf(reader: Reader, scenario: string): { verdicts: RaceVerdict[]; counterexample: RaceLink['counterexample'] } {
  const runs = reader.all<{ variant: string; verdict: string; invariant: string | null; states: number | null; schedule: string | null; trace: string | null }>(
    `SELECT variant, verdict, invariant, states, schedule, trace FROM scenario_runs r
     WHERE scenario = ? AND id = (SELECT max(id) FROM scenario_runs WHERE scenario = r.scenario AND variant = r.variant)
     ORDER BY variant`, [scenario]);
  const verdicts = runs.map(({ trace: _t, ...v }) => v);
  let counterexample: RaceLink['counterexample'] = null;
  for (const run of runs) {
    if (run.verdict === 'ok') continue;
    const steps = parseTrace(run.trace);
    if (steps.length > 0 && (!counterexample || steps.length < counterexample.steps.length)) {
      counterexample = { variant: run.variant, steps };
    }
  }
  return { verdicts, counterexample };
}

/** The statement-level evidence of a candidate link (patch_scenarios.evidence), checked field by field. */
export function parseEvidence(json: string | null): RaceEvidence[] {
  if (!json) return [];
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value.flatMap((e): RaceEvidence[] => {
    const r = (e ?? {}) as Record<string, unknown>;
    const fields = [r.function, r.operation, r.line, r.step];
    if (!fields.every((f) => typeof f === 'string') || (r.side !== 'added' && r.side !== 'removed')) return [];
    return [{ function: r.function as string, operation: r.operation as string, side: r.side, line: r.line as string, step: r.step as string }];
  });
}

export function racesOf(reader: Reader, messages: MessageCitation[], seeds: string[]): RaceLink[] {
  const ids = messages.map((m) => m.messageId);
  const synthetic = new Map(messages.map((m) => [m.messageId, m.synthetic]));
  const links = new Map<string, RaceLink>();
  // Candidate links mean something only with the statements they rest on (the evidence column).
  const withEvidence = reader.all<{ name: string }>("SELECT name FROM pragma_table_info('patch_scenarios')")
    .some((c) => c.name === 'evidence');
  const linked = ids.length === 0 ? [] : reader.all<{ scenario: string; title: string; how: string; score: number | null; message_id: string; evidence: string | null }>(
    `SELECT ps.scenario, s.title, ps.how, ps.score, p.message_id, ${withEvidence ? 'ps.evidence' : 'NULL AS evidence'}
       FROM patch_scenarios ps JOIN patches p ON p.id = ps.patch JOIN scenarios s ON s.id = ps.scenario
     WHERE p.message_id IN (${placeholders(ids.length)}) ORDER BY ps.scenario, p.message_id`, ids);
  for (const row of linked) {
    const evidence = parseEvidence(row.evidence);
    if (row.how === 'candidate' && evidence.length === 0) continue;
    const link = links.get(row.scenario) ?? {
      scenario: row.scenario, title: row.title, how: row.how, score: row.score, patches: [], verdicts: [], counterexample: null, evidence: [],
    };
    if (HOW_ORDER.indexOf(row.how) < HOW_ORDER.indexOf(link.how)) link.how = row.how;
    for (const e of evidence) if (!link.evidence.some((o) => JSON.stringify(o) === JSON.stringify(e))) link.evidence.push(e);
    if (!link.patches.some((p) => p.messageId === row.message_id)) {
      link.patches.push({ messageId: row.message_id, synthetic: synthetic.get(row.message_id) ?? false });
    }
    links.set(row.scenario, link);
  }
  const seedNames = new Set(seeds.map((s) => basename(s)));
  for (const s of reader.all<{ id: string; title: string; seed: string | null }>('SELECT id, title, seed FROM scenarios ORDER BY id')) {
    if (!s.seed || !seedNames.has(basename(s.seed)) || links.has(s.id)) continue;
    links.set(s.id, { scenario: s.id, title: s.title, how: 'seed', score: null, patches: [], verdicts: [], counterexample: null, evidence: [] });
  }
  return [...links.values()]
    .sort((a, b) => HOW_ORDER.indexOf(a.how) - HOW_ORDER.indexOf(b.how) || a.scenario.localeCompare(b.scenario))
    // A candidate is where a race could live, not a verdict on this patch: no verdicts for it.
    .map((l) => (l.how === 'candidate' ? l : { ...l, ...verdictsOf(reader, l.scenario) }));
}
