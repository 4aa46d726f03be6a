// Printing a replay for people: which patch, which scenario and how it was linked, one line per
// variant verdict, then the shortest counterexample as numbered steps and its schedule.
import type { ReplayReport } from './replay.js';
import type { VariantRun } from './sim-port.js';

export function verdictLine(r: VariantRun): string {
  const mark = r.verdict === r.expected ? '' : `  [expected ${r.expected}]`;
  const what = r.verdict === 'ok' ? 'ok' : `${r.verdict} of ${r.invariant}`;
  return `${r.variant.padEnd(24)} ${r.kind.padEnd(8)} ${what}${mark}  (${r.states} states, ${r.ms.toFixed(1)} ms${r.complete ? '' : ', search stopped at its limit'})`;
}

export function formatCounterexample(r: VariantRun): string[] {
  const width = Math.max(6, ...r.trace.map((s) => s.threadName.length));
  const digits = String(r.trace.length).length;
  return [
    `Shortest counterexample (${r.variant}, ${r.trace.length} steps):`,
    ...r.trace.map((s) => `  ${String(s.n).padStart(digits)}. ${s.threadName.padEnd(width)}  ${s.label}`),
    `  ✗ ${r.invariant}: ${r.detail}`,
    ...(r.invariantSays ? [`    (${r.invariantSays})`] : []),
    `  schedule: ${r.schedule}`,
  ];
}

export function formatReplay(report: ReplayReport): string {
  const p = report.patch;
  const lines = [
    `Patch ${p.ordinal} of <${p.messageId}>${p.subject ? `: ${p.subject}` : ''}`,
    `patch-id ${p.patchId ?? '(none)'}`,
    `Scenario ${report.scenario.id} (${report.how}): ${report.scenario.title}`,
    '',
    ...report.runs.map(verdictLine),
  ];
  if (report.counterexample) lines.push('', ...formatCounterexample(report.counterexample));
  if (report.surprises.length) lines.push('', `Unexpected verdicts: ${report.surprises.join('; ')}`);
  return `${lines.join('\n')}\n`;
}
