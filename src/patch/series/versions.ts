// Versions of one series across threads. Four kinds of evidence tie two postings together:
// the same Change-Id (b4 keeps one per series), a link from one posting's text to a message
// of the other (b4's "Link to v1: https://lore.kernel.org/r/…"), the same author with the
// same normalised title of the cover letter or of patch 1, and — weakest, asked last — a
// rename: the same author's next version number, posted soon after under a title that keeps
// most of its words ("fs: introduce is_dot_dotdot helper" v3 → "fs: introduce is_dot_or_dotdot
// helper" v4). Postings tied together form one lineage, ordered by version (a v1 is the
// untagged one), then by date.
import type { Series, SeriesLineage, SeriesMessage, VersionEvidence } from './types.js';
import { authorKey, normaliseTitle, parseSubjectTags } from './title.js';

/** Same title and same version (a repost) counts only this close in time; across versions, any gap. */
const REPOST_WINDOW_MS = 180 * 24 * 60 * 60 * 1000;
/** A renamed next version follows within this time… */
const RENAME_WINDOW_MS = 120 * 24 * 60 * 60 * 1000;
/** …and shares at least this part of its title's words (Jaccard), under the same subsystem prefix. */
const RENAME_SIMILARITY = 0.6;

function time(date: string | null): number {
  const t = date ? Date.parse(date) : NaN;
  return Number.isNaN(t) ? 0 : t;
}

class Components {
  private parent: number[];
  constructor(size: number) {
    this.parent = Array.from({ length: size }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) i = this.parent[i] = this.parent[this.parent[i]];
    return i;
  }
  join(a: number, b: number): void {
    this.parent[this.find(a)] = this.find(b);
  }
}

/** Titles a posting is known by: its cover's and its patch 1's, normalised. */
function titlesOf(series: Series, subjectOf: Map<string, string | null>): Set<string> {
  const titles = new Set<string>([normaliseTitle(series.title)]);
  const first = series.parts.find((p) => p.part === 1);
  const subject = first ? subjectOf.get(first.messageId) : null;
  if (subject) titles.add(normaliseTitle(parseSubjectTags(subject).title));
  titles.delete('');
  return titles;
}

function membersOf(series: Series): string[] {
  return [...(series.coverMessageId ? [series.coverMessageId] : []), ...series.parts.map((p) => p.messageId)];
}

function isEarlierPostingBySameAuthor(earlier: Series, later: Series): boolean {
  return authorKey(earlier.authorEmail, earlier.authorName) === authorKey(later.authorEmail, later.authorName)
    && earlier.version <= later.version && time(earlier.firstDate) <= time(later.firstDate);
}

