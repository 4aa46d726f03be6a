// The head of a history: what was looked for, the summary, the lineage followed, the timeline.
import type { RootContent } from 'mdast';
import {
  participants, patchTotals, personName, racesSummary, shortDate, whatHappened,
} from './format.js';
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

export function summarySection(input: HistoryInput): RootContent[] {
  const threads = input.threads;
  if (threads.length === 0) {
    return [heading(2, 'Summary'), paragraph('No thread in the database matches this subject in the range asked for.')];
  }
  const archived = threads.reduce((n, t) => n + t.messages.filter((m) => !m.stub).length, 0);
  const stubs = threads.reduce((n, t) => n + t.stubs.length, 0);
  const patches = threads.flatMap((t) => t.patches);
  const people = [...new Set(threads.flatMap(participants))];
  const races = [...new Set(threads.flatMap((t) => t.races.map((r) => r.scenario)))];
  const first = shortDate(threads[0].firstDate);
  const last = shortDate(threads[threads.length - 1].lastDate ?? threads[threads.length - 1].firstDate);
  const sentences: Inline[] = [
    `${threads.length} thread${threads.length === 1 ? '' : 's'} from ${first} to ${last}: `,
    `${archived} archived message${archived === 1 ? '' : 's'}`,
    stubs > 0 ? ` and ${stubs} known only from thread overviews` : '',
    `; patches: ${patchTotals(patches)}. `,
    `People: ${people.join(', ') || 'unknown'}. `,
    races.length > 0 ? `Races modelled: ${races.join(', ')}.` : 'No race scenario is linked yet.',
  ];
  const proposers = threads
    .filter((t) => t.proposal)
    .map((t) => `${personName(t.proposal!.author)} (${shortDate(t.proposal!.date)})`);
  const out: RootContent[] = [heading(2, 'Summary'), paragraph(...sentences.filter((s) => s !== ''))];
  if (proposers.length > 0) out.push(paragraph('Proposals, in order: ', proposers.join('; '), '.'));
  return out;
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
