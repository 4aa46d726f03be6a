// Grouping postings into series. A series is anchored where git send-email anchors it: the
// cover letter [PATCH 0/N], else patch 1 (the others reply to it, or chain-reply to each
// other). Parts whose cover is not in the archive group under that missing parent; parts
// sent without threading group by author, version and size when sent within a day.
import type { SubjectTags } from '../types.js';
import type { Series, SeriesMessage, SeriesPart } from './types.js';
import { authorKey, parseSubjectTags } from './title.js';

interface Candidate {
  message: SeriesMessage;
  tags: SubjectTags;
  author: string;
  /** Author, version and size: what every part of one posting shares. */
  signature: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A message that starts or belongs to a series: not a reply, not a pull request, a patch or tagged as one. */
function candidateOf(message: SeriesMessage): Candidate | null {
  if (typeof message?.messageId !== 'string' || !message.messageId) return null;
  const tags = parseSubjectTags(message.subject ?? '');
  if (tags.isReply || tags.tags.some((t) => t.toUpperCase() === 'GIT PULL')) return null;
  // Without a diff of its own, a message counts when numbered as a patch: the cover letter
  // [PATCH 0/N], or a part whose diff could not be read.
  const numberedPatch = tags.partTotal !== null && tags.tags.some((t) => /PATCH|RFC/i.test(t));
  if (!message.hasPatch && !numberedPatch) return null;
  const author = authorKey(message.authorEmail, message.authorName);
  const total = tags.partTotal ?? 1;
  return { message, tags, author, signature: `${author}|v${tags.version}|${total}` };
}

function time(date: string | null): number {
  const t = date ? Date.parse(date) : NaN;
  return Number.isNaN(t) ? 0 : t;
}

/**
 * Parent and child are parts of one posting: same author and size, same version — or an
 * untagged child under a versioned cover letter (some senders put 'v3' on the cover only).
 */
function samePosting(parent: Candidate, child: Candidate): boolean {
  if (parent.tags.partTotal === null || parent.tags.partTotal !== child.tags.partTotal || parent.author !== child.author) return false;
  return parent.tags.version === child.tags.version || (parent.tags.part === 0 && child.tags.version === 1);
}

/** Walks up the thread while the parent is a part of the same posting; returns the topmost. */
function topOf(candidate: Candidate, byId: Map<string, Candidate>): Candidate {
  let top = candidate;
  const seen = new Set<string>([top.message.messageId]);
  for (;;) {
    const parentId = top.message.parentMessageId;
    const parent = parentId ? byId.get(parentId) : undefined;
    if (!parent || seen.has(parent.message.messageId) || !samePosting(parent, candidate)) return top;
    seen.add(parent.message.messageId);
    top = parent;
  }
}

/**
 * The group a part belongs to: the top of the thread of parts (the cover letter, else patch 1)
 * when others hang below it; else the message several tops answer (a cover missing from the
 * archive); else null, for parts that look unthreaded (some mail servers give every message
 * a private, unarchived parent).
 */
function anchorKey(candidate: Candidate, top: Candidate, partsBelowTop: number, topsUnderParent: number): string | null {
  if (candidate.tags.partTotal === null) return `msg:${candidate.message.messageId}`;
  if (partsBelowTop > 1) return `msg:${top.message.messageId}`;
  const parentId = top.message.parentMessageId;
  if (parentId && topsUnderParent > 1) return `under:${parentId}|${candidate.signature}`;
  return null;
}

/** Unthreaded parts of one signature: consecutive within a day, a new group when a part repeats. */
function looseGroups(loose: Candidate[]): Map<string, Candidate[]> {
  const bySignature = new Map<string, Candidate[]>();
  for (const c of loose) bySignature.set(c.signature, [...(bySignature.get(c.signature) ?? []), c]);
  const groups = new Map<string, Candidate[]>();
  for (const [signature, list] of bySignature) {
    list.sort((a, b) => time(a.message.date) - time(b.message.date));
    let current: Candidate[] = [];
    let start = 0;
    const close = () => {
      if (current.length) groups.set(`loose:${signature}|${current[0].message.messageId}`, current);
      current = [];
    };
    for (const c of list) {
      const repeats = current.some((o) => o.tags.part === c.tags.part);
      if (current.length && (repeats || time(c.message.date) - start > DAY_MS)) close();
      if (!current.length) start = time(c.message.date);
      current.push(c);
    }
    close();
  }
  return groups;
}

function seriesOf(key: string, members: Candidate[]): Series {
  const cover = members.find((c) => c.tags.part === 0) ?? null;
  const parts: SeriesPart[] = members
    .filter((c) => c !== cover)
    .map((c) => ({ part: c.tags.part ?? 1, messageId: c.message.messageId, date: c.message.date }))
    .sort((a, b) => a.part - b.part || time(a.date) - time(b.date));
  const first = cover ?? members.find((c) => c.message.messageId === parts[0]?.messageId) ?? members[0];
  const partTotal = first.tags.partTotal ?? 1;
  const present = new Set(parts.map((p) => p.part));
  const missingParts: number[] = [];
  for (let n = 1; n <= partTotal && n <= 1000; n++) if (!present.has(n)) missingParts.push(n);
  const dates = members.map((c) => c.message.date).filter((d): d is string => !!d).sort();
  const changeId = members.flatMap((c) => c.message.changeIds)[0] ?? null;
  return {
    key,
    authorEmail: first.message.authorEmail?.toLowerCase() ?? null,
    authorName: first.message.authorName,
    title: first.tags.title,
    version: first.tags.version,
    partTotal,
    tags: first.tags.tags.filter((t) => t.toUpperCase() !== 'PATCH'),
    coverMessageId: cover?.message.messageId ?? null,
    parts,
    missingParts,
    complete: missingParts.length === 0,
    changeId,
    firstDate: dates[0] ?? null,
    lastDate: dates[dates.length - 1] ?? null,
  };
}

/** Every posting of a series in the messages given, oldest first. Never throws; bad rows are skipped. */
export function groupSeries(messages: readonly SeriesMessage[]): Series[] {
  const candidates: Candidate[] = [];
  const byId = new Map<string, Candidate>();
  for (const message of Array.isArray(messages) ? messages : []) {
    const candidate = candidateOf(message);
    if (!candidate || byId.has(message.messageId)) continue;
    candidates.push(candidate);
    byId.set(message.messageId, candidate);
  }
  const groups = new Map<string, Candidate[]>();
  const loose: Candidate[] = [];
  const tops = new Map(candidates.map((c) => [c, topOf(c, byId)]));
  const below = new Map<Candidate, number>();
  for (const top of tops.values()) below.set(top, (below.get(top) ?? 0) + 1);
  const underParent = new Map<string, number>();
  for (const top of below.keys()) {
    const key = `${top.message.parentMessageId}|${top.signature}`;
    if (top.message.parentMessageId) underParent.set(key, (underParent.get(key) ?? 0) + 1);
  }
  for (const candidate of candidates) {
    const top = tops.get(candidate)!;
    const key = anchorKey(candidate, top, below.get(top) ?? 0, underParent.get(`${top.message.parentMessageId}|${top.signature}`) ?? 0);
    if (key === null) loose.push(candidate);
    else groups.set(key, [...(groups.get(key) ?? []), candidate]);
  }
  for (const [key, members] of looseGroups(loose)) groups.set(key, members);
  return [...groups]
    .map(([key, members]) => seriesOf(key, members))
    .sort((a, b) => (a.firstDate ?? '').localeCompare(b.firstDate ?? '') || a.key.localeCompare(b.key));
}