/** Groups postings into lineages and says, for each step, what ties it to the one before. */
export function linkVersions(series: readonly Series[], messages: readonly SeriesMessage[]): SeriesLineage[] {
  const subjectOf = new Map(messages.map((m) => [m.messageId, m.subject]));
  const seriesOfMessage = new Map<string, number>();
  series.forEach((s, i) => membersOf(s).forEach((id) => seriesOfMessage.set(id, i)));
  const evidence = new Map<string, Set<VersionEvidence>>();
  const pairKey = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`);
  const components = new Components(series.length);
  const tie = (a: number, b: number, why: VersionEvidence) => {
    if (a === b) return;
    components.join(a, b);
    const key = pairKey(a, b);
    evidence.set(key, (evidence.get(key) ?? new Set()).add(why));
  };

  const titles = series.map((s) => titlesOf(s, subjectOf));
  const byChangeId = new Map<string, number>();
  const byTitle = new Map<string, number[]>();
  series.forEach((s, i) => {
    if (s.changeId) {
      const seen = byChangeId.get(s.changeId);
      if (seen === undefined) byChangeId.set(s.changeId, i);
      else tie(seen, i, 'change-id');
    }
    for (const title of titles[i]) {
      const key = `${authorKey(s.authorEmail, s.authorName)}|${title}`;
      byTitle.set(key, [...(byTitle.get(key) ?? []), i]);
    }
  });
  for (const message of messages) {
    const from = seriesOfMessage.get(message.messageId);
    if (from === undefined) continue;
    for (const linked of message.linkedMessageIds) {
      const to = seriesOfMessage.get(linked);
      if (to !== undefined && isEarlierPostingBySameAuthor(series[to], series[from])) tie(from, to, 'link');
    }
  }
  for (const list of byTitle.values()) {
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const [a, b] = [series[list[x]], series[list[y]]];
        const repost = a.version === b.version;
        if (!repost || Math.abs(time(a.firstDate) - time(b.firstDate)) <= REPOST_WINDOW_MS) tie(list[x], list[y], 'title');
      }
    }
  }

  tieRenames(series, titles, components, tie);

  const lineages = new Map<number, number[]>();
  series.forEach((_, i) => {
    const root = components.find(i);
    lineages.set(root, [...(lineages.get(root) ?? []), i]);
  });
  return [...lineages.values()].map((members) => {
    members.sort((a, b) => series[a].version - series[b].version || time(series[a].firstDate) - time(series[b].firstDate) || a - b);
    return {
      members,
      evidence: members.map((m, i) => {
        if (i === 0) return 'lineage' as const;
        const direct = evidence.get(pairKey(members[i - 1], m));
        return direct ? [...direct].sort() : ('lineage' as const);
      }),
    };
  });
}

/**
 * Ties each posting of version n ≥ 2 to the same author's most similar posting of version n − 1
 * from the weeks before it, when no other evidence did and neither lineage already holds the
 * other's version number.
 */
function tieRenames(series: readonly Series[], titles: readonly Set<string>[], components: Components, tie: (a: number, b: number, why: VersionEvidence) => void): void {
  const byAuthorVersion = new Map<string, number[]>();
  const keyOf = (s: Series, version: number) => `${authorKey(s.authorEmail, s.authorName)}|${version}`;
  // The version numbers each lineage holds so far, by its root; merged as renames tie lineages.
  const versionsOf = new Map<number, Set<number>>();
  const dates = series.map((s) => time(s.firstDate));
  series.forEach((s, i) => {
    const key = keyOf(s, s.version);
    const list = byAuthorVersion.get(key);
    if (list) list.push(i);
    else byAuthorVersion.set(key, [i]);
    const root = components.find(i);
    versionsOf.set(root, (versionsOf.get(root) ?? new Set()).add(s.version));
  });
  const words = new Map<number, TitleWords[]>();
  const titlesAt = (i: number) => words.get(i) ?? words.set(i, [...titles[i]].map(titleWords)).get(i)!;
  series.forEach((later, b) => {
    if (later.version < 2) return;
    let best = -1;
    let bestScore = RENAME_SIMILARITY;
    for (const a of byAuthorVersion.get(keyOf(later, later.version - 1)) ?? []) {
      const gap = dates[b] - dates[a];
      if (gap < 0 || gap > RENAME_WINDOW_MS || components.find(a) === components.find(b)) continue;
      const score = bestTitleSimilarity(titlesAt(a), titlesAt(b));
      if (score >= bestScore) [best, bestScore] = [a, score];
    }
    if (best < 0) return;
    const earlier = versionsOf.get(components.find(best))!;
    const mine = versionsOf.get(components.find(b))!;
    for (const v of mine) if (earlier.has(v)) return;
    tie(best, b, 'renamed');
    versionsOf.set(components.find(b), new Set([...earlier, ...mine]));
  });
}

/** A title's subsystem prefix ("mm", "fs/ext4") and its words. */
interface TitleWords {
  prefix: string;
  words: Set<string>;
}

function titleWords(title: string): TitleWords {
  return { prefix: /^([^\s:]+):/.exec(title)?.[1] ?? '', words: new Set(title.split(/[\s,;()"']+/).filter(Boolean)) };
}

function bestTitleSimilarity(a: TitleWords[], b: TitleWords[]): number {
  let best = 0;
  for (const x of a) for (const y of b) best = Math.max(best, wordSimilarity(x, y));
  return best;
}

/** Shared words over all words (Jaccard); 0 when the subsystem prefixes ("mm:", "fs/ext4:") differ. */
function wordSimilarity(a: TitleWords, b: TitleWords): number {
  if (a.prefix !== b.prefix) return 0;
  let shared = 0;
  for (const w of a.words) if (b.words.has(w)) shared++;
  const all = a.words.size + b.words.size - shared;
  return all === 0 ? 0 : shared / all;
}
