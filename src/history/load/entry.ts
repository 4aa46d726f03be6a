// One entry of a history assembled from its group: why it is there, its versions and what
// each did to the subject, the latest version's hunks of the subject, the exchanges about
// them, reviews, robots' reports, races and outcome; then the ranking of all entries.
import type {
  BotReport, HistoryEntry, HistoryThread, HistoryTrailer, MessageCitation, Person, RaceLink, SubjectHunk, TouchingPatch,
} from '../types.js';
import { isBot, isReport } from './bots.js';
import type { EntryGroup } from './group.js';
import { changedLines, type HunkReader } from './hunk-text.js';
import { relevantArguments } from './relevant.js';
import { describeTouch, type Touch } from './touches.js';
import type { UpstreamReader } from './upstream.js';
import { compareVersions, type SeriesRow } from './versions.js';

export interface EntryContext {
  names: string[];
  nameMatcher: RegExp;
  hunks: HunkReader;
  upstream: UpstreamReader;
  /** The series of each lineage, in order. */
  series: Map<number, SeriesRow[]>;
  /** Citations of every loaded message, by Message-ID. */
  cite: (messageId: string) => MessageCitation;
}

const REVIEW = /^(reviewed|acked|tested|reported|suggested)-by$/i;
const person = (name: string | null, email: string | null): Person => ({ name, email });
const byDate = <T extends { date: string | null }>(a: T, b: T) => (a.date ?? '~').localeCompare(b.date ?? '~');

function touchingPatch(t: Touch, ctx: EntryContext, latest: Touch[]): TouchingPatch {
  return {
    message: ctx.cite(t.messageId), subject: t.subject, author: person(t.authorName, t.authorEmail), date: t.date,
    version: t.version, part: t.part, partTotal: t.partTotal, hunks: t.hunks.length,
    additions: t.hunks.reduce((n, h) => n + h.additions, 0), deletions: t.hunks.reduce((n, h) => n + h.deletions, 0),
    upstream: ctx.upstream.outcomeOf(t.patch), latest: latest.includes(t),
  };
}

const hunksOf = (touches: Touch[], ctx: EntryContext): SubjectHunk[] =>
  touches.flatMap((t) => ctx.hunks.hunksOf(t.patch, t.hunks, ctx.names));

function whyLines(group: EntryGroup, latest: Touch[], versionsTouching: number[]): string[] {
  const why = latest.map(describeTouch);
  const earlier = versionsTouching.filter((v) => !latest.some((t) => t.version === v));
  if (earlier.length > 0) why.push(`also touched in ${earlier.map((v) => `v${v}`).join(', ')}`);
  const isPull = (d: { subject: string | null }) => /\[GIT PULL\]/i.test(d.subject ?? '');
  const pulls = group.discussions.filter(isPull);
  if (pulls.length > 0) why.push(`named in a pull request by ${[...new Set(pulls.map((d) => d.authorName ?? d.authorEmail ?? 'unknown'))].join(', ')}`);
  const prose = group.discussions.filter((d) => d.where === 'prose' && !isPull(d));
  const people = [...new Set(prose.map((d) => d.authorName ?? d.authorEmail ?? 'unknown'))];
  if (people.length > 0) {
    why.push(`discussed in prose by ${people.join(', ')} (${prose.length} message${prose.length === 1 ? '' : 's'})`);
  }
  const subjects = group.discussions.filter((d) => d.where === 'subject');
  if (subjects.length > 0) why.push(`named in the subject of a new thread by ${subjects[0].authorName ?? subjects[0].authorEmail ?? 'unknown'}`);
  return why;
}

function uniqueBy<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => (seen.has(key(t)) ? false : (seen.add(key(t)), true)));
}

