// The head of an entry-based history: the summary in a few sentences and the ranked index of
// every entry (one row each), so a long history stays readable at a glance.
import type { RootContent } from 'mdast';
import { outcomeWords, proposerWords, versionSpan } from './entry-words.js';
import { personName, shortDate } from './format.js';
import { heading, paragraph, strong, table, text } from './mdast.js';
import type { HistoryInput } from './types.js';

export function entrySummary(input: HistoryInput): RootContent[] {
  const entries = input.entries;
  if (entries.length === 0) {
    return [heading(2, 'Summary'), paragraph('No thread in the database matches this subject in the range asked for.')];
  }
  const touching = entries.filter((e) => e.basis === 'touches').length;
  const dates = entries.flatMap((e) => [e.firstDate, e.lastDate]).filter((d): d is string => d !== null).sort();
  const proposers = new Map<string, number>();
  for (const e of entries) if (e.proposer) proposers.set(personName(e.proposer), (proposers.get(personName(e.proposer)) ?? 0) + 1);
  const top = [...proposers].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 6)
    .map(([name, n]) => `${name} (${n})`);
  const reports = entries.reduce((n, e) => n + e.reports.length, 0);
  const robots = [...new Set(entries.flatMap((e) => e.reports.map((r) => personName(r.author))))];
  const races = [...new Set(entries.flatMap((e) => e.races.filter((r) => r.how !== 'candidate').map((r) => r.scenario)))];
  return [heading(2, 'Summary'), paragraph(
    `${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} from ${shortDate(dates[0] ?? null)} to ${shortDate(dates[dates.length - 1] ?? null)}: `,
    `${touching} with patches touching it (every version of a series in one entry), ${entries.length - touching} where people discuss it. `,
    top.length > 0 ? `Proposed by ${top.join(', ')}${proposers.size > top.length ? ` and ${proposers.size - top.length} more` : ''}. ` : '',
    reports > 0 ? `Robots' and build reports: ${reports} (${robots.join(', ')}), listed as reports. ` : '',
    races.length > 0 ? `Races modelled: ${races.join(', ')}.` : '',
  )];
}

export function entryIndex(input: HistoryInput, detailed: number): RootContent[] {
  if (input.entries.length === 0) return [];
  const rows = input.entries.map((e) => [
    shortDate(e.firstDate),
    [strong(`${e.rank}.`), text(` ${e.title}`)],
    proposerWords(e),
    versionSpan(e),
    e.why[0] + (e.why.length > 1 ? ` (+${e.why.length - 1} more)` : ''),
    outcomeWords(e),
  ]);
  const rest = input.entries.length - detailed;
  return [
    heading(2, 'Entries, ranked'),
    paragraph('Patches that change it most first, then discussions. ',
      rest > 0 ? `Entries ${detailed + 1}–${input.entries.length} are only in this table; --full shows every entry in detail.` : ''),
    table(['Date', 'Entry', 'Proposer', 'Versions', 'Why', 'Outcome'], rows),
  ];
}
