// Wordings of an entry shared by the Markdown, the HTML view and the index table: versions,
// race links (verdicts only for firm links, evidence for candidates), outcome in a few words.
import { personName, shortDate } from './format.js';
import type { EntryVersion, HistoryEntry, RaceLink } from './types.js';

/** 'v2 (2019-12-26)'; a version number an earlier post already had is a repost ('v1 repost (…)'). */
function versionName(v: EntryVersion, i: number, all: readonly EntryVersion[]): string {
  const repost = all.slice(0, i).some((earlier) => earlier.version === v.version);
  return `v${v.version}${repost ? ' repost' : ''} (${shortDate(v.date)})`;
}

function versionWords(v: EntryVersion, i: number, all: readonly EntryVersion[]): string {
  const counts = `+${v.additions}/−${v.deletions} in ${v.hunks} hunk${v.hunks === 1 ? '' : 's'}`;
  const name = versionName(v, i, all);
  switch (v.change) {
    case 'not touched': return `${name} does not touch it`;
    case 'unchanged': return `${name} unchanged`;
    case 'changed': return `${name} changed: ${counts}`;
    default: return `${name} ${counts}`;
  }
}

/** 'v1 (2019-12-26) +81/−31 in 2 hunks → v2 (…) unchanged → …', or null for a single version. */
export function versionsLine(e: HistoryEntry): string | null {
  if (e.versions.length < 2) return null;
  // A series that only discusses the subject: its versions, without what they did to it.
  if (e.versions.every((v) => v.hunks === 0)) return e.versions.map(versionName).join(' → ');
  return e.versions.map(versionWords).join(' → ');
}

/** 'v1–v3' for the index table. */
export function versionSpan(e: HistoryEntry): string {
  const numbers = e.versions.length > 0 ? e.versions.map((v) => v.version) : e.touching.map((t) => t.version);
  if (numbers.length === 0) return '—';
  const lo = Math.min(...numbers);
  const hi = Math.max(...numbers);
  if (lo !== hi) return `v${lo}–v${hi}`;
  // Several posts of one version number (reposts); touching patches of one post are not versions.
  return e.versions.length > 1 ? `v${lo} ×${e.versions.length}` : `v${lo}`;
}

/** A race link in one line: verdicts for declared, same-series and seed links; evidence for candidates. */
export function entryRace(race: RaceLink): string {
  if (race.how === 'candidate') {
    const where = race.evidence.map((e) => `${e.step} (${e.side} “${e.line.trim()}” in ${e.function})`);
    return `changes code the ${race.scenario} race lives in: ${where.join('; ')}`;
  }
  const verdicts = race.verdicts.length === 0 ? 'not replayed yet'
    : race.verdicts.map((v) => `${v.variant} → ${v.verdict}`).join(', ');
  return `${race.scenario} (${race.how}): ${verdicts}`;
}

/** What became of the entry, in a few words, for the index table. */
export function outcomeWords(e: HistoryEntry): string {
  const upstream = [...new Set(e.touching.filter((t) => t.latest && t.upstream).map((t) => t.upstream!))];
  const races = e.races.filter((r) => r.how !== 'candidate').map(entryRace);
  const bits = [...upstream, ...races];
  if (bits.length === 0 && e.outcome.length > 0) bits.push(e.outcome[0].text);
  return bits.join('; ') || '—';
}

export function proposerWords(e: HistoryEntry): string {
  return e.proposer ? personName(e.proposer) : 'robots only';
}
