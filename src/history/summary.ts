// The head of a history: what was looked for, the lineage followed, the thread timeline (--full).
import type { RootContent } from 'mdast';
import { participants, patchTotals, racesSummary, shortDate, whatHappened } from './format.js';
import { code, heading, list, paragraph, strong, table, text, type Inline } from './mdast.js';
import type { HistoryInput, LineageStep } from './types.js';

export function titleSection(input: HistoryInput): RootContent[] {
  const { subject } = input;
  const range = input.since || input.until
    ? `, from ${input.since ?? 'the beginning'} until ${input.until ?? 'now'}`
    : '';
  return [
    heading(1, 'Design history of ', code(subject.query)),
    paragraph(
      `Selected by ${subject.kind}${range}. Names followed: `,
      ...subject.names.flatMap((name, i): Inline[] => (i === 0 ? [code(name)] : [', ', code(name)])),
      '.',
    ),
  ];
}

function lineageItem(step: LineageStep): Inline[] {
  const where = [step.release ? `release ${step.release}` : null, step.commit ? `commit ${step.commit}` : null]
    .filter((s): s is string => s !== null)
    .join(', ');
  return [
    code(step.from), ' became ',
    ...step.to.flatMap((name, i): Inline[] => (i === 0 ? [code(name)] : [', ', code(name)])),
    ` — ${where || 'when unknown'}; source: ${step.citation}`,
    step.source === 'patch' ? ' (rename detected in a patch)' : ' (corpora/lineage.json)',
  ];
}

export function lineageSection(input: HistoryInput): RootContent[] {
  if (input.subject.lineage.length === 0) return [];
  return [heading(2, 'Lineage followed'), list(input.subject.lineage.map(lineageItem))];
}

export function timelineSection(input: HistoryInput): RootContent[] {
  if (input.threads.length === 0) return [];
  const rows = input.threads.map((t, i) => [
    shortDate(t.firstDate),
    [strong(`${i + 1}.`), text(` ${t.subject ?? '(no subject)'}`)],
    participants(t).join(', ') || 'unknown',
    whatHappened(t),
    patchTotals(t.patches),
    racesSummary(t.races),
  ]);
  return [
    heading(2, 'Timeline'),
    table(['Date', 'Thread', 'People', 'What happened', 'Patches', 'Race verdict'], rows),
  ];
}
