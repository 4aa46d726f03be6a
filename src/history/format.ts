// Small wordings shared by the Markdown and the HTML view, so both say the same thing.
import type { HistoryThread, Person, RaceLink, HistoryPatch, MessageCitation } from './types.js';

const LORE = 'https://lore.kernel.org/r/';

/** The lore link of a real Message-ID; null for synthetic ids, which have no lore page. */
export function loreUrl(citation: MessageCitation): string | null {
  if (citation.synthetic || citation.messageId.endsWith('.invalid')) return null;
  // '/' and '?' would break the path; '@', '=', '+' are kept readable as lore writes them.
  const encoded = encodeURIComponent(citation.messageId)
    .replace(/%40/g, '@')
    .replace(/%3D/g, '=')
    .replace(/%2B/g, '+');
  return LORE + encoded;
}

export function personName(person: Person | null): string {
  if (!person) return 'unknown author';
  return person.name ?? person.email ?? 'unknown author';
}

/** '2003-06-01T12:22:00Z' → '2003-06-01'; other text is shown as written. */
export function shortDate(date: string | null): string {
  if (!date) return 'date unknown';
  const m = /^(\d{4}-\d{2}-\d{2})T/.exec(date);
  return m ? m[1] : date;
}

/** The distinct authors of a thread's archived messages, in order of first appearance. */
export function participants(thread: HistoryThread): string[] {
  const seen: string[] = [];
  for (const m of thread.messages) {
    if (m.stub) continue;
    const name = personName(m.author);
    if (!seen.includes(name)) seen.push(name);
  }
  return seen;
}

export function patchLabel(patch: HistoryPatch): string {
  const series = patch.partTotal ? ` ${patch.part ?? '?'}/${patch.partTotal}` : '';
  const version = patch.version > 1 ? ` v${patch.version}` : '';
  const title = patch.subject ?? patch.attachmentName ?? `patch ${patch.ordinal}`;
  return `${title}${version === '' && series === '' ? '' : ` (${`${version}${series}`.trim()})`}`;
}

export function patchTotals(patches: HistoryPatch[]): string {
  if (patches.length === 0) return 'none';
  const plus = patches.reduce((n, p) => n + p.insertions, 0);
  const minus = patches.reduce((n, p) => n + p.deletions, 0);
  return `${patches.length} (+${plus}/−${minus})`;
}

/** 'truncate-nopage: before → violation, patched → ok'. */
export function raceSummary(race: RaceLink): string {
  if (race.how === 'candidate') return `${race.scenario}: changes code it lives in`;
  if (race.verdicts.length === 0) return `${race.scenario}: not replayed yet`;
  const parts = race.verdicts.map((v) => `${v.variant} → ${v.verdict}`);
  return `${race.scenario}: ${parts.join(', ')}`;
}

export function racesSummary(races: RaceLink[]): string {
  return races.length === 0 ? 'no scenario linked' : races.map(raceSummary).join('; ');
}

/** One line on what happened in a thread, for the timeline. */
export function whatHappened(thread: HistoryThread): string {
  const archived = thread.messages.filter((m) => !m.stub).length;
  const bits: string[] = [];
  if (thread.proposal) bits.push(`${personName(thread.proposal.author)} proposes`);
  if (thread.patches.length > 0) bits.push(`${thread.patches.length} patch${thread.patches.length === 1 ? '' : 'es'} posted`);
  if (thread.arguments.length > 0) bits.push(`${thread.arguments.length} argument pair${thread.arguments.length === 1 ? '' : 's'}`);
  bits.push(`${archived} archived message${archived === 1 ? '' : 's'}`);
  if (thread.stubs.length > 0) bits.push(`${thread.stubs.length} known only from the overview`);
  return bits.join('; ');
}

/** A stable anchor for a thread section, the same in Markdown and HTML. */
export function threadAnchor(index: number): string {
  return `thread-${index + 1}`;
}