export function buildEntry(group: EntryGroup, threads: HistoryThread[], ctx: EntryContext): HistoryEntry {
  const lineage = group.lineage !== null ? ctx.series.get(group.lineage) ?? [] : [];
  const touchesOf = (s: SeriesRow) => group.touches.filter((t) => group.seriesOf.get(t.messageId) === s.id);
  const versionInputs = lineage.map((s) => {
    const touches = touchesOf(s);
    const first = s.coverMessageId ?? touches.map((t) => t.messageId)[0] ?? null;
    return { series: s, message: first ? ctx.cite(first) : null, touches, hunks: hunksOf(touches, ctx) };
  });
  const versions = compareVersions(versionInputs);
  // The latest version that touches the subject; without a series, the highest version number.
  const latestInput = [...versionInputs].reverse().find((v) => v.touches.length > 0);
  const maxVersion = Math.max(0, ...group.touches.map((t) => t.version));
  const latest = latestInput?.touches ?? group.touches.filter((t) => t.version === maxVersion);
  const hunks = latestInput?.hunks ?? hunksOf(latest, ctx);
  const allHunks = [...versionInputs.flatMap((v) => v.hunks), ...hunks];
  const messages = threads.flatMap((t) => t.messages);
  const reports: BotReport[] = messages
    .filter((m) => !m.stub && isReport({ name: m.author.name, email: m.author.email, subject: m.subject }))
    .map((m) => ({ message: ctx.cite(m.messageId), author: m.author, date: m.date, subject: m.subject }));
  const firstSeries = lineage[0];
  const humanTouch = [...group.touches].sort(byDate).find((t) => !isBot({ name: t.authorName, email: t.authorEmail }));
  const firstTalk = [...group.discussions].sort(byDate)[0];
  // A discussion entry is proposed by whoever started the thread (its first patch, else its first message).
  const starter = threads.map((t) => t.proposal?.author).find((a) => a && !isBot({ name: a.name, email: a.email }));
  const proposer = firstSeries && !isBot({ name: firstSeries.authorName, email: firstSeries.authorEmail })
    ? person(firstSeries.authorName, firstSeries.authorEmail)
    : humanTouch ? person(humanTouch.authorName, humanTouch.authorEmail)
      : starter ?? (firstTalk ? person(firstTalk.authorName, firstTalk.authorEmail) : null);
  const dates = [...messages.map((m) => m.date), ...group.touches.map((t) => t.date), ...group.discussions.map((d) => d.date)]
    .filter((d): d is string => d !== null).sort();
  const title = (lineage[lineage.length - 1]?.title ?? latest[0]?.subject ?? threads[0]?.subject
    ?? group.discussions[0]?.subject ?? '(no subject)').replace(/^\s*((re|aw|fwd?)\s*:\s*)+/i, '');
  return {
    rank: 0,
    title,
    basis: group.touches.length > 0 ? 'touches' : 'discussed',
    why: whyLines(group, latest, [...new Set(versions.filter((v) => v.hunks > 0).map((v) => v.version))]),
    firstDate: dates[0] ?? null,
    lastDate: dates[dates.length - 1] ?? null,
    proposer,
    versions,
    touching: [...group.touches].sort((a, b) => a.version - b.version || byDate(a, b) || (a.part ?? 0) - (b.part ?? 0))
      .map((t) => touchingPatch(t, ctx, latest)),
    hunks,
    discussion: [...group.discussions].filter((d) => d.excerpt !== '').sort(byDate).map((d) => ({
      message: ctx.cite(d.messageId), author: person(d.authorName, d.authorEmail), date: d.date, text: d.excerpt,
    })),
    arguments: relevantArguments(threads.flatMap((t) => t.arguments), { changed: changedLines(allHunks), names: ctx.nameMatcher }),
    reviews: uniqueBy(threads.flatMap((t) => t.trailers).filter((t: HistoryTrailer) => REVIEW.test(t.name)),
      (t) => `${t.name.toLowerCase()}\u0000${(t.person.email ?? t.person.name ?? t.value).toLowerCase()}`),
    reports,
    races: uniqueBy(threads.flatMap((t) => t.races), (r: RaceLink) => r.scenario),
    outcome: uniqueBy(threads.flatMap((t) => t.outcome), (o) => o.text),
    threads: threads.map((t) => t.rootMessageId),
  };
}

/** Touching entries first, by how many of the subject's lines they change, then discussions by how many. */
export function rankEntries(entries: HistoryEntry[]): HistoryEntry[] {
  const lines = (e: HistoryEntry) => Math.max(e.hunks.reduce((n, h) => n + h.additions + h.deletions, 0),
    ...e.versions.map((v) => v.additions + v.deletions));
  const weight = (e: HistoryEntry) => e.basis === 'touches'
    ? [1, lines(e), Math.max(0, ...e.versions.map((v) => v.hunks), e.hunks.length)]
    : [0, e.discussion.length, e.arguments.length];
  return [...entries]
    .sort((a, b) => {
      const wa = weight(a);
      const wb = weight(b);
      for (let i = 0; i < wa.length; i++) if (wa[i] !== wb[i]) return wb[i] - wa[i];
      return (a.firstDate ?? '~').localeCompare(b.firstDate ?? '~') || a.title.localeCompare(b.title);
    })
    .map((e, i) => ({ ...e, rank: i + 1 }));
}
